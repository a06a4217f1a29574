package io.clientele.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LabelId;
import io.clientele.client.service.ClientProfileService;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * {@code client-search}: the client list of a studio of N clients (default 1,000,000; {@code
 * --clients}) on PostgreSQL through the JPA adapter, timed per call: keyset pages of 50 at depths
 * 1, 100 and 10,000 (the 10,000th page starts after 499,950 clients) filtered by status ({@code
 * ADDED}, two clients in three) and by label (every second client), and text searches (first page)
 * for a surname's start, a first name, a whole last name and an email address's start. Depths
 * beyond a smaller studio's last page are measured at its last page.
 *
 * <p>The clients are loaded with {@link BulkClients} (COPY into the adapter's tables, then
 * ANALYZE; not timed). A page's cursor is reached by walking the list through the API (pages of
 * 200, then of 50; not timed); each depth is then timed on {@value #CURSORS} consecutive cursors in
 * turn, {@value #SAMPLES} calls, after {@value #WARM_CALLS} untimed calls. Prints {@code RESULT
 * name=client-search clients=<N> p95_page_ms=<worst p95 of the filters and depths>
 * p95_search_ms=<p95 of the searches> p50_page_ms=<..> p99_page_ms=<..> p50_search_ms=<..>
 * p99_search_ms=<..>} (the page percentiles of the worst filter and depth); every filter and
 * depth on stderr. Targets: p95 < 10 ms for pages, < 50 ms for searches. Stateless.
 */
final class ClientSearchBenchmark implements Benchmark {

    static final String NAME = "client-search";
    static final int DEFAULT_CLIENTS = 1_000_000;
    static final int PAGE = 50;
    static final List<Integer> DEPTHS = List.of(1, 100, 10_000);
    static final int CURSORS = 20;
    static final int SAMPLES = 200;
    static final int WARM_CALLS = 20;
    static final double TARGET_PAGE_MS = 10.0;
    static final double TARGET_SEARCH_MS = 50.0;
    /** What the searches look for, in the order they take turns. */
    static final List<String> SEARCH_KINDS = List.of("a surname's start", "a first name", "a whole last name",
            "an address's start");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "N clients (default 1000000): keyset pages at depths 1, 100, 10000 by status and label, text search";
    }

    @Override
    public String targets() {
        return "p95 < 10 ms for pages at any depth, < 50 ms for text search";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        int clients = plan.clientsOr(DEFAULT_CLIENTS);
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(4);
        UUID label = UUID.nameUUIDFromBytes("bench-label".getBytes(StandardCharsets.UTF_8));
        try (JpaStudio studio = JpaStudio.on(pool, PgBench.NO_SEND, MustacheMailComposer.withDefaults(),
                PgBench.CLOCK, UnaryOperator.identity())) {
            PgBench.exec(pool, "TRUNCATE client_label, label, client CASCADE");
            PgBench.clearInvitations(pool);
            long start = System.nanoTime();
            new BulkClients(PgBench.TENANT, PgBench.CREATED).load(pool, clients, 3, Optional.of(label), 2);
            progress.note("loaded %d clients with COPY in %.1f s (not measured)", clients,
                    PgBench.millisSince(start) / 1000);
            ClientProfileService list = studio.clientele().clients();
            Map<String, ClientQuery> filters = new LinkedHashMap<>();
            filters.put("status", ClientQuery.all().withStatus(InvitationStatus.ADDED));
            filters.put("label", ClientQuery.all().withLabel(new LabelId(label)));
            String worst = null;
            List<Double> worstSamples = null;
            for (Map.Entry<String, ClientQuery> filter : filters.entrySet()) {
                for (int depth : DEPTHS) {
                    List<Double> samples = pages(list, filter.getValue(), depth, progress);
                    String what = String.format(Locale.ROOT, "%s page %d", filter.getKey(), depth);
                    progress.note("%s: %s", what, PgBench.describe(samples));
                    if (worstSamples == null || PgBench.percentile(samples, 95) > PgBench.percentile(worstSamples, 95)) {
                        worst = what;
                        worstSamples = samples;
                    }
                }
            }
            List<Double> searches = searches(list, clients, progress);
            progress.note("text search: %s", PgBench.describe(searches));
            progress.note("worst page: %s", worst);
            PgBench.exec(pool, "TRUNCATE client_label, label, client CASCADE");
            double p95Page = PgBench.percentile(worstSamples, 95);
            double p95Search = PgBench.percentile(searches, 95);
            progress.note("target pages p95 < %.0f ms: %s; target search p95 < %.0f ms: %s", TARGET_PAGE_MS,
                    p95Page < TARGET_PAGE_MS ? "met" : "missed", TARGET_SEARCH_MS,
                    p95Search < TARGET_SEARCH_MS ? "met" : "missed");
            return Result.named(NAME)
                    .with("clients", clients)
                    .withMillis("p95_page_ms", p95Page)
                    .withMillis("p95_search_ms", p95Search)
                    .withMillis("p50_page_ms", PgBench.percentile(worstSamples, 50))
                    .withMillis("p99_page_ms", PgBench.percentile(worstSamples, 99))
                    .withMillis("p50_search_ms", PgBench.percentile(searches, 50))
                    .withMillis("p99_search_ms", PgBench.percentile(searches, 99));
        } finally {
            pool.close();
        }
    }

    /** The timed calls of one filter at one depth. */
    private static List<Double> pages(ClientProfileService list, ClientQuery query, int depth, Progress progress) {
        List<Optional<Cursor>> cursors = cursors(list, query, depth);
        if (cursors.size() < CURSORS && depth > 1) {
            progress.note("depth %d: %d pages to the end of the list, measured on those", depth, cursors.size());
        }
        List<Double> samples = PgBench.samples();
        for (int call = -WARM_CALLS; call < SAMPLES; call++) {
            Optional<Cursor> cursor = cursors.get(Math.floorMod(call, cursors.size()));
            PageRequest request = cursor.map(c -> PageRequest.after(c, PAGE)).orElse(PageRequest.first(PAGE));
            long start = System.nanoTime();
            Page<ClientSummary> page = list.list(PgBench.OWNER, PgBench.TENANT, query, request);
            double ms = PgBench.millisSince(start);
            if (page.items().isEmpty()) {
                throw new BenchmarkFailure("an empty page at depth " + depth);
            }
            if (call >= 0) {
                samples.add(ms);
            }
        }
        return samples;
    }

    /**
     * The cursors of pages {@code depth} to {@code depth + CURSORS - 1} (empty for the first page),
     * reached by walking the list; a list too short gives its last pages instead.
     */
    private static List<Optional<Cursor>> cursors(ClientProfileService list, ClientQuery query, int depth) {
        if (depth == 1) {
            return List.of(Optional.empty());
        }
        // the start of page `depth` is the end of (depth - 1) * PAGE rows: pages of 200 first, the rest by 50
        long skip = (long) (depth - 1) * PAGE;
        Optional<Cursor> cursor = Optional.empty();
        long walked = 0;
        while (walked + PageRequest.MAX_SIZE <= skip) {
            Page<ClientSummary> page = list.list(PgBench.OWNER, PgBench.TENANT, query,
                    cursor.map(c -> PageRequest.after(c, PageRequest.MAX_SIZE)).orElse(PageRequest.first(PageRequest.MAX_SIZE)));
            walked += page.items().size();
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next();
        }
        List<Optional<Cursor>> wanted = new ArrayList<>();
        wanted.add(cursor);
        while (wanted.size() < CURSORS + (skip - walked) / PAGE) {
            Page<ClientSummary> page = list.list(PgBench.OWNER, PgBench.TENANT, query,
                    cursor.map(c -> PageRequest.after(c, PAGE)).orElse(PageRequest.first(PAGE)));
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next();
            wanted.add(cursor);
        }
        // the pages before the depth (when the walk by 50 had to cover the rest) are left out
        int before = (int) Math.min(wanted.size() - 1, Math.max(0, (skip - walked) / PAGE));
        return wanted.subList(before, wanted.size());
    }

    /** First pages of text searches: a surname's start, a first name, a whole last name, an address's start. */
    private static List<Double> searches(ClientProfileService list, int clients, Progress progress) {
        List<Double> samples = PgBench.samples();
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        for (int call = -WARM_CALLS; call < SAMPLES; call++) {
            int k = (int) (Math.floorMod(call, 1_000_003) * 7919L % clients);
            int kind = Math.floorMod(call, 4);
            String text = switch (kind) {
                case 0 -> BulkClients.surname(k).substring(0, Math.min(4, BulkClients.surname(k).length()));
                case 1 -> BulkClients.firstName(k);
                case 2 -> BulkClients.lastName(k);
                default -> "c" + k + "@";
            };
            ClientQuery query = ClientQuery.all().withText(text);
            long start = System.nanoTime();
            Page<ClientSummary> page = list.list(PgBench.OWNER, PgBench.TENANT, query, PageRequest.first(PAGE));
            double ms = PgBench.millisSince(start);
            if (page.items().isEmpty()) {
                throw new BenchmarkFailure("the search '" + text + "' found nobody");
            }
            if (call >= 0) {
                samples.add(ms);
                byKind.computeIfAbsent(SEARCH_KINDS.get(kind), name -> PgBench.samples()).add(ms);
            }
        }
        byKind.forEach((kind, times) -> progress.note("text search by %s: %s", kind, PgBench.describe(times)));
        return samples;
    }
}
