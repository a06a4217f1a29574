package io.clientele;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.lastAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.client.model.Address;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.service.AddressInput;
import io.clientele.common.ConflictException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression for "an edit where two staff can collide silently overwrites the other's change": every
 * such edit takes the version the staff member saw. The manager opens a screen (reads the version),
 * the owner changes the same thing meanwhile, then the manager submits: a stale-version conflict
 * that changes nothing, instead of undoing the owner's change.
 */
class StaleEditsTest {

    /** What the manager's screen showed, and how the manager submits with that version. */
    private record Screen(long seenVersion, Consumer<Long> submit) {
    }

    /** A collision: the screen opened first, then the owner's change, then the stale submit. */
    private record Collision(String name, java.util.function.Function<Fixture, Screen> open,
            Consumer<Fixture> ownersChange) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A studio with one client holding something of every kind. */
    private static final class Fixture {
        final TestClientele t = new TestClientele();
        final Clientele c = t.clientele;
        final Client ana = t.ana();
        final Address home = lastAddress(c.addresses().add(OWNER, TENANT, ana.id(),
                AddressInput.of("1 Rue de Rivoli", "75001", "Paris", "FR")));
        final Label vip = c.labels().create(OWNER, TENANT, "VIP");
        final ClientGroup group = c.groups().create(OWNER, TENANT, "Morning yoga");
        final Note note = c.notes().add(OWNER, TENANT, ana.id(), "Prefers mornings");
        final MembershipType type = c.membershipTypes().createType(OWNER, TENANT, "Monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        final Membership membership = c.memberships().addMembership(OWNER, TENANT, ana.id(), type.id(),
                LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC));
        final PaymentMethod card = c.paymentMethods().add(OWNER, TENANT, ana.id(),
                PaymentMethodInput.card("Visa", "4242", YearMonth.of(2031, 8), "pm_ana"));
        final MarketingPreference news = c.consent().definePreference(OWNER, TENANT, "news", "Newsletter",
                "Our monthly news.", Channel.EMAIL);

