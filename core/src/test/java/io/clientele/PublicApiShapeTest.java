package io.clientele;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.lastAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.Note;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.AddressService;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.GroupService;
import io.clientele.client.service.LabelService;
import io.clientele.client.service.LockService;
import io.clientele.client.service.NoteService;
import io.clientele.client.service.PassService;
import io.clientele.client.service.PhotoService;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 point 9, "API a host enjoys", outside invitations: no {@code Optional} parameters in
 * public methods, one argument order (client, then the thing) and one kind of result for the
 * changes to a profile section.
 */
class PublicApiShapeTest {

    private final TestClientele t = new TestClientele();
    private final Clientele c = t.clientele;

    @Nested
    class NoOptionalParameters {

        /**
         * A host had to write {@code Optional.empty()} to call {@code issueMembershipCredits},
         * {@code credits().list}, {@code addMembership} or {@code recordSelfService}. Record
         * constructors keep their {@code Optional} components (every record has one such
         * constructor); hosts build those values with factories and withers instead.
         */
        @Test
        void no_public_method_of_the_services_models_and_touched_ports_takes_an_optional() {
            JavaClasses classes = ArchitectureTest.mainClasses("io.clientele.credit", "io.clientele.membership", "io.clientele.order",
                            "io.clientele.payment", "io.clientele.consent", "io.clientele.intake",
                            "io.clientele.export", "io.clientele.client.model", "io.clientele.client.service",
                            "io.clientele.profile");
            List<String> offenders = classes.stream()
                    .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                    .flatMap(c -> c.getMethods().stream())
                    .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                    .filter(m -> m.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(Optional.class)))
                    .map(JavaMethod::getFullName)
                    .toList();

            assertThat(offenders).isEmpty();
            assertThat(classes.contain(CreditService.class)).as("the sweep sees the services").isTrue();
            assertThat(classes.contain(ConsentOrigin.class)).as("the sweep sees the models").isTrue();
        }

