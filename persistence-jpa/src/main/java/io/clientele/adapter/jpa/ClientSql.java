package io.clientele.adapter.jpa;

import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.common.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The native statements of {@link JpaClientRepository}, written once for PostgreSQL and H2 (the
 * few differences go by {@link SqlDialect}). Package-private so that {@code ClientListIndexesTest}
 * can {@code EXPLAIN} exactly what the adapter runs. Immutable and thread-safe.
 *
 * <p>A read is one statement whatever it reads: a {@code WITH picked AS (...)} choosing the
 * clients (by id, or by the query's filters in the walk's or the list's order, keyset and limit),
 * then the {@code UNION ALL} of their client rows and of the rows of their collections, each row
 * tagged with its {@link Part}, client rows first in the read's order. One snapshot serves the whole
 * read, so a client always comes with its collections as one committed unit of work left them.
 *
 * <p>The query's filters: a label or group filter drives the statement from that table's index
 * (the {@code (tenant_id, label_id, client_id)} key for the id walk, {@code (tenant_id, label_id,
 * sort_key, client_id)} for the list), joined to the client by its key; otherwise the client table's
 * key or its list indexes serve. The text filter is a {@code LIKE} on the folded {@code search_text}
 * and on the phone number's digits (the trigram index on PostgreSQL, a scan of the tenant's rows on
 * H2, which has no such index). A page with a text filter on PostgreSQL walks a window of the list
 * and, when that holds no page of matches, sorts the trigram index's matches (see {@code
 * matchesFirst}), so that its cost follows the number of matches rather than their place in the list.
 */
final class ClientSql {

    /** What a read row holds: a client row, or one item of one of its collections. */
    enum Part {
        CLIENT, LABELS, GROUPS, PASSES, ADDRESSES;

        static Part of(int ordinal) {
            return values()[ordinal];
        }
    }

    /** Every part: whole clients. */
    static final Set<Part> WHOLE = EnumSet.allOf(Part.class);
    /** The parts of a list row: the client and its labels. */
    static final Set<Part> SUMMARY = EnumSet.of(Part.CLIENT, Part.LABELS);

    // positions in a read row, as ClientTables.READ_MAPPING lists its columns
    static final int PART = 0;
    static final int CLIENT_ID = 1;
    static final int FIRST_NAME = 2;
    static final int LAST_NAME = 3;
    static final int EMAIL = 4;
    static final int PHONE = 5;
    static final int BIRTH_DATE = 6;
    static final int PREFERRED_LANGUAGE = 7;
    static final int PHOTO_KEY = 8;
    static final int PHOTO_TYPE = 9;
    static final int PHOTO_SIZE = 10;
    static final int LOCKED = 11;
    static final int INVITATION_STATUS = 12;
    static final int EMAIL_REJECTED_AT = 13;
    static final int ERASED_AT = 14;
    static final int CREATED_AT = 15;
    static final int UPDATED_AT = 16;
    static final int VERSION = 17;
    static final int ITEM_ID = 18;
    static final int PASS_NUMBER = 19;
    static final int ITEM_POSITION = 20;
    static final int LINE1 = 21;
    static final int LINE2 = 22;
    static final int POSTAL_CODE = 23;
    static final int CITY = 24;
    static final int REGION = 25;
    static final int COUNTRY = 26;

    /** The client table's columns a read selects, in the order of its client rows. */
    private static final List<String> CLIENT_COLUMNS = List.of("first_name", "last_name", "email", "phone",
            "birth_date", "preferred_language", "photo_key", "photo_type", "photo_size", "locked", "invitation_status",
            "email_rejected_at", "erased_at", "created_at", "updated_at", "version");

    /** The address table's columns a read selects. */
    private static final List<String> ADDRESS_COLUMNS = List.of("line1", "line2", "postal_code", "city", "region",
            "country");

    /** The shortest digit run the text filter also looks for in phone numbers (as the in-memory adapter). */
    private static final int MIN_PHONE_DIGITS = 3;

    /**
     * The most list rows a PostgreSQL text search's page walks before it sorts the trigram index's
     * matches instead ({@link #matchesFirst}): a few milliseconds of reads, in which a term matching
     * one client in sixty (a common first name's share) fills a page of 51.
     */
    static final int WALK_WINDOW = 3_000;

