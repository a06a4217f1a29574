package io.clientele.examples.web;

import io.clientele.Clientele;
import io.clientele.client.model.Client;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of the personal links: activation and password reset (a form on GET, the link used on
 * POST only), unsubscribe (a confirmation on GET, or the news that the client already is; RFC 8058
 * one-click or the confirmation's form on POST), and what an expired (410), used (410) or unknown (404) link shows. A page about a live
 * or expired link is in its client's language and names the studio; the others follow the
 * browser. Thread-safe: it keeps no state between requests.
 */
final class LinkPages {

    /** The form field carrying the CSRF token. */
    static final String CSRF_FIELD = "csrf";

    private final Clientele clientele;
    private final TenantSettingsProvider settings;
    private final FormGuard guard;

    LinkPages(Clientele clientele, TenantSettingsProvider settings, FormGuard guard) {
        this.clientele = clientele;
        this.settings = settings;
        this.guard = guard;
    }

    /** The link a request names: its tenant and token, both present and the tenant well formed. */
    private record Link(TenantId tenant, String token) {

        /** The link's query string, for a form's action. */
        String query() {
            return "tenant=" + URLEncoder.encode(tenant.value(), StandardCharsets.UTF_8)
                    + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
    }

    /** The client a link belongs to, as the page greets them. */
    private record Person(String studio, String firstName, PageTexts texts) {
    }

    /** GET {@code /activate} or {@code /reset-password}: the password form; consumes nothing. */
    PageReply passwordForm(PageRequest request, TokenPurpose purpose) {
        Optional<Link> link = link(request);
        if (link.isEmpty()) {
            return unknown(request);
        }
        TokenInspection inspection = clientele.activation().inspect(link.get().tenant(), link.get().token());
        if (inspection instanceof TokenInspection.Valid valid && valid.purpose() == purpose) {
            return form(link.get(), person(valid.tenantId(), valid.clientId()), purpose, Optional.empty());
        }
        return unusable(request, inspection, purpose);
    }

    /**
     * POST {@code /activate} or {@code /reset-password}: checks the form's origin and CSRF token
     * (403, nothing used), that the two passwords match, then uses the link; a password outside
     * the rules shows the rule broken (422) and leaves the link usable.
     */
    PageReply setPassword(PageRequest request, TokenPurpose purpose) {
        Optional<Link> link = link(request);
        if (link.isEmpty()) {
            return unknown(request);
        }
        Map<String, String> form = request.form();
        if (!fromThisPage(request, form, formName(purpose), link.get())) {
            return refused(request);
        }
        TokenInspection inspection = clientele.activation().inspect(link.get().tenant(), link.get().token());
        if (!(inspection instanceof TokenInspection.Valid valid) || valid.purpose() != purpose) {
            return unusable(request, inspection, purpose);
        }
        Person person = person(valid.tenantId(), valid.clientId());
        String password = form.getOrDefault("password", "");
        if (!password.equals(form.getOrDefault("confirm", ""))) {
            return form(link.get(), person, purpose, Optional.of("error.password.confirmation"));
        }
        ActivationResult result;
        try {
            result = clientele.activation().activate(link.get().tenant(), link.get().token(), password);
        } catch (ValidationException e) {
            return form(link.get(), person, purpose, Optional.of(errorKey(e)));
        }
        if (result instanceof ActivationResult.Activated) {
            String prefix = purpose == TokenPurpose.ACTIVATION ? "activated" : "reset.done";
            return message(200, person.texts(), Optional.of(person.studio()),
                    person.texts().text(prefix + ".title"),
                    person.texts().text(prefix + ".text", person.studio(), person.firstName()));
        }
        if (result instanceof ActivationResult.Expired expired) {
            return expired(person(expired.tenantId(), expired.clientId()), purpose);
        }
        return result instanceof ActivationResult.AlreadyUsed ? used(request) : unknown(request);
    }

    /**
     * GET {@code /unsubscribe}: asks for confirmation (link scanners follow links), or says the
     * client is already unsubscribed (no second confirmation); records nothing.
     */
    PageReply unsubscribeForm(PageRequest request) {
        Optional<Link> link = link(request);
        if (link.isEmpty()) {
            return unknown(request);
        }
        UnsubscribeResult target = clientele.activation().inspectUnsubscribe(link.get().tenant(), link.get().token());
        if (!(target instanceof UnsubscribeResult.Unsubscribed client)) {
            return unknown(request);
        }
        Person person = person(client.tenantId(), client.clientId());
        PageTexts t = person.texts();
        if (unsubscribed(client)) {
            return message(200, t, Optional.of(person.studio()), t.text("unsubscribed.already.title"),
                    t.text("unsubscribed.already.text", person.studio(), person.firstName()));
        }
        String content = Html.paragraph(t.text("unsubscribe.text", person.studio(), person.firstName()))
                + "<form method=\"post\" action=\"/unsubscribe?" + Html.escape(link.get().query()) + "\">\n"
                + hidden(CSRF_FIELD, guard.token("unsubscribe", link.get().tenant().value(), link.get().token()))
                + "<button type=\"submit\" id=\"submit\">" + Html.escape(t.text("unsubscribe.button")) + "</button>\n"
                + "</form>\n";
        return PageReply.page(200, Html.page(t, Optional.of(person.studio()), t.text("unsubscribe.title"), content,
                false));
    }

    /**
     * POST {@code /unsubscribe}: an RFC 8058 one-click request (body {@code
     * List-Unsubscribe=One-Click}, sent by the mail client with the token in the URL, so it carries
     * no CSRF token) or the confirmation page's form (origin and CSRF token checked). Either
     * records the opt-out with the request's IP address and user agent and answers 200.
     */
    PageReply unsubscribe(PageRequest request) {
        Optional<Link> link = link(request);
        if (link.isEmpty()) {
            return unknown(request);
        }
        if (!request.isOneClickUnsubscribe()
                && !fromThisPage(request, request.form(), "unsubscribe", link.get())) {
            return refused(request);
        }
        UnsubscribeResult result = clientele.activation().unsubscribe(link.get().tenant(), link.get().token(),
                origin(request));
        if (!(result instanceof UnsubscribeResult.Unsubscribed done)) {
            return unknown(request);
        }
        Person person = person(done.tenantId(), done.clientId());
        return message(200, person.texts(), Optional.of(person.studio()), person.texts().text("unsubscribed.title"),
                person.texts().text("unsubscribed.text", person.studio(), person.firstName()));
    }

    /** True when the client's latest decision on the invitations category is an opt-out. */
    private boolean unsubscribed(UnsubscribeResult.Unsubscribed client) {
        // the link authenticated the client: the page reads their consent as the client themself
        return clientele.consent().currentState(new Actor.ClientSelf(client.clientId()), client.tenantId(),
                client.clientId()).stream()
                .filter(state -> MarketingPreference.INVITATIONS.equals(state.preference().key()))
                .anyMatch(state -> state.latest().map(r -> r.decision() == ConsentDecision.OPT_OUT).orElse(false));
    }

    /** The page of a link that is unknown (404), used (410) or expired (410), or of another purpose (404). */
    private PageReply unusable(PageRequest request, TokenInspection inspection, TokenPurpose purpose) {
        if (inspection instanceof TokenInspection.AlreadyUsed) {
            return used(request);
        }
        if (inspection instanceof TokenInspection.Expired expired && expired.purpose() == purpose) {
            return expired(person(expired.tenantId(), expired.clientId()), purpose);
        }
        return unknown(request);
    }

    private PageReply form(Link link, Person person, TokenPurpose purpose, Optional<String> errorKey) {
        PageTexts t = person.texts();
        String prefix = purpose == TokenPurpose.ACTIVATION ? "activate" : "reset";
        String path = purpose == TokenPurpose.ACTIVATION ? "/activate" : "/reset-password";
        String content = Html.paragraph(t.text("greeting", person.studio(), person.firstName()))
                + Html.paragraph(t.text(prefix + ".intro", person.studio(), person.firstName()))
                + errorKey.map(k -> "<p class=\"error\" id=\"error\" role=\"alert\">" + Html.escape(t.text(k))
                        + "</p>\n").orElse("")
                + "<form method=\"post\" action=\"" + path + "?" + Html.escape(link.query()) + "\">\n"
                + hidden(CSRF_FIELD, guard.token(formName(purpose), link.tenant().value(), link.token()))
                + "<label for=\"password\">" + Html.escape(t.text("field.password")) + "</label>\n"
                + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" required>\n"
                + "<label for=\"confirm\">" + Html.escape(t.text("field.confirm")) + "</label>\n"
                + "<input type=\"password\" id=\"confirm\" name=\"confirm\" autocomplete=\"new-password\" required>\n"
                + "<p class=\"rules\">" + Html.escape(t.text("password.rules")) + "</p>\n"
                + "<button type=\"submit\" id=\"submit\">" + Html.escape(t.text(prefix + ".button")) + "</button>\n"
                + "</form>\n";
        return PageReply.page(errorKey.isPresent() ? 422 : 200,
                Html.page(t, Optional.of(person.studio()), t.text(prefix + ".title"), content, false));
    }

    private PageReply expired(Person person, TokenPurpose purpose) {
        String key = purpose == TokenPurpose.ACTIVATION ? "expired.activation.text" : "expired.reset.text";
        return message(410, person.texts(), Optional.of(person.studio()), person.texts().text("expired.title"),
                person.texts().text(key, person.studio(), person.firstName()));
    }

    private static PageReply used(PageRequest request) {
        PageTexts t = browserTexts(request);
        return message(410, t, Optional.empty(), t.text("used.title"), t.text("used.text"));
    }

    private static PageReply unknown(PageRequest request) {
        PageTexts t = browserTexts(request);
        return message(404, t, Optional.empty(), t.text("unknown.title"), t.text("unknown.text"));
    }

    /** A form that did not come from this server's page (403); nothing was used or recorded. */
    static PageReply refused(PageRequest request) {
        PageTexts t = browserTexts(request);
        return message(403, t, Optional.empty(), t.text("refused.title"), t.text("refused.text"));
    }

    /** A page of a title and one paragraph. */
    static PageReply message(int status, PageTexts texts, Optional<String> studio, String title, String text) {
        return PageReply.page(status, Html.page(texts, studio, title, Html.paragraph(text), false));
    }

    /** The texts the browser asks for. */
    static PageTexts browserTexts(PageRequest request) {
        return PageTexts.forBrowser(request.header("Accept-Language"));
    }

    private boolean fromThisPage(PageRequest request, Map<String, String> form, String formName, Link link) {
        return guard.sameOrigin(request.header("Origin"), request.header("Sec-Fetch-Site"))
                && guard.validToken(Optional.ofNullable(form.get(CSRF_FIELD)), formName, link.tenant().value(),
                        link.token());
    }

    private Person person(TenantId tenant, ClientId id) {
        // the link authenticated the client: the page reads the record as the client themself
        Client client = clientele.clients().get(new Actor.ClientSelf(id), tenant, id);
        TenantSettings studio = settings.settings(tenant);
        return new Person(studio.studioName(), client.details().name().firstName(),
                PageTexts.forClient(client.details().preferredLanguage(), studio.defaultLanguage()));
    }

    private static Optional<Link> link(PageRequest request) {
        Optional<String> tenant = request.query("tenant");
        Optional<String> token = request.query("token");
        if (tenant.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Link(TenantId.of(tenant.get()), token.get()));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private static String formName(TokenPurpose purpose) {
        return purpose == TokenPurpose.ACTIVATION ? "activate" : "reset-password";
    }

    private static String errorKey(ValidationException e) {
        String key = "error." + e.field() + "." + e.rule();
        return "password".equals(e.field()) && ("min_length".equals(e.rule()) || "max_length".equals(e.rule()))
                ? key : "error.invalid";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Html.escape(name) + "\" value=\"" + Html.escape(value) + "\">\n";
    }

    /** The request's IP address and user agent as consent proof; a value the record refuses is left out. */
    private static ConsentOrigin origin(PageRequest request) {
        Optional<String> ip = request.remoteAddress().map(InetSocketAddress::getAddress)
                .map(a -> a.getHostAddress().replaceFirst("%.*$", ""));
        Optional<String> agent = request.header("User-Agent");
        try {
            return new ConsentOrigin(ip, agent);
        } catch (ValidationException e) {
            try {
                return new ConsentOrigin(ip, Optional.empty());
            } catch (ValidationException again) {
                return ConsentOrigin.none();
            }
        }
    }
}
