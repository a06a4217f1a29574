package io.clientele.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.examples.DemoEnvironment;
import io.clientele.examples.MailArchive;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.testkit.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A demo environment on a test clock with the pages served, the studio offering the six
 * languages of the templates, and invited clients whose mails were really sent through GreenMail.
 */
final class PagesFixture implements AutoCloseable {

    static final TenantId STUDIO = DemoEnvironment.STUDIO;
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final MutableClock clock = MutableClock.standard();
    final DemoEnvironment env;
    final DemoPages pages;

    PagesFixture(Path folder) {
        this.env = DemoEnvironment.start(folder, DemoEnvironment.freePort(), clock);
        studio(STUDIO, DemoEnvironment.STUDIO_NAME);
        this.pages = DemoPages.start(env);
    }

    /** An invited client and the links of the invitation mail they received. */
    record Invited(TenantId tenant, ClientId id, String email, MailArchive.SavedMail mail) {

        URI activation() {
            return mail.link("/activate").orElseThrow();
        }

        URI unsubscribe() {
            return mail.link("/unsubscribe").orElseThrow();
        }
    }

    Clientele clientele() {
        return env.clientele();
    }

    /** An owner of the tenant. */
    static Actor.Staff owner(TenantId tenant) {
        return Actor.Staff.owner("owner-1", tenant);
    }

    /** Sets a tenant up: the six languages, English first, and the studio's name. */
    void studio(TenantId tenant, String name) {
        studio(tenant, name, LANGUAGES);
    }

    /** Sets a tenant up with its languages, the first its default, and the studio's name. */
    void studio(TenantId tenant, String name, List<String> languages) {
        env.host().tenantSettings().put(tenant, new TenantSettings(CountryCode.of("FR"),
                languages.stream().map(LanguageTag::of).toList(), LockPolicy.DEFAULT)
                .withStudioName(name).withTimeZone("Europe/Paris"));
    }

    /** A client of the studio, created, invited and sent the invitation mail. */
    Invited invite(String firstName, Optional<String> language) {
        return invite(STUDIO, firstName, language);
    }

    /** A client of {@code tenant}, created, invited and sent the invitation mail. */
    Invited invite(TenantId tenant, String firstName, Optional<String> language) {
        String email = "client" + SEQUENCE.incrementAndGet() + "@example.com";
        ClientDetails details = ClientDetails.named(firstName, "Martin").withEmail(email);
        if (language.isPresent()) {
            details = details.withPreferredLanguage(language.get());
        }
        var created = clientele().invitations().createAndInvite(owner(tenant), tenant, details, Optional.empty());
        assertThat(created.outcome()).isInstanceOf(InviteOutcome.Enqueued.class);
        clientele().mailDispatcher().dispatchAll();
        List<MailArchive.SavedMail> mails = env.mails().to(email);
        assertThat(mails).hasSize(1);
        return new Invited(tenant, created.client().id(), email, mails.get(0));
    }

    /** The page's URL for a link of a mail (the same path and query on the served base). */
    URI onPages(URI link) {
        return pages.baseUrl().resolve(link.getRawPath() + "?" + link.getRawQuery());
    }

    @Override
    public void close() {
        try {
            pages.close();
        } finally {
            env.close();
        }
    }
}