        long clientVersion() {
            return t.clientVersion(ana.id());
        }
    }

    static Stream<Arguments> collisions() {
        return Stream.of(
                new Collision("address edit vs an address edit",
                        f -> new Screen(f.clientVersion(), v -> f.c.addresses().edit(MANAGER, TENANT, f.ana.id(),
                                f.home.id(), v, AddressInput.of("2 Rue de Rivoli", "75001", "Paris", "FR"))),
                        f -> f.c.addresses().edit(OWNER, TENANT, f.ana.id(), f.home.id(), f.clientVersion(),
                                AddressInput.of("9 Quai Voltaire", "75007", "Paris", "FR"))),
                new Collision("address removal vs an address edit",
                        f -> new Screen(f.clientVersion(),
                                v -> f.c.addresses().remove(MANAGER, TENANT, f.ana.id(), f.home.id(), v)),
                        f -> f.c.addresses().edit(OWNER, TENANT, f.ana.id(), f.home.id(), f.clientVersion(),
                                AddressInput.of("9 Quai Voltaire", "75007", "Paris", "FR"))),
                new Collision("photo replacement vs a replacement",
                        f -> new Screen(f.clientVersion(), v -> f.c.photos().upload(MANAGER, TENANT, f.ana.id(), v,
                                new ByteArrayInputStream(Images.png()))),
                        f -> f.c.photos().upload(OWNER, TENANT, f.ana.id(), f.clientVersion(),
                                new ByteArrayInputStream(Images.jpeg()))),
                new Collision("photo removal vs a replacement",
                        f -> {
                            f.c.photos().upload(OWNER, TENANT, f.ana.id(), f.clientVersion(),
                                    new ByteArrayInputStream(Images.png()));
                            return new Screen(f.clientVersion(),
                                    v -> f.c.photos().remove(MANAGER, TENANT, f.ana.id(), v));
                        },
                        f -> f.c.photos().upload(OWNER, TENANT, f.ana.id(), f.clientVersion(),
                                new ByteArrayInputStream(Images.jpeg()))),
                new Collision("lock vs a lock and unlock",
                        f -> new Screen(f.clientVersion(), v -> f.c.locks().lock(MANAGER, TENANT, f.ana.id(), v)),
                        f -> {
                            f.c.locks().lock(OWNER, TENANT, f.ana.id(), f.clientVersion());
                            f.c.locks().unlock(OWNER, TENANT, f.ana.id(), f.clientVersion());
                        }),
                new Collision("unlock vs an unlock and lock",
                        f -> {
                            f.c.locks().lock(OWNER, TENANT, f.ana.id(), f.clientVersion());
                            return new Screen(f.clientVersion(),
                                    v -> f.c.locks().unlock(MANAGER, TENANT, f.ana.id(), v));
                        },
                        f -> {
                            f.c.locks().unlock(OWNER, TENANT, f.ana.id(), f.clientVersion());
                            f.c.locks().lock(OWNER, TENANT, f.ana.id(), f.clientVersion());
                        }),
                new Collision("label rename vs a rename",
                        f -> new Screen(f.vip.version(), v -> f.c.labels().rename(MANAGER, TENANT, f.vip.id(), v,
                                "Very important")),
                        f -> f.c.labels().rename(OWNER, TENANT, f.vip.id(), f.vip.version(), "Gold")),
                new Collision("label deletion vs a rename",
                        f -> new Screen(f.vip.version(), v -> f.c.labels().delete(MANAGER, TENANT, f.vip.id(), v)),
                        f -> f.c.labels().rename(OWNER, TENANT, f.vip.id(), f.vip.version(), "Gold")),
                new Collision("group rename vs a rename",
                        f -> new Screen(f.group.version(), v -> f.c.groups().rename(MANAGER, TENANT, f.group.id(), v,
                                "Early birds")),
                        f -> f.c.groups().rename(OWNER, TENANT, f.group.id(), f.group.version(), "Sunrise")),
                new Collision("group deletion vs a rename",
                        f -> new Screen(f.group.version(), v -> f.c.groups().delete(MANAGER, TENANT, f.group.id(), v)),
                        f -> f.c.groups().rename(OWNER, TENANT, f.group.id(), f.group.version(), "Sunrise")),
                new Collision("note deletion vs an edit",
                        f -> new Screen(f.note.version(), v -> f.c.notes().delete(MANAGER, TENANT, f.note.id(), v)),
                        f -> f.c.notes().edit(OWNER, TENANT, f.note.id(), f.note.version(), "Prefers evenings now")),
                new Collision("membership pause vs a pause and resume",
                        f -> new Screen(f.membership.version(),
                                v -> f.c.memberships().pause(MANAGER, TENANT, f.membership.id(), v)),
                        f -> {
                            Membership paused = f.c.memberships().pause(OWNER, TENANT, f.membership.id(),
                                    f.t.membershipVersion(f.membership.id()));
                            f.c.memberships().resume(OWNER, TENANT, paused.id(), paused.version());
                        }),
                new Collision("membership cancellation vs a pause",
                        f -> new Screen(f.membership.version(),
                                v -> f.c.memberships().cancel(MANAGER, TENANT, f.membership.id(), v)),
                        f -> f.c.memberships().pause(OWNER, TENANT, f.membership.id(),
                                f.t.membershipVersion(f.membership.id()))),
                new Collision("membership resume vs a resume and pause",
                        f -> {
                            Membership paused = f.c.memberships().pause(OWNER, TENANT, f.membership.id(),
                                    f.t.membershipVersion(f.membership.id()));
                            return new Screen(paused.version(),
                                    v -> f.c.memberships().resume(MANAGER, TENANT, f.membership.id(), v));
                        },
                        f -> {
                            Membership resumed = f.c.memberships().resume(OWNER, TENANT, f.membership.id(),
                                    f.t.membershipVersion(f.membership.id()));
                            f.c.memberships().pause(OWNER, TENANT, resumed.id(), resumed.version());
                        }),
                new Collision("membership type rename vs a rename",
                        f -> new Screen(f.type.version(), v -> f.c.membershipTypes().renameType(MANAGER, TENANT,
                                f.type.id(), v, "Monthly unlimited")),
                        f -> f.c.membershipTypes().renameType(OWNER, TENANT, f.type.id(), f.type.version(),
                                "Monthly 4")),
                new Collision("payment method cancellation vs a re-saved method",
                        f -> new Screen(f.card.version(),
                                v -> f.c.paymentMethods().cancel(MANAGER, TENANT, f.card.id(), v)),
                        f -> f.t.stores.transactions().run(() -> f.t.stores.paymentMethods().update(f.card))),
                new Collision("preference rewording vs a rewording",
                        f -> new Screen(f.news.version(), v -> f.c.consent().changeWording(MANAGER, TENANT,
                                f.news.id(), v, "Our news, twice a month.")),
                        f -> f.c.consent().changeWording(OWNER, TENANT, f.news.id(), f.news.version(),
                                "Our news, every week.")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collisions")
    void an_edit_submitted_from_a_stale_screen_is_a_conflict_that_changes_nothing(Collision collision) {
        Fixture f = new Fixture();
        Screen screen = collision.open().apply(f);
        collision.ownersChange().accept(f);
        Map<String, List<String>> afterOwnersChange = f.t.storedState();

        Throwable thrown = catchThrowable(() -> screen.submit().accept(screen.seenVersion()));

        assertThat(thrown).as(collision.name()).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(f.t.storedState()).as("the owner's change stays").isEqualTo(afterOwnersChange);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collisions")
    void the_same_edit_at_the_current_version_goes_through(Collision collision) {
        Fixture f = new Fixture();
        Screen screen = collision.open().apply(f);
        Map<String, List<String>> before = f.t.storedState();

        screen.submit().accept(screen.seenVersion());

        assertThat(f.t.storedState()).as(collision.name() + " changed something").isNotEqualTo(before);
    }
}
