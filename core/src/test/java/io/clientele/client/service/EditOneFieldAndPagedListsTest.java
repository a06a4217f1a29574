package io.clientele.client.service;

import static io.clientele.client.service.ClientProfileServiceTest.FRENCH_STUDIO;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.Note;
import io.clientele.client.model.TenantSettings;
import io.clientele.common.Cursor;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression for issue 8, point 9, "API a host enjoys": to change one field of a client a host had
 * to copy every other field into a new {@link ClientDetails} by hand (and could not clear an
 * optional one with a wither), and the notes, the label and group catalogs and a group's members
 * came as unbounded lists. Now {@link ClientDetails#from} gives the stored details to change one
 * field of, {@code without*} clears one, and those lists are keyset pages with sealed cursors like
 * the client list.
 */
class EditOneFieldAndPagedListsTest {

    private final TestClientele t = new TestClientele();

    @Nested
    class OneField {

        private final Client ana = withFrenchStudio().create(ClientDetails.named("Ana", "López")
                .withEmail("Ana.Lopez@Example.com").withPhone("06 12 34 56 78")
                .withBirthDate(LocalDate.of(1990, 5, 17)).withPreferredLanguage("fr"));

        private TestClientele withFrenchStudio() {
            t.memory.tenantSettings().put(TENANT, FRENCH_STUDIO);
            return t;
        }

        @Test
        void details_from_a_stored_client_hold_what_it_holds_and_save_as_no_change() {
            ClientDetails details = ClientDetails.from(ana);

            assertThat(details).isEqualTo(new ClientDetails("Ana", "López", Optional.of("ana.lopez@example.com"),
                    Optional.of("+33612345678"), Optional.of(LocalDate.of(1990, 5, 17)),
                    Optional.of("fr")));
            Client saved = t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(), details);
            assertThat(saved).isEqualTo(ana);
            assertThat(t.auditEntries(AuditAction.DETAILS_CHANGED)).isEmpty();
        }

        @Test
        void one_field_changed_from_the_stored_details_changes_only_that_field() {
            Client saved = t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                    ClientDetails.from(ana).withPhone("06 98 76 54 32"));

            assertThat(saved.details().phone()).map(p -> p.e164()).contains("+33698765432");
            assertThat(saved.details().email()).isEqualTo(ana.details().email());
            assertThat(saved.details().birthDate()).isEqualTo(ana.details().birthDate());
            assertThat(saved.details().preferredLanguage()).isEqualTo(ana.details().preferredLanguage());
            assertThat(t.lastAudit(AuditAction.DETAILS_CHANGED).changes()).extracting(c -> c.field())
                    .containsExactly("phone");
        }

        @Test
        void each_without_clears_its_field_and_only_it() {
            ClientDetails all = ClientDetails.from(ana);

            assertThat(all.withoutEmail()).isEqualTo(new ClientDetails("Ana", "López", Optional.empty(),
                    all.phone(), all.birthDate(), all.preferredLanguage()));
            assertThat(all.withoutPhone()).isEqualTo(new ClientDetails("Ana", "López", all.email(),
                    Optional.empty(), all.birthDate(), all.preferredLanguage()));
            assertThat(all.withoutBirthDate()).isEqualTo(new ClientDetails("Ana", "López", all.email(), all.phone(),
                    Optional.empty(), all.preferredLanguage()));
            assertThat(all.withoutPreferredLanguage()).isEqualTo(new ClientDetails("Ana", "López", all.email(),
                    all.phone(), all.birthDate(), Optional.empty()));
            assertThat(all.withName("Ana", "Martin").lastName()).isEqualTo("Martin");
        }

        @Test
        void saving_without_email_removes_the_address_from_the_client() {
            Client saved = t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                    ClientDetails.from(ana).withoutEmail());

            assertThat(saved.details().email()).isEmpty();
            assertThat(saved.details().phone()).isEqualTo(ana.details().phone());
            assertThat(t.lastAudit(AuditAction.DETAILS_CHANGED).changes()).extracting(c -> c.field())
                    .containsExactly("email");
        }

        @Test
        @Tag("jpa-known-difference")
        void a_language_the_studio_no_longer_offers_is_kept_when_another_field_changes_but_not_newly_set() {
            t.memory.tenantSettings().put(TENANT, new TenantSettings(CountryCode.of("FR"),
                    List.of(LanguageTag.of("en")), LockPolicy.DEFAULT));

            Client saved = t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                    ClientDetails.from(ana).withoutPhone());

            assertThat(saved.details().phone()).isEmpty();
            assertThat(saved.details().preferredLanguage()).contains(LanguageTag.of("fr"));
            Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
            assertThatThrownBy(() -> t.clientele.clients().editDetails(OWNER, TENANT, bruno.id(), bruno.version(),
                    ClientDetails.from(bruno).withPreferredLanguage("fr")))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.rule()).isEqualTo("not_offered"));
            assertThat(t.reload(bruno.id())).isEqualTo(bruno);
        }
    }

    @Nested
    class Pages {

        private final Client ana = t.ana();

        @Test
        void notes_come_newest_first_in_pages_whose_cursor_opens_only_for_that_clients_notes() {
            List<Note> added = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                added.add(0, t.clientele.notes().add(OWNER, TENANT, ana.id(), "note " + i));
                t.clock.advance(Duration.ofMinutes(1));
            }

            List<Note> walked = walk(page -> t.clientele.notes().list(VIEWER, TENANT, ana.id(), page), 2);

            assertThat(walked).isEqualTo(added);
            Page<Note> first = t.clientele.notes().list(VIEWER, TENANT, ana.id(), PageRequest.first(2));
            assertThat(first.next().orElseThrow().value()).doesNotContain(added.get(1).id().toString());
            Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
            assertThatThrownBy(() -> t.clientele.notes().list(VIEWER, TENANT, bruno.id(),
                    PageRequest.after(first.next().orElseThrow(), 2)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }

        @Test
        void the_label_catalog_comes_in_name_order_pages_and_its_cursor_is_not_the_group_catalogs() {
            List<String> names = List.of("delta", "Alpha", "charlie", "Echo", "bravo");
            names.forEach(n -> t.clientele.labels().create(OWNER, TENANT, n));
            ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Yoga");
            t.clientele.groups().create(OWNER, TENANT, "Pilates");

            List<Label> walked = walk(page -> t.clientele.labels().list(VIEWER, TENANT, page), 2);

            assertThat(walked).extracting(l -> l.name().value())
                    .containsExactly("Alpha", "bravo", "charlie", "delta", "Echo");
            Cursor labelCursor = t.clientele.labels().list(VIEWER, TENANT, PageRequest.first(2)).next().orElseThrow();
            assertThatThrownBy(() -> t.clientele.groups().list(VIEWER, TENANT, PageRequest.after(labelCursor, 2)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
            assertThat(walk(page -> t.clientele.groups().list(VIEWER, TENANT, page), 1))
                    .extracting(g -> g.name().value()).containsExactly("Pilates", "Yoga");
            assertThat(yoga.version()).isZero();
        }

        @Test
        void a_renamed_label_moves_to_its_new_place_in_the_catalog() {
            Label zulu = t.clientele.labels().create(OWNER, TENANT, "Zulu");
            t.clientele.labels().create(OWNER, TENANT, "Mike");

            t.clientele.labels().rename(OWNER, TENANT, zulu.id(), zulu.version(), "Alpha");

            assertThat(t.clientele.labels().list(VIEWER, TENANT, PageRequest.first()).items())
                    .extracting(l -> l.name().value()).containsExactly("Alpha", "Mike");
        }

        @Test
        void a_groups_members_come_in_client_list_order_pages_and_an_unknown_group_is_not_found() {
            ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Yoga");
            List<Client> members = new ArrayList<>();
            for (String last : List.of("Zola", "Adam", "Moreau")) {
                Client client = t.create(ClientDetails.named("Client", last));
                members.add(t.clientele.groups().addMember(OWNER, TENANT, client.id(), yoga.id()));
            }
            t.create(ClientDetails.named("Not", "Member"));

            List<ClientSummary> walked = walk(page -> t.clientele.groups().members(VIEWER, TENANT, yoga.id(), page), 2);

            assertThat(walked).extracting(s -> s.name().lastName()).containsExactly("Adam", "Moreau", "Zola");
            assertThatThrownBy(() -> t.clientele.groups().members(VIEWER, TENANT,
                    new GroupId(UUID.randomUUID()), PageRequest.first()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(members).hasSize(3);
        }

        /** Every item of a paged list, following the cursors with pages of {@code size}. */
        private <T> List<T> walk(Function<PageRequest, Page<T>> list, int size) {
            List<T> all = new ArrayList<>();
            Page<T> page = list.apply(PageRequest.first(size));
            all.addAll(page.items());
            while (page.hasNext()) {
                assertThat(page.items()).hasSize(size);
                page = list.apply(PageRequest.after(page.next().orElseThrow(), size));
                all.addAll(page.items());
            }
            return all;
        }
    }
}