    /** The letters or digits in a row {@code pg_trgm} needs to extract a trigram from a {@code LIKE} term. */
    private static final int TRIGRAM = 3;

    /** A native statement and its named parameters. */
    record Statement(String sql, Map<String, Object> parameters) {

        Statement {
            parameters = Map.copyOf(parameters);
        }

        /**
         * The statement's rows, run as plain JDBC in {@code em}'s unit of work ({@link PlainJdbc}),
         * each read as the columns of the client table's result set mapping {@code mapping}.
         */
        List<Object[]> rows(EntityManager em, String mapping) {
            return PlainJdbc.list(em, sql, parameters, mapping);
        }

        /** Binds the parameters to {@code query} (made from {@link #sql()}, or a statement that embeds it). */
        Query bind(Query query) {
            parameters.forEach(query::setParameter);
            return query;
        }
    }

    /** Where a statement's clients come from: the client table, or a label's or group's rows joined to it. */
    private record Source(String from, String idColumn, String sortColumn, List<String> conditions) {
    }

    private final SqlDialect dialect;
    private final Map<String, String> readColumns;
    private final int walkWindow;

    ClientSql(SqlDialect dialect) {
        this(dialect, WALK_WINDOW);
    }

    /** Statements whose text search walks up to {@code walkWindow} list rows (tests change it to reach either branch). */
    ClientSql(SqlDialect dialect, int walkWindow) {
        this.dialect = dialect;
        this.readColumns = readColumns(dialect);
        this.walkWindow = walkWindow;
    }

    /** The whole client {@code id}, if stored in the tenant. */
    Statement byId(TenantId tenant, UUID id) {
        Map<String, Object> p = parameters(tenant);
        p.put("id", id);
        return read(picked("client c", List.of("c.tenant_id = :tenant", "c.id = :id"), ""), WHOLE, false, p);
    }

    /** The whole clients among {@code ids} stored in the tenant, in id order. */
    Statement byIds(TenantId tenant, Collection<UUID> ids) {
        Map<String, Object> p = parameters(tenant);
        p.put("ids", ids);
        return read(picked("client c", List.of("c.tenant_id = :tenant", "c.id IN (:ids)"), ""), WHOLE, false, p);
    }

    /**
     * The whole clients among {@code ids} that match every filter of {@code query}, in id order:
     * the re-read of clients just locked, on the statement's own (newer) snapshot.
     */
    Statement byIdsMatching(TenantId tenant, Collection<UUID> ids, ClientQuery query) {
        Map<String, Object> p = parameters(tenant);
        p.put("ids", ids);
        List<String> where = new ArrayList<>(clientTable(query, p).conditions());
        where.add("c.id IN (:ids)");
        return read(picked("client c", where, ""), WHOLE, false, p);
    }

    /** Up to {@code limit} whole clients matching {@code query} after the id {@code after}, in id order. */
    Statement walk(TenantId tenant, ClientQuery query, Optional<UUID> after, int limit) {
        Map<String, Object> p = parameters(tenant);
        Source source = source(query, p);
        List<String> where = new ArrayList<>(source.conditions());
        after.ifPresent(a -> {
            where.add(source.idColumn() + " > :after");
            p.put("after", a);
        });
        p.put("limit", limit);
        return read(picked(source.from(), where, " ORDER BY " + source.idColumn() + " LIMIT :limit"), WHOLE, false, p);
    }

    /**
     * Up to {@code limit} list rows matching {@code query} after the position {@code after}, in
     * list order: {@code (sort_key, id)}, as a keyset.
     */
    Statement page(TenantId tenant, ClientQuery query, Optional<ClientSummary.Position> after, int limit) {
        Map<String, Object> p = parameters(tenant);
        Source source = source(query, p);
        List<String> where = new ArrayList<>(source.conditions());
        after.ifPresent(a -> {
            where.add("(" + source.sortColumn() + ", " + source.idColumn() + ") > (:afterKey, :afterId)");
            p.put("afterKey", ClientRows.sortKey(a.sortKey()));
            p.put("afterId", a.id().value());
        });
        p.put("limit", limit);
        Optional<String> text = query.text().filter(t -> dialect == SqlDialect.POSTGRESQL && trigramsServe(t));
        String picked = text.isPresent() ? matchesFirst(source, where, textFilter(text.get(), p), p)
                : picked(source.from(), where, " ORDER BY " + source.sortColumn() + ", " + source.idColumn()
                        + " LIMIT :limit");
        return read(picked, SUMMARY, true, p);
    }

