package io.clientele.examples.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clientele.examples.DemoEnvironment;
import io.clientele.examples.MailArchive;
import io.clientele.examples.PageServer;
import io.clientele.invitation.model.TokenPurpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages the links in the demo's mails open, served by the JDK's {@link HttpServer} on
 * {@code 127.0.0.1} at the environment's {@link DemoEnvironment#webPort() web port}:
 * <ul>
 *   <li>{@code /activate} and {@code /reset-password}: GET shows the studio, the client's first
 *       name and a password form (the link is only inspected); POST uses the link, or shows the
 *       password rule broken;
 *   <li>{@code /unsubscribe}: GET asks for confirmation; POST unsubscribes, from the page's form or
 *       as an RFC 8058 one-click request ({@code List-Unsubscribe=One-Click});
 *   <li>expired and used links answer 410, unknown ones 404, each with a page saying what to do;
 *   <li>{@code /mails}: the demo operator's list of the mails sent, each opened at {@code
 *       /mails/<n>} as its client sees it.
 * </ul>
 *
 * <p>A request whose {@code Host} is not {@code localhost:<port>} or {@code 127.0.0.1:<port>} is
 * refused (421) before anything else is read: a page of another site whose name was made to
 * resolve to 127.0.0.1 (DNS rebinding) cannot read the mails or use a link. Every answer of these
 * pages carries {@code Content-Security-Policy} (no script at all; see {@link PageReply}), {@code
 * X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin} (the token in the URL
 * never leaves the site, while the browser's own POSTs carry their real {@code Origin}), {@code
 * Cache-Control: no-store} and {@code X-Frame-Options: DENY}; a request the JDK's server cannot
 * parse at all (such as a malformed escape in the URI) gets the JDK's own 400 without them. Forms
 * carry a CSRF token bound to their link and are refused (403) from another origin ({@link
 * FormGuard}); POST bodies are limited to {@value PageRequest#MAX_BODY_BYTES} bytes (413); GET,
 * HEAD (as GET, without the body) and POST are served, any other method, lower-case ones included
 * (methods are case-sensitive), is refused (405). Pages are in the client's language, or the
 * browser's when the link names no client.
 *
 * <p>A request must arrive whole within {@value #MAX_REQUEST_SECONDS} seconds and its answer be
 * sent within {@value #MAX_RESPONSE_SECONDS} (the JDK server's {@code sun.net.httpserver.maxReqTime}
 * and {@code maxRspTime}, set when the first server of the JVM starts unless already set): a client
 * that sends its headers slowly, or never finishes them, holds a thread that long at most.
 *
 * <p>Thread-safe: requests are served by a pool of {@value #THREADS} daemon threads. {@link
 * #close()} stops the server; the environment stays open.
 */
public final class DemoPages implements PageServer {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPages.class);
    private static final Pattern MAIL_PATH = Pattern.compile("/mails/([1-9][0-9]{0,8})");
    /** The threads serving requests. */
    static final int THREADS = 8;
    /** How long a request may take to arrive, in seconds, before its connection is closed. */
    static final int MAX_REQUEST_SECONDS = 10;
    /** How long an answer may take to be sent, in seconds, before its connection is closed. */
    static final int MAX_RESPONSE_SECONDS = 30;
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    private static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final LinkPages links;
    private final MailArchive mails;
    private final byte[] stylesheet;
    private final Set<String> hosts;

    private DemoPages(DemoEnvironment env) throws IOException {
        this.baseUrl = env.baseUrl();
        this.mails = env.mails();
        FormGuard guard = new FormGuard(Set.of(baseUrl, URI.create("http://127.0.0.1:" + env.webPort())));
        this.links = new LinkPages(env.clientele(), env.host().tenantSettings(), guard);
        this.stylesheet = resource("style.css");
        this.hosts = Set.of("localhost:" + env.webPort(), "127.0.0.1:" + env.webPort());
        limitRequestTimes();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), env.webPort()), 0);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "demo-pages-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /**
     * Starts serving the pages of {@code env} on {@code 127.0.0.1:<env.webPort()>}; fails with an
     * {@link UncheckedIOException} when the port is taken.
     */
    public static DemoPages start(DemoEnvironment env) {
        Objects.requireNonNull(env, "env");
        try {
            return new DemoPages(env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the pages on port " + env.webPort(), e);
        }
    }

    /**
     * Sets the JDK server's request and response time limits unless the JVM was started with its
     * own. The JDK reads them once, when its first server is created, so they are set before.
     */
    private static void limitRequestTimes() {
        synchronized (DemoPages.class) {
            if (System.getProperty(MAX_REQUEST_TIME) == null) {
                System.setProperty(MAX_REQUEST_TIME, Integer.toString(MAX_REQUEST_SECONDS));
            }
            if (System.getProperty(MAX_RESPONSE_TIME) == null) {
                System.setProperty(MAX_RESPONSE_TIME, Integer.toString(MAX_RESPONSE_SECONDS));
            }
        }
    }

    /** The address the server is bound to: the loopback interface only. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://localhost:<port>}: where the pages answer, as the mails' links name it. */
    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /** Stops the server at once (requests being served are cut off) and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        PageReply reply;
        try {
            reply = knownHost(exchange) ? route(exchange) : problem(exchange, 421);
        } catch (PageRequest.Refusal e) {
            reply = problem(exchange, e.status());
        } catch (RuntimeException e) {
            // the exception's message may name a client; the log keeps the type only, the page says nothing
            LOG.error("page failed: {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.getClass().getName());
            reply = problem(exchange, 500);
        }
        send(exchange, reply);
    }

    /**
     * True when the request names this server as the links do: a browser sends the host name it
     * resolved, so a rebinding site's name, or none, is refused before any page is read.
     */
    private boolean knownHost(HttpExchange exchange) {
        List<String> sent = exchange.getRequestHeaders().get("Host");
        return sent != null && sent.size() == 1 && hosts.contains(sent.get(0).trim().toLowerCase(Locale.ROOT));
    }

    private PageReply route(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        PageRequest request = new PageRequest(exchange);
        String method = request.method();
        switch (path) {
            case "/activate":
                return forms(request, () -> links.passwordForm(request, TokenPurpose.ACTIVATION),
                        () -> links.setPassword(request, TokenPurpose.ACTIVATION));
            case "/reset-password":
                return forms(request, () -> links.passwordForm(request, TokenPurpose.PASSWORD_RESET),
                        () -> links.setPassword(request, TokenPurpose.PASSWORD_RESET));
            case "/unsubscribe":
                return forms(request, () -> links.unsubscribeForm(request), () -> links.unsubscribe(request));
            case "/style.css":
                return isGet(method)
                        ? new PageReply(200, "text/css; charset=utf-8", stylesheet, PageReply.PAGE_POLICY, Map.of())
                        : notAllowed(request, "GET, HEAD");
            case "/mails":
                return isGet(method) ? mailList(request) : notAllowed(request, "GET, HEAD");
            default:
                Matcher m = MAIL_PATH.matcher(path);
                if (m.matches()) {
                    return isGet(method) ? mail(request, Integer.parseInt(m.group(1)))
                            : notAllowed(request, "GET, HEAD");
                }
                PageTexts t = LinkPages.browserTexts(request);
                return LinkPages.message(404, t, Optional.empty(), t.text("notfound.title"), t.text("notfound.text"));
        }
    }

    private static PageReply forms(PageRequest request, Supplier<PageReply> get,
            Supplier<PageReply> post) {
        return switch (request.method()) {
            case "GET", "HEAD" -> get.get();
            case "POST" -> post.get();
            default -> notAllowed(request, "GET, HEAD, POST");
        };
    }

    /** GET, or HEAD, which RFC 9110 answers as GET without the body. Methods are case-sensitive. */
    private static boolean isGet(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private static PageReply notAllowed(PageRequest request, String allowed) {
        PageTexts t = LinkPages.browserTexts(request);
        return LinkPages.message(405, t, Optional.empty(), t.text("bad.title"), t.text("bad.text"))
                .withHeader("Allow", allowed);
    }

    private static PageReply problem(HttpExchange exchange, int status) {
        PageTexts t = PageTexts.forBrowser(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept-Language")));
        return LinkPages.message(status, t, Optional.empty(), t.text("bad.title"), t.text("bad.text"));
    }

    private PageReply mailList(PageRequest request) {
        PageTexts t = LinkPages.browserTexts(request);
        List<MailArchive.SavedMail> all = mails.all();
        StringBuilder content = new StringBuilder(Html.paragraph(t.text("mails.intro")));
        if (all.isEmpty()) {
            content.append(Html.paragraph(t.text("mails.none")));
        } else {
            content.append("<table>\n<thead><tr><th>").append(Html.escape(t.text("mails.number")))
                    .append("</th><th>").append(Html.escape(t.text("mails.to")))
                    .append("</th><th>").append(Html.escape(t.text("mails.subject")))
                    .append("</th></tr></thead>\n<tbody>\n");
            for (MailArchive.SavedMail mail : all) {
                content.append("<tr><td>").append(mail.number()).append("</td><td>").append(Html.escape(mail.to()))
                        .append("</td><td><a href=\"/mails/").append(mail.number()).append("\">")
                        .append(Html.escape(mail.subject())).append("</a></td></tr>\n");
            }
            content.append("</tbody>\n</table>\n");
        }
        return PageReply.page(200, Html.page(t, Optional.empty(), t.text("mails.title"), content.toString(), true));
    }

    private PageReply mail(PageRequest request, int number) {
        List<MailArchive.SavedMail> all = mails.all();
        if (number > all.size()) {
            PageTexts t = LinkPages.browserTexts(request);
            return LinkPages.message(404, t, Optional.empty(), t.text("notfound.title"), t.text("notfound.text"));
        }
        return new PageReply(200, "text/html; charset=utf-8",
                all.get(number - 1).html().getBytes(StandardCharsets.UTF_8), PageReply.MAIL_POLICY, Map.of());
    }

    private static void send(HttpExchange exchange, PageReply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("Content-Security-Policy", reply.policy());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Frame-Options", "DENY");
        reply.headers().forEach(headers::set);
        if (reply.status() == 413) {
            // the unread rest of a too large body must not be taken for the next request
            headers.set("Connection", "close");
        }
        // a HEAD request is answered as GET, headers only; the JDK server and clients take a "Head" for
        // a HEAD too (they ignore case there), so its refusal carries no body either
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        int length = head || reply.body().length == 0 ? -1 : reply.body().length;
        exchange.sendResponseHeaders(reply.status(), length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (length > 0) {
                out.write(reply.body());
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + DemoPages.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
