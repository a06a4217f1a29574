package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.CursorSeal;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ConsentService} built from a {@link TestClientele}'s stores ({@link TestClientele#stores}:
 * the in-memory adapters, or a test backend's), clock and id generator (so the service under test
 * is independent of the facade's wiring), with a few shortcuts: a defined newsletter preference,
 * clients by first name, erased clients. One per test.
 */
final class ConsentKit {

    static final String NEWSLETTER_WORDING = "Send me the studio's monthly newsletter by email.";

    final TestClientele t = new TestClientele();
    final ConsentService consent;

    ConsentKit() {
        var s = t.stores;
        consent = new ConsentService(new ConsentService.Ports(s.clients(), s.audit(), s.events(), s.transactions(),
                t.clock, t.ids, s.preferences(), s.consents(), CursorSeal.withRandomKey(),
                new ClientGuard(s.clients(), t.memory.tenantSettings())));
    }

    /** Defines the tenant's "newsletter" preference. */
    MarketingPreference newsletter() {
        return consent.definePreference(OWNER, TENANT, "newsletter", "Newsletter", NEWSLETTER_WORDING,
                Channel.EMAIL);
    }

    /** Defines the tenant's "sms-offers" preference. */
    MarketingPreference smsOffers() {
        return consent.definePreference(OWNER, TENANT, "sms-offers", "Offers by SMS",
                "Text me about special offers.", Channel.SMS);
    }

    /** A client of the tenant with an email address. */
    Client client(String firstName) {
        return t.create(ClientDetails.named(firstName, "Tester")
                .withEmail(firstName.toLowerCase(Locale.ROOT) + ".tester@example.com"));
    }

    /** The client acting for themself. */
    static Actor.ClientSelf self(Client client) {
        return new Actor.ClientSelf(client.id());
    }

    /** Erases the client through the facade. */
    void erase(Client client) {
        t.clientele.erasure().erase(OWNER, TENANT, client.id());
    }

    /** Moves the clock a minute on, so consecutive decisions have distinct times. */
    void later() {
        t.clock.advance(Duration.ofMinutes(1));
    }

    /** Every stored record of the client, read from the store rather than through the service. */
    List<ConsentRecord> stored(ClientId client) {
        return t.read(s -> s.consents().history(TENANT, client));
    }
}