    /**
     * The choice of a text search's page on PostgreSQL: the first rows of the list walk when they
     * hold a page of matches, else the trigram index's matches, sorted. Left alone, the planner
     * walks the list index in list order for {@code ORDER BY sort_key, id LIMIT n}, counting on the
     * matches to be spread evenly along it; the matches of a surname's start sit together in that
     * order (the list is sorted by name), so the walk read most of the list before its first match
     * (1.6 s at a million clients). Here the walk reads at most {@value #WALK_WINDOW} list rows
     * (by default; {@code walked}): a term matching more than about one client in sixty fills the
     * page within them, and a list that ends within them is read whole. Otherwise the page is the
     * first of all matches in list order: the {@code MATERIALIZED} CTE {@code hits} (from {@code
     * client_search_idx} when the matches are few), a top-N sort of their keys. Both branches
     * carry the keyset condition; the {@code One-Time Filter} of the verdict keeps the branch not
     * taken from running, and the page's client rows are then read by the primary key. A page costs
     * at most the window plus the number of matches, whatever their place in the list.
     */
    private String matchesFirst(Source source, List<String> where, String text, Map<String, Object> p) {
        p.put("window", walkWindow);
        List<String> list = new ArrayList<>(where);
        list.remove(text);
        String key = source.sortColumn() + " AS hit_key, " + source.idColumn() + " AS hit_id";
        String order = " ORDER BY hit_key, hit_id LIMIT :limit";
        return "WITH walked AS MATERIALIZED (SELECT " + key + ", " + text + " AS hit FROM " + source.from()
                + " WHERE " + String.join(" AND ", list) + " ORDER BY " + source.sortColumn() + ", "
                + source.idColumn() + " LIMIT :window),"
                + " verdict AS (SELECT count(*) FILTER (WHERE hit) >= :limit OR count(*) < :window AS enough"
                + " FROM walked),"
                + " hits AS MATERIALIZED (SELECT " + key + " FROM " + source.from() + " WHERE "
                + String.join(" AND ", where) + "),"
                + " chosen AS ((SELECT hit_key, hit_id FROM walked WHERE hit AND (SELECT enough FROM verdict)" + order
                + ") UNION ALL (SELECT hit_key, hit_id FROM hits WHERE NOT (SELECT enough FROM verdict)" + order + "))"
                // each of the page's clients by the primary key: OFFSET 0 keeps the planner from
                // turning this into a join that may scan the tenant's clients to hash them
                + " SELECT c.* FROM chosen h CROSS JOIN LATERAL (SELECT c.tenant_id, c.id, c.sort_key, "
                + String.join(", ", prefixed("c.", CLIENT_COLUMNS))
                + " FROM client c WHERE c.tenant_id = :tenant AND c.id = h.hit_id OFFSET 0) c";
    }

    /**
     * Whether the trigram index can serve the text filter for {@code text}: each term it looks for
     * (the text, the phone digits) holds a run of at least three letters or digits, of which {@code
     * pg_trgm} extracts a trigram. A shorter term gives the index nothing to look up (it would read
     * all of it), so such a search keeps the list walk.
     */
    static boolean trigramsServe(String text) {
        Map<String, String> terms = likeTerms(text);
        return !terms.isEmpty() && terms.values().stream().allMatch(ClientSql::hasTrigram);
    }

