package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.testkit.Race;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Two staff members editing one client's profile at once on PostgreSQL at READ COMMITTED, through the
 * whole Clientele on the JPA adapters, each on a thread and a connection of its own released
 * together by one barrier ({@link Race#together}), several rounds. Edits of the details with the
 * same expected version: exactly one is stored and the other is a stale-version conflict, and the
 * row holds exactly the winner's details (nothing lost, nothing mixed from the loser's). Edits of
 * two different sections at once: both succeed and both are kept. The stored values are read with
 * SQL from the tables, not through the adapters under test.
 */
class PgConcurrentProfileEditsTest {

    private static final int ROUNDS = 10;

    /** A staff edit: the first and last name, the email and the birth date it writes, as stored. */
    record Edit(String firstName, String lastName, String email, LocalDate birthDate) {

        ClientDetails details() {
            return ClientDetails.named(firstName, lastName).withEmail(email).withBirthDate(birthDate);
        }

        List<Object> columns() {
            return List.of(firstName, lastName, email, birthDate);
        }
    }

    private static final Edit ONE = new Edit("Ana María", "López", "ana.maria@example.com", LocalDate.of(1990, 5, 1));
    private static final Edit TWO = new Edit("Ana", "López García", "ana.lopez@example.org", LocalDate.of(1991, 6, 2));

    @Test
    void of_two_detail_edits_of_one_version_at_once_exactly_one_is_stored_whole_and_the_other_is_stale() {
        List<String> failures = new ArrayList<>();
        int[] wins = new int[2];
        for (int round = 0; round < ROUNDS; round++) {
            JpaClientele t = JpaClientele.postgres();
            Actor.Staff one = Actor.Staff.owner("staff-one", t.tenant);
            Actor.Staff two = Actor.Staff.owner("staff-two", t.tenant);
            Client ana = t.clientele.clients().create(t.owner, t.tenant,
                    ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
            long seen = ana.version();

            List<Race.Outcome<Client>> outcomes = Race.together(List.<Callable<Client>>of(
                    () -> t.clientele.clients().editDetails(one, t.tenant, ana.id(), seen, ONE.details()),
                    () -> t.clientele.clients().editDetails(two, t.tenant, ana.id(), seen, TWO.details())));

            String which = "round " + round;
            int winner = -1;
            for (int i = 0; i < 2; i++) {
                Race.Outcome<Client> outcome = outcomes.get(i);
                if (outcome.returned()) {
                    if (winner >= 0) {
                        failures.add(which + ": both edits of version " + seen + " were stored");
                    }
                    winner = i;
                } else if (!(outcome.thrown().orElseThrow() instanceof ConflictException conflict
                        && conflict.reason() == ConflictException.Reason.STALE_VERSION)) {
                    failures.add(which + ": edit " + i + " failed other than stale: " + outcome.thrown().orElseThrow());
                }
            }
            if (winner < 0) {
                failures.add(which + ": no edit was stored");
                continue;
            }
            wins[winner]++;
            Edit won = winner == 0 ? ONE : TWO;
            List<Object> stored = row(t, "SELECT first_name, last_name, email, birth_date, version FROM client"
                    + " WHERE tenant_id = ? AND id = ?", ana.id().value());
            if (!stored.subList(0, 4).equals(won.columns())) {
                failures.add(which + ": stored " + stored.subList(0, 4) + ", the winner wrote " + won.columns());
            }
            if (((Number) stored.get(4)).longValue() != seen + 1) {
                failures.add(which + ": version " + stored.get(4) + " after one edit of version " + seen);
            }
            if (outcomes.get(winner).get().version() != seen + 1) {
                failures.add(which + ": the winner was answered version " + outcomes.get(winner).get().version());
            }
            long audited = ((Number) row(t, "SELECT count(*) FROM audit_entry WHERE tenant_id = ? AND client_id = ?"
                    + " AND action = 'DETAILS_CHANGED'", ana.id().value()).get(0)).longValue();
            if (audited != 1) {
                failures.add(which + ": " + audited + " detail changes audited for one stored edit");
            }
        }
        System.out.println("pg-concurrent-profile-edits: rounds=" + ROUNDS + " wins_one=" + wins[0]
                + " wins_two=" + wins[1]);

        assertThat(failures).isEmpty();
        assertThat(wins[0] + wins[1]).isEqualTo(ROUNDS);
    }

    @Test
    void edits_of_two_different_sections_at_once_both_succeed_and_both_are_kept() {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            JpaClientele t = JpaClientele.postgres();
            Actor.Staff one = Actor.Staff.owner("staff-one", t.tenant);
            Actor.Staff two = Actor.Staff.owner("staff-two", t.tenant);
            Client ana = t.clientele.clients().create(t.owner, t.tenant,
                    ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
            long seen = ana.version();

            // the details (on the client row, checked against the version seen) and a note (a row
            // of its own) at once; then an address and a pass (both on the client row, no version
            // given) at once
            List<Race.Outcome<Object>> detailsAndNote = Race.together(List.<Callable<Object>>of(
                    () -> t.clientele.clients().editDetails(one, t.tenant, ana.id(), seen, ONE.details()),
                    () -> t.clientele.notes().add(two, t.tenant, ana.id(), "Prefers morning classes.")));
            List<Race.Outcome<Object>> addressAndPass = Race.together(List.<Callable<Object>>of(
                    () -> t.clientele.addresses().add(one, t.tenant, ana.id(),
                            AddressInput.of("1 Rue de Rivoli", "75001", "Paris", "FR")),
                    () -> t.clientele.passes().link(two, t.tenant, ana.id(), "CARD-0042")));

            String which = "round " + round;
            for (Race.Outcome<Object> outcome : concat(detailsAndNote, addressAndPass)) {
                if (!outcome.returned()) {
                    failures.add(which + ": " + outcome.thrown().orElseThrow());
                }
            }
            List<Object> stored = row(t, "SELECT first_name, last_name, email, birth_date FROM client"
                    + " WHERE tenant_id = ? AND id = ?", ana.id().value());
            if (!stored.equals(ONE.columns())) {
                failures.add(which + ": stored details " + stored + ", the edit wrote " + ONE.columns());
            }
            List<Object> kept = row(t, "SELECT"
                    + " (SELECT count(*) FROM note WHERE tenant_id = ? AND client_id = ? AND body = 'Prefers morning classes.'),"
                    + " (SELECT count(*) FROM client_address WHERE tenant_id = ? AND client_id = ? AND city = 'Paris'),"
                    + " (SELECT count(*) FROM client_pass WHERE tenant_id = ? AND client_id = ? AND pass_number = 'CARD-0042')",
                    ana.id().value());
            if (!kept.equals(List.of(1L, 1L, 1L))) {
                failures.add(which + ": note, address and pass rows " + kept + " instead of one each");
            }
        }

        assertThat(failures).isEmpty();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The one row {@code sql} answers; every {@code ?} pair is (tenant, client). Dates come back as
     * {@link LocalDate}, counts as {@code Long}.
     */
    private static List<Object> row(JpaClientele t, String sql, Object client) {
        try (Connection connection = Databases.postgres().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameters = statement.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i += 2) {
                statement.setString(i, t.tenant.value());
                statement.setObject(i + 1, client);
            }
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("a row for " + sql).isTrue();
                Object[] values = new Object[result.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    Object value = result.getObject(i + 1);
                    values[i] = value instanceof java.sql.Date date ? date.toLocalDate() : value;
                }
                connection.rollback();
                return Arrays.asList(values);
            }
        } catch (SQLException e) {
            throw new AssertionError("could not read the tables: " + sql, e);
        }
    }
}
