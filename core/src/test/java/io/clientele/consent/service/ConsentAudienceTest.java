package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ClientId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentAudienceTest {

    private static final List<String> NAMES = List.of("Ada", "Bea", "Cy", "Dee", "Eli", "Flo");

    private final ConsentKit kit = new ConsentKit();
    private final ConsentService consent = kit.consent;
    private final MarketingPreference newsletter = kit.newsletter();

    @Test
    void the_audience_lists_only_opted_in_clients_in_pages_of_two() {
        List<ClientId> optedIn = clients(5).stream().map(c -> optIn(c).id()).toList();
        Client neverAsked = kit.client("Never");
        Client optedOut = kit.client("Out");
        consent.optOut(MANAGER, TENANT, optedOut.id(), newsletter.id());
        Client changedTheirMind = optIn(kit.client("Changed"));
        kit.later();
        consent.recordSelfService(ConsentKit.self(changedTheirMind), TENANT, changedTheirMind.id(), newsletter.id(),
                ConsentDecision.OPT_OUT,
                        ConsentOrigin.none());
        optIn(kit.client("Elsewhere"), kit.smsOffers());

        List<Page<ClientId>> pages = allPages(newsletter, 2);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(2, 2, 1);
        assertThat(pages.subList(0, 2)).allMatch(Page::hasNext);
        assertThat(pages.get(2).hasNext()).isFalse();
        assertThat(pages.stream().flatMap(p -> p.items().stream()).toList())
                .containsExactlyElementsOf(optedIn)
                .doesNotContain(neverAsked.id(), optedOut.id(), changedTheirMind.id());
    }

    @Test
    void erased_clients_are_left_out_even_at_a_page_boundary() {
        List<Client> six = clients(6).stream().map(this::optIn).toList();
        kit.erase(six.get(2));
        kit.erase(six.get(5));

        List<Page<ClientId>> pages = allPages(newsletter, 2);

        assertThat(pages).extracting(Page::items).containsExactly(
                List.of(six.get(0).id(), six.get(1).id()),
                List.of(six.get(3).id(), six.get(4).id()));
        assertThat(pages.get(1).hasNext()).as("no empty page after the last active client").isFalse();
    }

    @Test
    void a_page_skips_a_run_of_erased_clients_and_stays_full() {
        List<Client> five = clients(5).stream().map(this::optIn).toList();
        kit.erase(five.get(0));
        kit.erase(five.get(1));
        kit.erase(five.get(2));

        Page<ClientId> first = consent.audience(OWNER, TENANT, newsletter.id(), PageRequest.first(2));

        assertThat(first.items()).containsExactly(five.get(3).id(), five.get(4).id());
        assertThat(first.hasNext()).isFalse();
    }

    @Test
    void an_empty_audience_is_one_empty_page() {
        Page<ClientId> page = consent.audience(OWNER, TENANT, newsletter.id(), PageRequest.first(2));

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void another_tenants_preference_has_no_audience_here() {
        MarketingPreference theirs = consent.definePreference(OTHER_OWNER, OTHER_TENANT, "news", "News", "News.",
                Channel.EMAIL);

        assertThatThrownBy(() -> consent.audience(OWNER, TENANT, theirs.id(), PageRequest.first()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> consent.audience(OWNER, TENANT, new PreferenceId(UUID.randomUUID()),
                PageRequest.first()))
                .isInstanceOf(NotFoundException.class);
    }

    private List<Client> clients(int count) {
        return NAMES.subList(0, count).stream().map(kit::client).toList();
    }

    private Client optIn(Client client) {
        return optIn(client, newsletter);
    }

    private Client optIn(Client client, MarketingPreference preference) {
        consent.optIn(MANAGER, TENANT, client.id(), preference.id());
        return client;
    }

    private List<Page<ClientId>> allPages(MarketingPreference preference, int size) {
        List<Page<ClientId>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<ClientId> page = consent.audience(OWNER, TENANT, preference.id(), request);
            pages.add(page);
            if (page.next().isEmpty() || pages.size() > 10) {
                return pages;
            }
            request = PageRequest.after(page.next().get(), size);
        }
    }
}
