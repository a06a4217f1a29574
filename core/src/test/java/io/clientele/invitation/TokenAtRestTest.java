package io.clientele.invitation;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.mail.model.RenderedMail;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import io.clientele.invitation.model.IssuedToken;
import java.util.Optional;

/**
 * Raw link tokens exist only in the mails handed to the sender: after a campaign, dispatch,
 * activation, a password reset and an unsubscribe, no store and no log line holds one.
 */
class TokenAtRestTest {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    private final TestClientele t = new TestClientele();

    @Test
    void no_store_and_no_log_line_holds_a_raw_token() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Set<String> tokens;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            tokens = runEverythingThatMakesTokens();
        } finally {
            System.setErr(originalErr);
        }
        String logText = log.toString(StandardCharsets.UTF_8);

        int found = 0;
        List<String> where = new ArrayList<>();
        // every store the Clientele is wired on (on a SQL backend: every table's rows)
        Map<String, List<String>> stored = t.storedState();
        for (String token : tokens) {
            for (Map.Entry<String, List<String>> store : stored.entrySet()) {
                for (String item : store.getValue()) {
                    if (item.contains(token)) {
                        found++;
                        where.add(store.getKey());
                    }
                }
            }
            if (logText.contains(token)) {
                found++;
                where.add("log");
            }
        }
        System.out.println("RESULT name=token-at-rest raw_tokens_found=" + found + " tokens_checked=" + tokens.size()
                + " stores=" + stored.size() + " log_lines=" + logText.lines().count());

        assertThat(tokens).as("tokens were made").hasSizeGreaterThanOrEqualTo(8);
        assertThat(logText).as("the run logged something, so the log was really captured").isNotBlank();
        assertThat(where).as("places holding a raw token").isEmpty();
        // the stores do hold the hashes, which is how the tokens are found again
        tokens.forEach(token -> assertThat(t.<Optional<IssuedToken>>read(s -> s.tokens().findByHash(TENANT,
                new RawToken(token).hash()))).isPresent());
    }

    private Set<String> runEverythingThatMakesTokens() {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(t.create(ClientDetails.named("Token", "Holder" + (char) ('A' + i))
                    .withEmail("holder" + i + "@example.com")));
        }
        Campaign campaign = t.clientele.campaigns().create(OWNER, TENANT, new CampaignTarget.AllClients());
        t.clientele.campaigns().run(OWNER, TENANT, campaign.id(), CampaignProgressListener.NONE);
        t.clientele.mailDispatcher().dispatchAll();

        String activation = tokenIn(clients.get(0), "activate");
        assertThat(t.clientele.activation().activate(TENANT, activation, "a long enough password"))
                .isInstanceOf(ActivationResult.Activated.class);
        t.clientele.activation().inspect(TENANT, tokenIn(clients.get(1), "activate"));
        t.clientele.activation().activate(TENANT, activation, "used twice on purpose");

        t.clientele.activation().requestPasswordReset(OWNER, TENANT, clients.get(0).id());
        t.clientele.mailDispatcher().dispatchAll();
        String reset = tokenIn(clients.get(0), "reset-password");
        assertThat(t.clientele.activation().activate(TENANT, reset, "another long password"))
                .isInstanceOf(ActivationResult.Activated.class);

        assertThat(t.clientele.activation().unsubscribe(TENANT, tokenIn(clients.get(2), "unsubscribe")))
                .isInstanceOf(UnsubscribeResult.Unsubscribed.class);

        t.clock.advance(Duration.ofDays(20));
        t.clientele.activation().activate(TENANT, tokenIn(clients.get(3), "activate"), "expired by now");
        t.clientele.erasure().erase(OWNER, TENANT, clients.get(3).id());

        Set<String> all = new LinkedHashSet<>();
        for (RenderedMail mail : t.memory.mailSender().mails()) {
            Matcher m = TOKEN.matcher(mail.textBody() + mail.htmlBody() + mail.headers());
            while (m.find()) {
                all.add(m.group(1));
            }
        }
        return all;
    }

    private String tokenIn(Client client, String path) {
        Pattern link = Pattern.compile(path + "\\?tenant=" + TENANT.value() + "&token=([A-Za-z0-9_-]{43})");
        String address = client.details().email().orElseThrow().value();
        for (RenderedMail mail : t.memory.mailSender().mails()) {
            Matcher m = link.matcher(mail.textBody());
            if (mail.to().equals(address) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + path + " link was mailed to client " + client.id());
    }
}
