package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.ClientTables.AddressRow;
import io.clientele.adapter.jpa.ClientTables.ClientRow;
import io.clientele.adapter.jpa.ClientTables.GroupRow;
import io.clientele.adapter.jpa.ClientTables.LabelRow;
import io.clientele.adapter.jpa.ClientTables.PassRow;
import io.clientele.client.model.Address;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.BirthDate;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhoneNumber;
import io.clientele.client.model.PhotoRef;
import io.clientele.client.model.PostalAddress;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Maps clients to the rows of {@link ClientTables} and back: the entity rows a write persists,
 * and the rows of {@link ClientSql}'s reads (one per client, then one per collection item, each
 * tagged with its {@link ClientSql.Part}) assembled into clients or list rows. Stateless and
 * thread-safe.
 */
final class ClientRows {

    private ClientRows() {
    }

    /**
     * The list's sort key as stored: the UTF-16BE bytes of {@link ClientSummary#sortKeyOf}, whose
     * unsigned byte order is the order of Java's {@code String.compareTo} on the key.
     */
    static byte[] sortKey(PersonName name) {
        return sortKey(ClientSummary.sortKeyOf(name));
    }

    /** The stored form of a sort key a list position carries. */
    static byte[] sortKey(String key) {
        return key.getBytes(StandardCharsets.UTF_16BE);
    }

    /**
     * What the text filter looks in, folded as the query's text is ({@link Text#fold}): "first
     * last", "last first" and the email address, one per line. A query text is one line, so a match
     * never spans two of them, and a substring of this text is a substring of one of them, which is
     * what the in-memory adapter matches. The phone number is matched apart, by its digits.
     */
    static String searchText(PersonalDetails details) {
        PersonName name = details.name();
        StringBuilder text = new StringBuilder()
                .append(Text.fold(name.fullName())).append('\n')
                .append(Text.fold(name.lastName() + " " + name.firstName()));
        details.email().ifPresent(email -> text.append('\n').append(Text.fold(email.value())));
        return text.toString();
    }

    /** A new row holding {@code client} at {@code version}. */
    static ClientRow clientRow(Client client, long version) {
        ClientRow row = new ClientRow();
        row.tenantId = client.tenantId().value();
        row.id = client.id().value();
        fill(row, client, version);
        return row;
    }

    /** Writes every field of {@code client}, at {@code version}, into {@code row}. */
    static void fill(ClientRow row, Client client, long version) {
        PersonalDetails d = client.details();
        row.firstName = d.name().firstName();
        row.lastName = d.name().lastName();
        row.email = d.email().map(EmailAddress::value).orElse(null);
        row.phone = d.phone().map(PhoneNumber::e164).orElse(null);
        row.birthDate = d.birthDateValue().orElse(null);
        row.preferredLanguage = d.preferredLanguage().map(LanguageTag::value).orElse(null);
        row.photoKey = client.photo().map(PhotoRef::key).orElse(null);
        row.photoType = client.photo().map(p -> p.type().name()).orElse(null);
        row.photoSize = client.photo().map(PhotoRef::sizeBytes).orElse(null);
        row.locked = client.locked();
        row.invitationStatus = client.invitationStatus().name();
        row.emailRejectedAt = client.emailRejectedAt().orElse(null);
        row.erasedAt = client.erasedAt().orElse(null);
        row.createdAt = client.createdAt();
        row.updatedAt = client.updatedAt();
        row.version = version;
        row.sortKey = sortKey(d.name());
        row.searchText = searchText(d);
    }

    static LabelRow labelRow(Client client, LabelId label, byte[] sortKey) {
        LabelRow row = new LabelRow();
        row.tenantId = client.tenantId().value();
        row.clientId = client.id().value();
        row.labelId = label.value();
        row.sortKey = sortKey;
        return row;
    }

    static GroupRow groupRow(Client client, GroupId group, byte[] sortKey) {
        GroupRow row = new GroupRow();
        row.tenantId = client.tenantId().value();
        row.clientId = client.id().value();
        row.groupId = group.value();
        row.sortKey = sortKey;
        return row;
    }

    static PassRow passRow(Client client, PassNumber pass) {
        PassRow row = new PassRow();
        row.tenantId = client.tenantId().value();
        row.clientId = client.id().value();
        row.passNumber = pass.value();
        return row;
    }

    static AddressRow addressRow(Client client, Address address, int position) {
        AddressRow row = new AddressRow();
        row.tenantId = client.tenantId().value();
        row.clientId = client.id().value();
        row.id = address.id().value();
        fill(row, address, position);
        return row;
    }

    /** Writes {@code address} at {@code position} into {@code row}. */
    static void fill(AddressRow row, Address address, int position) {
        PostalAddress postal = address.postal();
        row.position = position;
        row.line1 = postal.line1();
        row.line2 = postal.line2().orElse(null);
        row.postalCode = postal.postalCode();
        row.city = postal.city();
        row.region = postal.region().orElse(null);
        row.country = postal.country().value();
    }