    private static boolean hasTrigram(String term) {
        int run = 0;
        for (int i = 0; i < term.length(); ) {
            int cp = term.codePointAt(i);
            run = Character.isLetterOrDigit(cp) ? run + 1 : 0;
            if (run >= TRIGRAM) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Locks the clients among {@code ids} stored in the tenant, in id order; answers their ids. */
    Statement lockIds(TenantId tenant, Collection<UUID> ids) {
        Map<String, Object> p = parameters(tenant);
        p.put("ids", ids);
        return new Statement("SELECT c.id AS id FROM client c WHERE c.tenant_id = :tenant AND c.id IN (:ids)"
                + " ORDER BY c.id" + forUpdate(), p);
    }

    /**
     * Locks up to {@code limit} clients matching {@code query} after the id {@code after}, in id
     * order (the lock order); answers their ids. PostgreSQL re-checks the client row's filters of a
     * row it waited for, not a label or group row it joined: the re-read ({@link #byIdsMatching})
     * checks those.
     */
    Statement lockWalk(TenantId tenant, ClientQuery query, Optional<UUID> after, int limit) {
        return walkIds(tenant, query, after, limit, forUpdate());
    }

    /**
     * The ids of up to {@code limit} clients matching {@code query} after the id {@code after}, in id
     * order, without a lock: on H2, whose {@code ORDER BY ... LIMIT ... FOR UPDATE} locks every row
     * the condition matches (not only those it returns), the locked walk reads them so and then
     * locks them by id ({@link #lockIds}).
     */
    Statement walkIds(TenantId tenant, ClientQuery query, Optional<UUID> after, int limit) {
        return walkIds(tenant, query, after, limit, "");
    }

    private Statement walkIds(TenantId tenant, ClientQuery query, Optional<UUID> after, int limit, String lock) {
        Map<String, Object> p = parameters(tenant);
        // H2 locks the rows of every table of a join, the label row a holder's change deletes
        // among them (a deadlock): there the walk reads the client table, the label as a condition
        Source source = dialect == SqlDialect.H2 ? clientTable(query, p) : source(query, p);
        List<String> where = new ArrayList<>(source.conditions());
        after.ifPresent(a -> {
            where.add(source.idColumn() + " > :after");
            p.put("after", a);
        });
        p.put("limit", limit);
        return new Statement("SELECT c.id AS id FROM " + source.from() + " WHERE " + String.join(" AND ", where)
                + " ORDER BY " + source.idColumn() + " LIMIT :limit" + lock, p);
    }

    /** How many clients match {@code query}, per erased flag and status (one {@code GROUP BY}). */
    Statement countByStatus(TenantId tenant, ClientQuery query) {
        Map<String, Object> p = parameters(tenant);
        Source source = source(query, p);
        return new Statement("SELECT (c.erased_at IS NOT NULL) AS erased, c.invitation_status AS status,"
                + " count(*) AS n FROM " + source.from() + " WHERE " + String.join(" AND ", source.conditions())
                + " GROUP BY (c.erased_at IS NOT NULL), c.invitation_status", p);
    }

    /**
     * The non-erased clients holding any of {@code emails}: {@code email, id}, by the unique index
     * (PostgreSQL: the partial index {@code WHERE erased_at IS NULL}; H2: {@code live_email}).
     */
    Statement idsByEmail(TenantId tenant, Collection<String> emails) {
        Map<String, Object> p = parameters(tenant);
        p.put("emails", emails);
        String sql = dialect == SqlDialect.H2
                ? "SELECT c.live_email AS email, c.id AS id FROM client c WHERE c.tenant_id = :tenant"
                        + " AND c.live_email IN (:emails)"
                : "SELECT c.email AS email, c.id AS id FROM client c WHERE c.tenant_id = :tenant"
                        + " AND c.email IN (:emails) AND c.erased_at IS NULL";
        return new Statement(sql, p);
    }

    private String forUpdate() {
        // PostgreSQL would otherwise also lock the label or group rows a walk joins (H2 has no OF,
        // and its walks join nothing)
        return dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE OF c" : " FOR UPDATE";
    }

    private static Map<String, Object> parameters(TenantId tenant) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant", tenant.value());
        return p;
    }

    /**
     * The table a query's clients come from: a label's rows when it filters by a label (the most
     * selective filter the query can have), else a group's, else the client table.
     */
    private static Source source(ClientQuery query, Map<String, Object> p) {
        List<String> where = new ArrayList<>();
        Source source;
        if (query.label().isPresent()) {
            p.put("label", query.label().get().value());
            where.add("d.tenant_id = :tenant");
            where.add("d.label_id = :label");
            query.group().ifPresent(group -> where.add(held("client_in_group", "group_id", "group", group.value(), p)));
            source = new Source("client_label d JOIN client c ON c.tenant_id = d.tenant_id AND c.id = d.client_id",
                    "d.client_id", "d.sort_key", where);
        } else if (query.group().isPresent()) {
            p.put("group", query.group().get().value());
            where.add("d.tenant_id = :tenant");
            where.add("d.group_id = :group");
            source = new Source("client_in_group d JOIN client c ON c.tenant_id = d.tenant_id AND c.id = d.client_id",
                    "d.client_id", "d.sort_key", where);
        } else {
            where.add("c.tenant_id = :tenant");
            source = new Source("client c", "c.id", "c.sort_key", where);
        }
        where.addAll(clientFilters(query, p));
        return source;
    }

    /** The client table alone, a label or group filter as a condition on each client. */
    private static Source clientTable(ClientQuery query, Map<String, Object> p) {
        List<String> where = new ArrayList<>();
        where.add("c.tenant_id = :tenant");
        query.label().ifPresent(label -> where.add(held("client_label", "label_id", "label", label.value(), p)));
        query.group().ifPresent(group -> where.add(held("client_in_group", "group_id", "group", group.value(), p)));
        where.addAll(clientFilters(query, p));
        return new Source("client c", "c.id", "c.sort_key", where);
    }

    /** The client holds {@code value} in {@code table} (by that table's primary key). */
    private static String held(String table, String column, String parameter, UUID value, Map<String, Object> p) {
        p.put(parameter, value);
        return "EXISTS (SELECT 1 FROM " + table + " h WHERE h.tenant_id = c.tenant_id AND h.client_id = c.id AND h."
                + column + " = :" + parameter + ")";
    }

    /** The filters on the client row itself: erased, status, bounced, text. */
    private static List<String> clientFilters(ClientQuery query, Map<String, Object> p) {
        List<String> where = new ArrayList<>();
        if (!query.includeErased()) {
            where.add("c.erased_at IS NULL");
        }
        query.status().ifPresent(status -> {
            where.add("c.invitation_status = :status");
            p.put("status", status.name());
        });
        if (query.bouncedOnly()) {
            where.add("c.email IS NOT NULL AND c.email_rejected_at IS NOT NULL");
        }
        query.text().ifPresent(text -> where.add(textFilter(text, p)));
        return where;
    }

    /**
     * The text filter as the in-memory adapter has it: the folded text within the folded names or
     * email, or its digits (at least three) within the phone number, also without a leading trunk
     * {@code 0} (a national number typed as {@code 06 12 ...}). A text holding both a digit and a
     * space is a phone number as people type it: no name holds a digit ({@code PersonName}) and no
     * email address a space, so only the phone can match it, and the statement leaves the names
     * and email out (their trigrams, of two-digit words, would only slow the index scan down).
     */
    private static String textFilter(String text, Map<String, Object> p) {
        List<String> alternatives = new ArrayList<>();
        likeTerms(text).forEach((parameter, term) -> {
            alternatives.add((parameter.equals("text") ? "c.search_text" : "c.phone") + " LIKE :" + parameter);
            p.put(parameter, "%" + escapeLike(term) + "%");
        });
        if (alternatives.isEmpty()) {
            // digits and a space, but too few digits for a phone number: nothing can match
            return "1 = 0";
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /**
     * The terms the text filter looks for, by parameter name: {@code text} within the search text,
     * {@code digits} and {@code national} (without the trunk {@code 0}) within the phone number.
     */
    private static Map<String, String> likeTerms(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        Map<String, String> terms = new LinkedHashMap<>();
        if (digits.isEmpty() || !text.contains(" ")) {
            terms.put("text", text);
        }
        if (digits.length() >= MIN_PHONE_DIGITS) {
            terms.put("digits", digits);
            if (digits.startsWith("0")) {
                terms.put("national", digits.substring(1));
            }
        }
        return terms;
    }

    /** {@code text} as a literal within a {@code LIKE} pattern (backslash, the default escape of both databases). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String picked(String from, List<String> where, String orderAndLimit) {
        return "SELECT c.tenant_id, c.id, c.sort_key, " + String.join(", ", prefixed("c.", CLIENT_COLUMNS))
                + " FROM " + from + " WHERE " + String.join(" AND ", where) + orderAndLimit;
    }

    /**
     * The read of the picked clients: their client rows, then the rows of each of their collections
     * in {@code parts}, ordered by part, then as the read orders its clients.
     */
    private Statement read(String picked, Set<Part> parts, boolean listOrder, Map<String, Object> p) {
        StringBuilder sql = new StringBuilder("WITH picked AS (").append(picked).append(")");
        for (Part part : parts) {
            sql.append(part == Part.CLIENT ? " " : " UNION ALL ").append(select(part));
        }
        sql.append(" ORDER BY part, ").append(listOrder ? "sort_key, " : "").append("client_id, item_position");
        return new Statement(sql.toString(), p);
    }

    /** The select of one part: every column of a read row, those the part has not as typed NULLs. */
    private String select(Part part) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("part", Integer.toString(part.ordinal()));
        switch (part) {
            case CLIENT -> {
                values.put("client_id", "p.id");
                values.put("sort_key", "p.sort_key");
                CLIENT_COLUMNS.forEach(c -> values.put(c, "p." + c));
            }
            case LABELS -> {
                values.put("client_id", "i.client_id");
                values.put("item_id", "i.label_id");
            }
            case GROUPS -> {
                values.put("client_id", "i.client_id");
                values.put("item_id", "i.group_id");
            }
            case PASSES -> {
                values.put("client_id", "i.client_id");
                values.put("pass_number", "i.pass_number");
            }
            case ADDRESSES -> {
                values.put("client_id", "i.client_id");
                values.put("item_id", "i.id");
                values.put("item_position", "i.position");
                ADDRESS_COLUMNS.forEach(c -> values.put(c, "i." + c));
            }
        }
        List<String> columns = new ArrayList<>();
        for (Map.Entry<String, String> column : readColumns.entrySet()) {
            String value = values.get(column.getKey());
            columns.add((value != null ? value : "CAST(NULL AS " + column.getValue() + ")") + " AS " + column.getKey());
        }
        String from = switch (part) {
            case CLIENT -> "picked p";
            case LABELS -> items("client_label");
            case GROUPS -> items("client_in_group");
            case PASSES -> items("client_pass");
            case ADDRESSES -> items("client_address");
        };
        return "SELECT " + String.join(", ", columns) + " FROM " + from;
    }

    private static String items(String table) {
        return table + " i JOIN picked p ON i.tenant_id = p.tenant_id AND i.client_id = p.id";
    }

    /** The columns of a read row and their SQL types, in the order of the row. */
    private static Map<String, String> readColumns(SqlDialect dialect) {
        String binary = dialect == SqlDialect.H2 ? "varbinary" : "bytea";
        String instant = "timestamp with time zone";
        Map<String, String> c = new LinkedHashMap<>();
        c.put("part", "integer");
        c.put("client_id", "uuid");
        c.put("sort_key", binary);
        c.put("first_name", "varchar");
        c.put("last_name", "varchar");
        c.put("email", "varchar");
        c.put("phone", "varchar");
        c.put("birth_date", "date");
        c.put("preferred_language", "varchar");
        c.put("photo_key", "varchar");
        c.put("photo_type", "varchar");
        c.put("photo_size", "bigint");
        c.put("locked", "boolean");
        c.put("invitation_status", "varchar");
        c.put("email_rejected_at", instant);
        c.put("erased_at", instant);
        c.put("created_at", instant);
        c.put("updated_at", instant);
        c.put("version", "bigint");
        c.put("item_id", "uuid");
        c.put("pass_number", "varchar");
        c.put("item_position", "integer");
        ADDRESS_COLUMNS.forEach(a -> c.put(a, "varchar"));
        return Collections.unmodifiableMap(c);
    }

    private static List<String> prefixed(String prefix, List<String> columns) {
        return columns.stream().map(c -> prefix + c).toList();
    }
}
