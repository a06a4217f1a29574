package io.clientele.benchmarks;

import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.PersonName;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads many clients of one studio straight into the JPA adapter's tables with PostgreSQL's
 * {@code COPY ... FROM STDIN} (text format), so that a benchmark over a million clients does not
 * spend its time creating them one by one through the API (which the load is not meant to
 * measure). Each row holds what the adapter itself would store for such a client: the folded sort
 * key as UTF-16BE bytes ({@link ClientSummary#sortKeyOf}) and the folded search text (names both
 * ways and the email address, one per line, {@link Text#fold}), status {@code ADDED} or, for every
 * {@code invitedEvery}-th client, {@code INVITED}; optionally the label {@code labelId} on every
 * {@code labelEvery}-th client ({@code client_label} rows carrying the same sort key).
 *
 * <p>Client {@code i} is called {@link #firstName(int)} {@link #lastName(int)}, has the address
 * {@code c<i>@studio.example} and an id that grows with {@code i}, so a campaign walks the clients
 * in load order. Stateless; the rows are streamed, never held in memory.
 */
final class BulkClients {

    /** A client's row count in one streamed piece of the COPY. */
    private static final int PIECE = 2_000;

    private static final String[] FIRST = {"Ana", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines",
        "Jonas", "Karin", "Leon", "Maria", "Nils", "Olivia", "Paul", "Quentin", "Rosa", "Sven", "Tara", "Ulla",
        "Victor", "Wanda", "Xavier", "Yara", "Zoe", "Amelie", "Bruno", "Clara", "Dario", "Elena", "Frida", "Gustav",
        "Hanna", "Ivan", "Julia", "Kurt", "Lena", "Marco", "Nora"};
    private static final String[] LAST = {"Garcia", "Muller", "Rossi", "Dubois", "Smith", "Jansen", "Novak",
        "Silva", "Kowalski", "Nielsen", "Martin", "Bernard", "Schmidt", "Fischer", "Weber", "Meyer", "Wagner",
        "Becker", "Schulz", "Hoffmann", "Lopez", "Gonzalez", "Perez", "Sanchez", "Romero", "Bianchi", "Ricci",
        "Marino", "Greco", "Bruno", "Peeters", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Dumont", "Leroy",
        "Moreau", "Laurent", "Lefebvre", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
        "Vincent", "Blanc", "Guerin", "Boyer", "Garnier", "Chevalier", "Francois", "Legrand", "Gauthier", "Perrin",
        "Robin", "Clement", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
        "Duval", "Denis", "Lemaire", "Noel", "Meyers", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud",
        "Joly", "Riviere", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gerard", "Roche",
        "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert"};

    private final TenantId tenant;
    private final long idHigh;
    private final Instant createdAt;

    /**
     * A loader for {@code tenant}; the ids it makes share their high bits, taken from {@code
     * createdAt} (as a UUIDv7's are), and grow with the client's number.
     */
    BulkClients(TenantId tenant, Instant createdAt) {
        this.tenant = tenant;
        this.createdAt = createdAt;
        this.idHigh = (createdAt.toEpochMilli() << 16) | 0x7000L;
    }

    /** The id of client {@code i}: a version 7 UUID, growing with {@code i} in PostgreSQL's order and Java's. */
    UUID id(int i) {
        return new UUID(idHigh, 0x8000_0000_0000_0000L | i);
    }

    /** Client {@code i}'s first name, one of forty. */
    static String firstName(int i) {
        return FIRST[i % FIRST.length];
    }

    /** Client {@code i}'s last name: one of a hundred surnames and letters of its own ("Garciaab"). */
    static String lastName(int i) {
        return LAST[i % LAST.length] + InMemoryStudio.lettersOf(i / LAST.length).substring(1).toLowerCase();
    }

    /** Client {@code i}'s email address. */
    static String email(int i) {
        return "c" + i + "@studio.example";
    }

    /** One of the hundred surnames every hundredth client's last name starts with. */
    static String surname(int k) {
        return LAST[k % LAST.length];
    }

    /**
     * Loads clients {@code 0 .. count-1} in one transaction; every {@code invitedEvery}-th one
     * (0: none) has status {@code INVITED}, every {@code labelEvery}-th one carries {@code label}
     * when given.
     */
    void load(DataSource database, int count, int invitedEvery, Optional<UUID> label, int labelEvery) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY client (tenant_id, id, first_name, last_name, email, locked, invitation_status,"
                    + " created_at, updated_at, version, sort_key, search_text) FROM STDIN",
                    new Rows(count, i -> clientLine(i, invitedEvery)));
            if (label.isPresent()) {
                try (PreparedStatement s = connection.prepareStatement(
                        "INSERT INTO label (tenant_id, id, name, name_key, version) VALUES (?, ?, ?, ?, 1)")) {
                    s.setString(1, tenant.value());
                    s.setObject(2, label.get());
                    s.setString(3, "Regulars");
                    s.setString(4, "regulars");
                    s.executeUpdate();
                }
                int holders = (count + labelEvery - 1) / labelEvery;
                copy.copyIn("COPY client_label (tenant_id, client_id, label_id, sort_key) FROM STDIN",
                        new Rows(holders, h -> labelLine(h * labelEvery, label.get())));
            }
            connection.commit();
            try (PreparedStatement s = connection.prepareStatement("ANALYZE")) {
                // fresh statistics, as a database that grew to this size over time would have
                s.execute();
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not load " + count + " clients", e);
        }
    }

    private String clientLine(int i, int invitedEvery) {
        String first = firstName(i);
        String last = lastName(i);
        String email = email(i);
        String status = invitedEvery > 0 && i % invitedEvery == 0 ? "INVITED" : "ADDED";
        String searchText = Text.fold(first + " " + last) + "\\n" + Text.fold(last + " " + first) + "\\n"
                + Text.fold(email);
        return tenant.value() + '\t' + id(i) + '\t' + first + '\t' + last + '\t' + email + "\tf\t" + status + '\t'
                + createdAt + '\t' + createdAt + "\t1\t" + bytea(sortKey(i)) + '\t' + searchText + '\n';
    }

    private String labelLine(int i, UUID label) {
        return tenant.value() + '\t' + id(i) + '\t' + label + '\t' + bytea(sortKey(i)) + '\n';
    }

    private static byte[] sortKey(int i) {
        return ClientSummary.sortKeyOf(new PersonName(firstName(i), lastName(i))).getBytes(StandardCharsets.UTF_16BE);
    }

    /** A bytea in COPY's text format: {@code \x} and hex digits, the backslash escaped. */
    private static String bytea(byte[] bytes) {
        return "\\\\x" + HexFormat.of().formatHex(bytes);
    }

    /** The lines of a COPY, made {@value #PIECE} at a time as the driver reads them. */
    private static final class Rows extends Reader {

        private final int count;
        private final IntFunction<String> line;
        private int next;
        private final StringBuilder buffer = new StringBuilder();
        private int offset;

        Rows(int count, IntFunction<String> line) {
            this.count = count;
            this.line = line;
        }

        @Override
        public int read(char[] target, int off, int len) {
            if (offset == buffer.length()) {
                if (next == count) {
                    return -1;
                }
                buffer.setLength(0);
                offset = 0;
                for (int end = Math.min(count, next + PIECE); next < end; next++) {
                    buffer.append(line.apply(next));
                }
            }
            int n = Math.min(len, buffer.length() - offset);
            buffer.getChars(offset, offset + n, target, off);
            offset += n;
            return n;
        }

        @Override
        public void close() {
            // nothing held: the lines are made as they are read
        }
    }
}
