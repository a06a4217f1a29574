package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.profile.model.Section;
import io.clientele.profile.service.ProfileView;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client acting for themself may view and edit their own profile, but labels, groups and notes
 * are the staff's records about them: the client can neither read nor change them.
 */
class SelfServiceAccessTest {

    private final TestClientele t = new TestClientele();
    private final Client ana = t.ana();
    private final Actor anaHerself = new Actor.ClientSelf(ana.id());
    private final Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
    private final ClientGroup group = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
    private final Note note = t.clientele.notes().add(OWNER, TENANT, ana.id(), "Pays late, be firm.");

    record StaffTool(String name, Consumer<SelfServiceAccessTest> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> staffTools() {
        return Stream.of(
                new StaffTool("assign a label", s -> s.t.clientele.labels().assign(s.anaHerself, TENANT, s.ana.id(), s.vip.id())),
                new StaffTool("create a label", s -> s.t.clientele.labels().create(s.anaHerself, TENANT, "Founder")),
                new StaffTool("list labels", s -> s.t.clientele.labels()
                        .list(s.anaHerself, TENANT, PageRequest.first()).items()),
                new StaffTool("join a group", s -> s.t.clientele.groups().addMember(s.anaHerself, TENANT, s.ana.id(),
                        s.group.id())),
                new StaffTool("list groups", s -> s.t.clientele.groups()
                        .list(s.anaHerself, TENANT, PageRequest.first()).items()),
                new StaffTool("read notes", s -> s.t.clientele.notes()
                        .list(s.anaHerself, TENANT, s.ana.id(), PageRequest.first()).items()),
                new StaffTool("add a note", s -> s.t.clientele.notes().add(s.anaHerself, TENANT, s.ana.id(), "I am great")),
                new StaffTool("edit a note", s -> s.t.clientele.notes().edit(s.anaHerself, TENANT, s.note.id(), s.note.version(), "x")),
                new StaffTool("delete a note", s -> s.t.clientele.notes().delete(s.anaHerself, TENANT, s.note.id(),
                        s.t.noteVersion(s.note.id()))),
                new StaffTool("link a pass", s -> s.t.clientele.passes().link(s.anaHerself, TENANT, s.ana.id(), "CARD-9")),
                new StaffTool("lock the profile", s -> s.t.clientele.locks().lock(s.anaHerself, TENANT, s.ana.id(),
                        s.t.clientVersion(s.ana.id()))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staffTools")
    void a_client_cannot_use_staff_tools_on_their_own_profile(StaffTool tool) {
        Client before = t.reload(ana.id());
        int auditBefore = t.auditTrail(TENANT).size();

        assertThatThrownBy(() -> tool.call().accept(this)).isInstanceOf(AccessDeniedException.class);

        assertThat(t.reload(ana.id())).isEqualTo(before);
        assertThat(t.auditTrail(TENANT)).hasSize(auditBefore);
        assertThat(t.clientele.notes().list(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .containsExactly(note);
    }

    @Test
    void a_client_viewing_their_own_profile_does_not_see_staff_labels_groups_or_notes() {
        t.clientele.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        t.clientele.groups().addMember(OWNER, TENANT, ana.id(), group.id());

        ProfileView seenByAna = t.clientele.profiles().view(anaHerself, TENANT, ana.id());
        ProfileView seenByStaff = t.clientele.profiles().view(OWNER, TENANT, ana.id());

        assertThat(seenByAna.client().details()).isEqualTo(ana.details());
        assertThat(seenByAna.labels()).isEqualTo(Section.withheld(Permission.VIEW_CLIENTS));
        assertThat(seenByAna.groups()).isEqualTo(Section.withheld(Permission.VIEW_CLIENTS));
        assertThat(seenByAna.notes()).isEqualTo(Section.withheld(Permission.VIEW_CLIENTS));
        assertThat(seenByStaff.labels().content().orElseThrow()).containsExactly(vip);
        assertThat(seenByStaff.groups().content().orElseThrow()).hasSize(1);
        assertThat(seenByStaff.notes().content().orElseThrow().items()).isEqualTo(List.of(note));
    }
}