    /** Every collection row of {@code client}, labels and groups carrying {@code sortKey}. */
    static List<Object> collectionRows(Client client, byte[] sortKey) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < client.addresses().size(); i++) {
            rows.add(addressRow(client, client.addresses().get(i), i));
        }
        client.labels().forEach(label -> rows.add(labelRow(client, label, sortKey)));
        client.groups().forEach(group -> rows.add(groupRow(client, group, sortKey)));
        client.passes().forEach(pass -> rows.add(passRow(client, pass)));
        return rows;
    }

    /**
     * The clients of a read's rows, in the order of their client rows ({@link ClientSql.Part#CLIENT}
     * rows come first, in the read's order; the items follow, addresses by position).
     */
    static List<Client> clients(TenantId tenant, List<Object[]> rows) {
        Map<UUID, Assembly> assembled = assemble(rows);
        List<Client> clients = new ArrayList<>(assembled.size());
        for (Assembly a : assembled.values()) {
            clients.add(a.client(tenant));
        }
        return clients;
    }

    /** The list rows of a read's rows (its client rows and their labels), in the read's order. */
    static List<ClientSummary> summaries(List<Object[]> rows) {
        Map<UUID, Assembly> assembled = assemble(rows);
        List<ClientSummary> summaries = new ArrayList<>(assembled.size());
        for (Assembly a : assembled.values()) {
            summaries.add(a.summary());
        }
        return summaries;
    }

    private static Map<UUID, Assembly> assemble(List<Object[]> rows) {
        Map<UUID, Assembly> assembled = new LinkedHashMap<>();
        for (Object[] r : rows) {
            ClientSql.Part part = ClientSql.Part.of((Integer) r[ClientSql.PART]);
            UUID clientId = (UUID) r[ClientSql.CLIENT_ID];
            if (part == ClientSql.Part.CLIENT) {
                assembled.put(clientId, new Assembly(r));
            } else {
                assembled.get(clientId).add(part, r);
            }
        }
        return assembled;
    }

    /** One client being assembled from its client row and its item rows. */
    private static final class Assembly {
        private final Object[] row;
        private final List<Address> addresses = new ArrayList<>();
        private final Set<LabelId> labels = new LinkedHashSet<>();
        private final Set<GroupId> groups = new LinkedHashSet<>();
        private final Set<PassNumber> passes = new LinkedHashSet<>();

        Assembly(Object[] row) {
            this.row = row;
        }

        void add(ClientSql.Part part, Object[] r) {
            switch (part) {
                case LABELS -> labels.add(new LabelId((UUID) r[ClientSql.ITEM_ID]));
                case GROUPS -> groups.add(new GroupId((UUID) r[ClientSql.ITEM_ID]));
                case PASSES -> passes.add(new PassNumber((String) r[ClientSql.PASS_NUMBER]));
                case ADDRESSES -> addresses.add(new Address(new AddressId((UUID) r[ClientSql.ITEM_ID]),
                        new PostalAddress((String) r[ClientSql.LINE1], Optional.ofNullable((String) r[ClientSql.LINE2]),
                                (String) r[ClientSql.POSTAL_CODE], (String) r[ClientSql.CITY],
                                Optional.ofNullable((String) r[ClientSql.REGION]),
                                CountryCode.of((String) r[ClientSql.COUNTRY]))));
                case CLIENT -> throw new IllegalStateException("a client row is not an item");
            }
        }

        private String string(int column) {
            return (String) row[column];
        }

        private Optional<String> optional(int column) {
            return Optional.ofNullable(string(column));
        }

        private PersonName name() {
            return new PersonName(string(ClientSql.FIRST_NAME), string(ClientSql.LAST_NAME));
        }

        private Optional<EmailAddress> email() {
            return optional(ClientSql.EMAIL).map(EmailAddress::new);
        }

        private Optional<PhoneNumber> phone() {
            return optional(ClientSql.PHONE).map(PhoneNumber::new);
        }

        private Optional<Instant> instant(int column) {
            return Optional.ofNullable((Instant) row[column]);
        }

        private InvitationStatus status() {
            return InvitationStatus.valueOf(string(ClientSql.INVITATION_STATUS));
        }

        Client client(TenantId tenant) {
            PersonalDetails details = new PersonalDetails(name(), email(), phone(),
                    Optional.ofNullable((LocalDate) row[ClientSql.BIRTH_DATE]).map(BirthDate::new),
                    optional(ClientSql.PREFERRED_LANGUAGE).map(LanguageTag::new));
            Optional<PhotoRef> photo = optional(ClientSql.PHOTO_KEY).map(key -> new PhotoRef(key,
                    ImageType.valueOf(string(ClientSql.PHOTO_TYPE)), (Long) row[ClientSql.PHOTO_SIZE]));
            return new Client(new ClientId((UUID) row[ClientSql.CLIENT_ID]), tenant, details, photo, addresses,
                    labels, groups, passes, (Boolean) row[ClientSql.LOCKED], status(),
                    instant(ClientSql.EMAIL_REJECTED_AT), instant(ClientSql.ERASED_AT),
                    (Instant) row[ClientSql.CREATED_AT], (Instant) row[ClientSql.UPDATED_AT],
                    (Long) row[ClientSql.VERSION]);
        }

        ClientSummary summary() {
            Optional<EmailAddress> email = email();
            return new ClientSummary(new ClientId((UUID) row[ClientSql.CLIENT_ID]), name(), email, phone(), status(),
                    labels, (Boolean) row[ClientSql.LOCKED], row[ClientSql.ERASED_AT] != null,
                    email.isPresent() && row[ClientSql.EMAIL_REJECTED_AT] != null);
        }
    }
}
