package io.clientele.invitation;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.mail.model.RenderedMail;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of invite, resend, dispatch, accept, expire (the clock moves), unsubscribe and
 * erase, run against the whole invitation context on in-memory adapters. After every step: every
 * client is in a state its history allows (ADDED -> INVITED -> ACCEPTED, erasure final), and no
 * client who had accepted or unsubscribed was ever handed an invitation mail.
 */
class InvitationPropertiesTest {

    private static final int CLIENTS = 3;
    private static final Pattern ACTIVATION_LINK = Pattern.compile(
            "activate\\?tenant=" + TENANT.value() + "&token=([A-Za-z0-9_-]{43})");
    private static final Pattern UNSUBSCRIBE_LINK = Pattern.compile(
            "unsubscribe\\?tenant=" + TENANT.value() + "&token=([A-Za-z0-9_-]{43})");
    private static final AtomicInteger SEQUENCES = new AtomicInteger();
    private static final AtomicInteger VIOLATIONS = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger UNSUBSCRIBED = new AtomicInteger();
    private static final AtomicInteger MAILS = new AtomicInteger();

    enum Kind { INVITE, DISPATCH, ACCEPT, EXPIRE, UNSUBSCRIBE, ERASE }

    /** One step: what, on which client, with which of its links or how far the clock moves. */
    record Step(Kind kind, int client, int pick, long minutes) {
        @Override
        public String toString() {
            return kind + "(" + client + "," + pick + "," + minutes + "m)";
        }
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, Kind.INVITE), Tuple.of(4, Kind.DISPATCH), Tuple.of(3, Kind.ACCEPT),
                        Tuple.of(2, Kind.EXPIRE), Tuple.of(2, Kind.UNSUBSCRIBE), Tuple.of(1, Kind.ERASE)),
                Arbitraries.integers().between(0, CLIENTS - 1),
                Arbitraries.integers().between(0, 7),
                Arbitraries.oneOf(Arbitraries.longs().between(1, 120), Arbitraries.longs().between(60L * 20, 60L * 24 * 20)))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void no_sequence_reaches_an_illegal_state_or_mails_an_accepted_or_unsubscribed_client(
            @ForAll("sequences") List<Step> steps) {
        Model model = new Model();
        for (Step step : steps) {
            model.apply(step);
            List<String> problems = model.violations();
            if (!problems.isEmpty()) {
                VIOLATIONS.incrementAndGet();
            }
            assertThat(problems).as("after %s in %s", step, steps).isEmpty();
        }
        SEQUENCES.incrementAndGet();
        ACCEPTED.addAndGet(model.accepted.size());
        UNSUBSCRIBED.addAndGet(model.unsubscribed.size());
        MAILS.addAndGet(model.mailsSeen);
    }

    @AfterContainer
    static void report() {
        System.out.println("RESULT name=invitation-properties sequences=" + SEQUENCES.get()
                + " violations=" + VIOLATIONS.get() + " accepted=" + ACCEPTED.get() + " unsubscribed="
                + UNSUBSCRIBED.get() + " mails=" + MAILS.get());
    }

    /** The system under test plus what the test remembers of each client's history. */
    private static final class Model {

        private final TestClientele t = new TestClientele();
        private final List<ClientId> ids = new ArrayList<>();
        private final Map<String, Integer> byAddress = new HashMap<>();
        private final Map<Integer, InvitationStatus> lastStatus = new HashMap<>();
        private final Set<Integer> accepted = new HashSet<>();
        private final Set<Integer> unsubscribed = new HashSet<>();
        private final Set<Integer> erased = new HashSet<>();
        private final List<String> problems = new ArrayList<>();
        private int mailsSeen;

        Model() {
            for (int i = 0; i < CLIENTS; i++) {
                String email = "client" + i + "@example.com";
                Client c = t.create(ClientDetails.named("Client", "Number" + (char) ('A' + i)).withEmail(email));
                ids.add(c.id());
                byAddress.put(email, i);
                lastStatus.put(i, InvitationStatus.ADDED);
            }
        }

        void apply(Step step) {
            ClientId id = ids.get(step.client());
            switch (step.kind()) {
                case INVITE -> t.clientele.invitations().invite(OWNER, TENANT, id);
                case DISPATCH -> t.clientele.mailDispatcher().dispatchAll();
                case ACCEPT -> linkOf(step.client(), step.pick(), ACTIVATION_LINK).ifPresent(token -> {
                    ActivationResult result = t.clientele.activation().activate(TENANT, token, "correct horse battery");
                    if (result instanceof ActivationResult.Activated) {
                        accepted.add(step.client());
                    }
                });
                case EXPIRE -> t.clock.advance(Duration.ofMinutes(step.minutes()));
                case UNSUBSCRIBE -> linkOf(step.client(), step.pick(), UNSUBSCRIBE_LINK).ifPresent(token -> {
                    t.clientele.activation().unsubscribe(TENANT, token);
                    if (!erased.contains(step.client())) {
                        unsubscribed.add(step.client());
                    }
                });
                case ERASE -> {
                    if (!erased.contains(step.client())) {
                        t.clientele.erasure().erase(OWNER, TENANT, id);
                        erased.add(step.client());
                    }
                }
            }
            checkMails();
            checkStates();
        }

        /** The token of the {@code pick}-th link of that kind mailed to the client, if any. */
        private Optional<String> linkOf(int client, int pick, Pattern pattern) {
            List<String> tokens = new ArrayList<>();
            for (RenderedMail mail : t.memory.mailSender().delivered()) {
                if (Integer.valueOf(client).equals(byAddress.get(mail.to()))) {
                    Matcher m = pattern.matcher(mail.textBody());
                    if (m.find()) {
                        tokens.add(m.group(1));
                    }
                }
            }
            return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(pick % tokens.size()));
        }

        /** Every mail handed to the sender since the last check went to a client who may get one. */
        private void checkMails() {
            List<RenderedMail> mails = t.memory.mailSender().mails();
            for (RenderedMail mail : mails.subList(mailsSeen, mails.size())) {
                Integer client = byAddress.get(mail.to());
                boolean invitation = ACTIVATION_LINK.matcher(mail.textBody()).find();
                if (client == null) {
                    problems.add("a mail went to an unknown address");
                } else if (invitation && accepted.contains(client)) {
                    problems.add("client " + client + " was sent an invitation after accepting");
                } else if (invitation && unsubscribed.contains(client)) {
                    problems.add("client " + client + " was sent an invitation after unsubscribing");
                } else if (erased.contains(client)) {
                    problems.add("client " + client + " was sent a mail after erasure");
                }
            }
            mailsSeen = mails.size();
        }

        /** Each client moved only along the state machine and matches what the test saw happen. */
        private void checkStates() {
            for (int i = 0; i < CLIENTS; i++) {
                Client c = t.reload(ids.get(i));
                InvitationStatus before = lastStatus.get(i);
                InvitationStatus now = c.invitationStatus();
                if (now != before && !(before == InvitationStatus.ADDED && now == InvitationStatus.INVITED
                        || before == InvitationStatus.INVITED && now == InvitationStatus.ACCEPTED)) {
                    problems.add("client " + i + " went from " + before + " to " + now);
                }
                if (accepted.contains(i) != (now == InvitationStatus.ACCEPTED)) {
                    problems.add("client " + i + " is " + now + " but accepted=" + accepted.contains(i));
                }
                if (erased.contains(i) != c.erased()) {
                    problems.add("client " + i + " erased=" + c.erased() + " but the test erased it=" + erased.contains(i));
                }
                lastStatus.put(i, now);
            }
        }

        List<String> violations() {
            return problems;
        }
    }
}
