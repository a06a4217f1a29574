package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The client profile's tables (migration V2): {@code client}, one row per client, and the tables of
 * its collections, {@code client_address}, {@code client_label}, {@code client_in_group} and {@code
 * client_pass}, each keyed by tenant and client first.
 *
 * <p>Labels, groups and passes are tables, not arrays in the client row, because each is looked up
 * by its value: a label's or group's holders by the {@code (tenant_id, label_id, client_id)} key
 * (campaign walks and chunked removals) and by {@code (tenant_id, label_id, sort_key, client_id)}
 * (the client list filtered by a label, a keyset page at any depth), a pass by the unique {@code
 * (tenant_id, pass_number)} index. The label and group rows carry a copy of the client's list sort
 * key for that second index; the adapter rewrites it with the client's name. Addresses are only read
 * with their client, as rows ordered by {@code position}.
 *
 * <p>The client list sorts by {@code sort_key}, the UTF-16 (big-endian) bytes of {@link
 * io.clientele.client.model.ClientSummary#sortKeyOf}: bytes compare unsigned in both databases, so
 * the order is exactly Java's {@code String.compareTo} (the in-memory adapter's), which a text
 * column under any collation, {@code "C"} included (code point order), is not. {@code search_text}
 * holds the folded names and email the text filter matches (see {@link ClientRows#searchText}).
 */
final class ClientTables {

    static final List<Class<?>> ENTITIES = List.of(ClientRow.class, AddressRow.class, LabelRow.class,
            GroupRow.class, PassRow.class);

    /** The result set mapping of {@link ClientSql}'s reads: one row per client or collection item. */
    static final String READ_MAPPING = "ClientReadRow";
    /** The result set mapping of a column {@code id} of client ids. */
    static final String ID_MAPPING = "ClientIdRow";
    /** The result set mapping of {@code id} and {@code version} (the version check of a set-based update). */
    static final String VERSION_MAPPING = "ClientVersionRow";
    /** The result set mapping of {@code email} and {@code id} (the email look-ups). */
    static final String EMAIL_MAPPING = "ClientEmailRow";
    /** The result set mapping of the counts per status: {@code erased}, {@code status}, {@code n}. */
    static final String COUNT_MAPPING = "ClientCountRow";

    private ClientTables() {
    }

    /** One client: the personal details, photo, status, lock and times, with the list's keys. */
    @Entity(name = "ClientRow")
    @Table(name = "client")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = READ_MAPPING, columns = {
        @ColumnResult(name = "part", type = Integer.class),
        @ColumnResult(name = "client_id", type = UUID.class),
        @ColumnResult(name = "first_name", type = String.class),
        @ColumnResult(name = "last_name", type = String.class),
        @ColumnResult(name = "email", type = String.class),
        @ColumnResult(name = "phone", type = String.class),
        @ColumnResult(name = "birth_date", type = LocalDate.class),
        @ColumnResult(name = "preferred_language", type = String.class),
        @ColumnResult(name = "photo_key", type = String.class),
        @ColumnResult(name = "photo_type", type = String.class),
        @ColumnResult(name = "photo_size", type = Long.class),
        @ColumnResult(name = "locked", type = Boolean.class),
        @ColumnResult(name = "invitation_status", type = String.class),
        @ColumnResult(name = "email_rejected_at", type = Instant.class),
        @ColumnResult(name = "erased_at", type = Instant.class),
        @ColumnResult(name = "created_at", type = Instant.class),
        @ColumnResult(name = "updated_at", type = Instant.class),
        @ColumnResult(name = "version", type = Long.class),
        @ColumnResult(name = "item_id", type = UUID.class),
        @ColumnResult(name = "pass_number", type = String.class),
        @ColumnResult(name = "item_position", type = Integer.class),
        @ColumnResult(name = "line1", type = String.class),
        @ColumnResult(name = "line2", type = String.class),
        @ColumnResult(name = "postal_code", type = String.class),
        @ColumnResult(name = "city", type = String.class),
        @ColumnResult(name = "region", type = String.class),
        @ColumnResult(name = "country", type = String.class)})
    @SqlResultSetMapping(name = ID_MAPPING, columns = @ColumnResult(name = "id", type = UUID.class))
    @SqlResultSetMapping(name = VERSION_MAPPING, columns = {
        @ColumnResult(name = "id", type = UUID.class),
        @ColumnResult(name = "version", type = Long.class)})
    @SqlResultSetMapping(name = EMAIL_MAPPING, columns = {
        @ColumnResult(name = "email", type = String.class),
        @ColumnResult(name = "id", type = UUID.class)})
    @SqlResultSetMapping(name = COUNT_MAPPING, columns = {
        @ColumnResult(name = "erased", type = Boolean.class),
        @ColumnResult(name = "status", type = String.class),
        @ColumnResult(name = "n", type = Long.class)})
    static class ClientRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "first_name")
        String firstName;
        @Column(name = "last_name")
        String lastName;
        String email;
        String phone;
        @Column(name = "birth_date")
        LocalDate birthDate;
        @Column(name = "preferred_language")
        String preferredLanguage;
        @Column(name = "photo_key")
        String photoKey;
        @Column(name = "photo_type")
        String photoType;
        @Column(name = "photo_size")
        Long photoSize;
        boolean locked;
        @Column(name = "invitation_status")
        String invitationStatus;
        @Column(name = "email_rejected_at")
        Instant emailRejectedAt;
        @Column(name = "erased_at")
        Instant erasedAt;
        @Column(name = "created_at")
        Instant createdAt;
        @Column(name = "updated_at")
        Instant updatedAt;
        /**
         * The aggregate's version, checked and raised by the adapter under the row lock (not a JPA
         * {@code @Version}, which would skip the raise when only the collections changed).
         */
        long version;
        @Column(name = "sort_key")
        byte[] sortKey;
        @Column(name = "search_text")
        String searchText;

        ClientRow() {
        }
    }

    /** The key of a client's address: tenant, client, address id. */
    record AddressKey(String tenantId, UUID clientId, UUID id) implements Serializable {
    }

    /** One of a client's addresses, at its place in the client's list. */
    @Entity(name = "ClientAddressRow")
    @Table(name = "client_address")
    @IdClass(AddressKey.class)
    static class AddressRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "client_id")
        UUID clientId;
        @Id
        UUID id;
        int position;
        String line1;
        String line2;
        @Column(name = "postal_code")
        String postalCode;
        String city;
        String region;
        String country;

        AddressRow() {
        }
    }

    /** The key of a label held by a client: tenant, client, label. */
    record LabelKey(String tenantId, UUID clientId, UUID labelId) implements Serializable {
    }

    /** A label a client holds, with the client's list sort key. */
    @Entity(name = "ClientLabelRow")
    @Table(name = "client_label")
    @IdClass(LabelKey.class)
    static class LabelRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "client_id")
        UUID clientId;
        @Id
        @Column(name = "label_id")
        UUID labelId;
        @Column(name = "sort_key")
        byte[] sortKey;

        LabelRow() {
        }
    }

    /** The key of a client's membership of a group: tenant, client, group. */
    record GroupKey(String tenantId, UUID clientId, UUID groupId) implements Serializable {
    }

    /** A group a client is a member of, with the client's list sort key. */
    @Entity(name = "ClientGroupRow")
    @Table(name = "client_in_group")
    @IdClass(GroupKey.class)
    static class GroupRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "client_id")
        UUID clientId;
        @Id
        @Column(name = "group_id")
        UUID groupId;
        @Column(name = "sort_key")
        byte[] sortKey;

        GroupRow() {
        }
    }

    /** The key of a pass linked to a client: tenant, client, pass number. */
    record PassKey(String tenantId, UUID clientId, String passNumber) implements Serializable {
    }

    /** A pass linked to a client; the pass number is unique per tenant ({@code client_pass_number_uq}). */
    @Entity(name = "ClientPassRow")
    @Table(name = "client_pass")
    @IdClass(PassKey.class)
    static class PassRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "client_id")
        UUID clientId;
        @Id
        @Column(name = "pass_number")
        String passNumber;

        PassRow() {
        }
    }
}