        @Test
        void credits_by_hand_are_one_small_command_validated_when_it_is_built() {
            Client ana = t.create(ClientDetails.named("Ana", "López"));
            Instant expiry = t.clock.instant().plusSeconds(3600);

            CreditIssue issue = CreditIssue.of(2, " goodwill ").expiringAt(expiry);

            assertThat(issue.count()).isEqualTo(2);
            assertThat(issue.reason()).isEqualTo("goodwill");
            assertThat(issue.membershipId()).isEmpty();
            assertThat(c.credits().issueMembershipCredits(OWNER, TENANT, ana.id(), issue))
                    .hasSize(2).allSatisfy(credit -> assertThat(credit.expiresAt()).contains(expiry));
            assertThat(CreditIssue.of(1, "x").forMembership(new MembershipId(UUID.randomUUID())).membershipId())
                    .isPresent();
            assertThatThrownBy(() -> CreditIssue.of(CreditService.MAX_MANUAL_ISSUE + 1, "too many"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("range"));
        }

        @Test
        void a_self_service_origin_is_built_with_withers_not_two_optionals() {
            ConsentOrigin origin = ConsentOrigin.none().withIpAddress("2001:DB8::7").withUserAgent("Safari");

            assertThat(origin).isEqualTo(new ConsentOrigin(Optional.of("2001:db8::7"), Optional.of("Safari")));
            assertThat(ConsentOrigin.none().withUserAgent("  ").userAgent()).isEmpty();
            assertThatThrownBy(() -> ConsentOrigin.none().withIpAddress("studio.example"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ipAddress"));
        }

        @Test
        void an_address_form_adds_its_optional_lines_with_withers() {
            AddressInput input = AddressInput.of("12 Rue Mercière", "69002", "Lyon", "FR").withLine2("Bâtiment B")
                    .withRegion("Rhône");

            assertThat(input).isEqualTo(new AddressInput("12 Rue Mercière", Optional.of("Bâtiment B"), "69002",
                    "Lyon", Optional.of("Rhône"), "FR"));
        }
    }

    @Nested
    class OneArgumentOrder {

        /**
         * Labels took {@code (client, label)} but groups {@code (group, client)}: swapping the two
         * arguments of one of them was the natural mistake.
         */
        @Test
        void joining_a_group_takes_the_client_then_the_group_as_assigning_a_label_does() throws Exception {
            Class<?>[] labelOrder = {Actor.class, TenantId.class, ClientId.class, LabelId.class};
            Class<?>[] groupOrder = {Actor.class, TenantId.class, ClientId.class, GroupId.class};

            assertThat(LabelService.class.getMethod("assign", labelOrder)).isNotNull();
            assertThat(LabelService.class.getMethod("unassign", labelOrder)).isNotNull();
            assertThat(GroupService.class.getMethod("addMember", groupOrder)).isNotNull();
            assertThat(GroupService.class.getMethod("removeMember", groupOrder)).isNotNull();
            assertThat(Arrays.stream(GroupService.class.getMethods())
                    .filter(m -> m.getName().endsWith("Member"))
                    .map(m -> Arrays.asList(m.getParameterTypes()).indexOf(ClientId.class)))
                    .containsOnly(2);
        }

        @Test
        void another_tenants_staff_naming_a_client_for_a_group_get_the_client_not_found_as_for_a_label() {
            Client ana = t.create(ClientDetails.named("Ana", "López"));
            ClientGroup yoga = c.groups().create(OWNER, TENANT, "Yoga");

            assertThatThrownBy(() -> c.groups().addMember(TestClientele.OTHER_OWNER, TENANT, ana.id(), yoga.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("client"));
            assertThat(c.groups().addMember(OWNER, TENANT, ana.id(), yoga.id()).groups()).containsExactly(yoga.id());
        }
    }

    @Nested
    class OneKindOfResult {

        /**
         * Adding or editing an address returned the address, removing it the client; uploading a
         * photo returned its reference and removing it nothing. A host then lacked the client's
         * new version for its next edit.
         */
        @Test
        void every_change_to_a_section_kept_on_the_client_returns_the_client() {
            for (Class<?> service : List.of(AddressService.class, PhotoService.class, PassService.class,
                    LabelService.class, GroupService.class, LockService.class)) {
                for (String name : List.of("add", "edit", "remove", "upload", "link", "unlink", "assign",
                        "unassign", "addMember", "removeMember", "lock", "unlock")) {
                    for (Method m : service.getMethods()) {
                        if (m.getName().equals(name)) {
                            assertThat(m.getReturnType()).as(service.getSimpleName() + "." + name)
                                    .isEqualTo(Client.class);
                        }
                    }
                }
            }
            for (String name : List.of("add", "edit", "delete")) {
                assertThat(Arrays.stream(NoteService.class.getMethods()).filter(m -> m.getName().equals(name))
                        .map(Method::getReturnType)).as("NoteService." + name).containsExactly(Note.class);
            }
        }

        @Test
        void each_address_and_photo_change_returns_the_client_at_the_version_the_next_edit_expects() {
            Client ana = t.create(ClientDetails.named("Ana", "López"));

            Client withAddress = c.addresses().add(OWNER, TENANT, ana.id(), AddressInput.of("12 Rue Mercière",
                    "69002", "Lyon", "FR"));
            Client edited = c.addresses().edit(OWNER, TENANT, ana.id(), lastAddress(withAddress).id(),
                    withAddress.version(), AddressInput.of("14 Rue Mercière", "69002", "Lyon", "FR"));
            Client withPhoto = c.photos().upload(OWNER, TENANT, ana.id(), edited.version(),
                    new ByteArrayInputStream(Images.png()));
            Client withoutPhoto = c.photos().remove(OWNER, TENANT, ana.id(), withPhoto.version());
            Client withoutAddress = c.addresses().remove(OWNER, TENANT, ana.id(), lastAddress(edited).id(),
                    withoutPhoto.version());

            assertThat(List.of(withAddress, edited, withPhoto, withoutPhoto, withoutAddress))
                    .extracting(Client::version)
                    .containsExactly(ana.version() + 1, ana.version() + 2, ana.version() + 3, ana.version() + 4,
                            ana.version() + 5);
            assertThat(lastAddress(edited).postal().line1()).isEqualTo("14 Rue Mercière");
            assertThat(withPhoto.photo()).isPresent();
            assertThat(withoutPhoto.photo()).isEmpty();
            assertThat(withoutAddress.addresses()).isEmpty();
            assertThat(c.clients().get(OWNER, TENANT, ana.id())).isEqualTo(withoutAddress);
        }

        @Test
        void deleting_a_note_returns_the_note_it_deleted() {
            Client ana = t.create(ClientDetails.named("Ana", "López"));
            Note note = c.notes().add(OWNER, TENANT, ana.id(), "Prefers the evening classes");

            Note deleted = c.notes().delete(OWNER, TENANT, note.id(), note.version());

            assertThat(deleted).isEqualTo(note);
            assertThat(c.notes().list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
        }
    }
}
