package io.clientele.invitation;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.SenderSettings;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ConfigurationException;
import io.clientele.common.UntrustedInput;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import io.clientele.testing.TestClientele;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.groups.Tuple;

/**
 * Issue 8, point 6: a rendered mail did not say whose it was, so a host's SMTP adapter or mail
 * provider could not send each studio's mail under its own name, from its own address, nor sign it
 * for its own domain. It now carries its tenant and the studio's sender identity, resolved from the
 * tenant settings and the platform's address, and every piece of it is header-safe.
 */
class StudioSenderIdentityTest {

    private static final URI ACTIVATE = URI.create("https://studio.example/activate");
    private static final URI RESET = URI.create("https://studio.example/reset-password");
    private static final URI UNSUBSCRIBE = URI.create("https://studio.example/unsubscribe");

    // --- resolution from the settings ---

    @Example
    void a_host_that_configures_nothing_sends_from_no_reply_at_its_activation_host_under_your_studio() {
        TestClientele t = new TestClientele();

        RenderedMail mail = invitedAndSent(t, t.ana());

        assertThat(mail.tenantId()).isEqualTo(TENANT);
        assertThat(mail.sender()).isEqualTo(new SenderIdentity("Your studio", "no-reply@studio.example"));
        assertThat(TestClientele.INVITATIONS.platformSender()).isEqualTo(EmailAddress.of("no-reply@studio.example"));
    }

    @Example
    void a_studio_without_its_own_address_sends_from_the_platform_address_under_its_own_name() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft")
                .withSender(SenderSettings.platform().withReplyTo("Desk@YogaLoft.example")));

        RenderedMail mail = invitedAndSent(t, t.ana());

        assertThat(mail.sender()).isEqualTo(new SenderIdentity("Yoga Loft", "no-reply@studio.example",
                Optional.of("desk@yogaloft.example")));
        assertThat(mail.sender().asciiDomain()).isEqualTo("studio.example");
    }

    @Example
    void a_studio_with_its_own_address_and_display_name_sends_from_them_and_signs_for_its_domain() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft")
                .withSender(SenderSettings.ownAddress("bonjour@yogaloft.bücher.example")
                        .withDisplayName("Yoga Loft Paris")));

        RenderedMail mail = invitedAndSent(t, t.ana());

        assertThat(mail.sender()).isEqualTo(new SenderIdentity("Yoga Loft Paris", "bonjour@yogaloft.bücher.example"));
        assertThat(mail.sender().asciiDomain()).isEqualTo("yogaloft.xn--bcher-kva.example");
        assertThat(mail.textBody()).as("signed with the studio name, not the display name")
                .contains("Kind regards,\nYoga Loft\n");
    }

    @Example
    void two_studios_dispatched_in_one_batch_each_keep_their_own_tenant_and_sender() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft")
                .withSender(SenderSettings.ownAddress("hello@yogaloft.example")));
        t.memory.tenantSettings().put(OTHER_TENANT, TenantSettings.defaults().withStudioName("Pilates Nord"));
        Client ana = t.ana();
        Client bo = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Bo", "Berg").withEmail("bo@example.com"));
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.invitations().invite(OTHER_OWNER, OTHER_TENANT, bo.id());

        t.clientele.mailDispatcher().dispatchAll();

        assertThat(t.memory.mailSender().batches()).singleElement().satisfies(batch -> assertThat(batch)
                .extracting(RenderedMail::to, RenderedMail::tenantId, RenderedMail::sender)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("ana.lopez@example.com", TENANT,
                                new SenderIdentity("Yoga Loft", "hello@yogaloft.example")),
                        Tuple.tuple("bo@example.com", OTHER_TENANT,
                                new SenderIdentity("Pilates Nord", "no-reply@studio.example"))));
    }

    @Example
    void a_password_reset_mail_carries_the_studios_sender_too() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft"));
        Client ana = t.ana();
        RenderedMail invitation = invitedAndSent(t, ana);
        assertThat(t.clientele.activation().activate(TENANT, TestClientele.linkToken(invitation, "activate"),
                "a long enough passphrase")).isInstanceOf(ActivationResult.Activated.class);
        t.memory.mailSender().reset();

        t.clientele.activation().requestPasswordReset(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();

        RenderedMail reset = t.memory.mailSender().delivered().get(0);
        assertThat(reset.textBody()).contains("reset-password?tenant=");
        assertThat(reset.sender()).isEqualTo(new SenderIdentity("Yoga Loft", "no-reply@studio.example"));
        assertThat(reset.tenantId()).isEqualTo(TENANT);
    }

    // --- the platform address ---

    @Example
    void the_platform_address_is_configured_once_and_serves_every_studio_without_its_own() {
        InMemoryAdapters memory = InMemoryAdapters.create(TestClientele.CHEAP_ARGON2);
        Clientele clientele = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS
                .withPlatformSender(EmailAddress.of("studios@mail.platform.example"))).build();
        memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft"));
        Client ana = clientele.clients().create(OWNER, TENANT,
                ClientDetails.named("Ana", "López").withEmail("ana@example.com"));

        clientele.invitations().invite(OWNER, TENANT, ana.id());
        clientele.mailDispatcher().dispatchAll();

        RenderedMail mail = memory.mailSender().delivered().get(0);
        assertThat(mail.sender()).isEqualTo(new SenderIdentity("Yoga Loft", "studios@mail.platform.example"));
        assertThat(InvitationConfig.withLinks(ACTIVATE, RESET, UNSUBSCRIBE,
                EmailAddress.of("studios@mail.platform.example")).platformSender())
                .isEqualTo(EmailAddress.of("studios@mail.platform.example"));
    }

    @Example
    void an_activation_host_that_makes_no_mail_address_asks_for_a_platform_sender_when_the_host_starts() {
        assertThatThrownBy(() -> InvitationConfig.withLinks(URI.create("https://localhost:8443/activate"), RESET,
                UNSUBSCRIBE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("platformSender");
        assertThat(InvitationConfig.withLinks(URI.create("https://localhost:8443/activate"), RESET, UNSUBSCRIBE,
                EmailAddress.of("no-reply@platform.example")).platformSender().value())
                .isEqualTo("no-reply@platform.example");
        assertThatThrownBy(() -> TestClientele.INVITATIONS.withPlatformSender(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("platformSender");
    }

    // --- header safety ---

    @Example
    void a_display_name_in_any_script_is_kept_as_typed() {
        String name = "Café Zoë — Yoga Zürich · 瑜伽 · Йога";

        assertThat(TenantSettings.defaults().withStudioName(name).senderName()).isEqualTo(name);
        assertThat(SenderSettings.platform().withDisplayName(name).displayName()).contains(name);
        assertThat(new SenderIdentity(name, "no-reply@studio.example").displayName()).isEqualTo(name);
    }

    @Property(tries = 100)
    void a_line_break_in_a_sender_name_or_address_is_refused_so_no_header_can_be_injected(
            @ForAll("lineBreaks") String lineBreak) {
        assertRefused(() -> new SenderIdentity("Yoga Loft" + lineBreak + "Bcc: all@example.com",
                "no-reply@studio.example"), "displayName", "line_break");
        assertRefused(() -> new SenderIdentity("Yoga Loft", "no-reply@studio.example" + lineBreak
                + "Bcc: all@example.com"), "address", "line_break");
        assertRefused(() -> new SenderIdentity("Yoga Loft", "no-reply@studio.example",
                Optional.of("desk@studio.example" + lineBreak + "Bcc: all@example.com")), "replyTo", "line_break");
        assertRefused(() -> SenderSettings.platform().withDisplayName("Yoga" + lineBreak + "Loft"), "displayName",
                "line_break");
        assertRefused(() -> SenderSettings.ownAddress("hello@yogaloft.example" + lineBreak + "Bcc: a@b.example"),
                "fromAddress", "line_break");
    }

    @Example
    void an_address_that_would_close_the_mailbox_or_add_another_is_refused() {
        for (String address : List.of("a@studio.example>, all@example.com", "Yoga <a@studio.example>",
                "a@studio.example,b@studio.example", "a b@studio.example", "\"a\"@studio.example",
                "a@studio.example;", "a@[127.0.0.1]", "a@@studio.example", "@studio.example", "a@",
                "a@studio..example")) {
            assertRefused(() -> new SenderIdentity("Yoga Loft", address), "address", "format");
            assertRefused(() -> new SenderIdentity("Yoga Loft", "a@studio.example", Optional.of(address)),
                    "replyTo", "format");
            assertRefused(() -> SenderSettings.ownAddress(address), "fromAddress", "format");
            assertRefused(() -> SenderSettings.platform().withReplyTo(address), "replyTo", "format");
        }
    }

    @Example
    void sender_settings_are_checked_before_the_tenant_settings_change() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft"));

        assertRefused(() -> t.memory.tenantSettings().put(TENANT, t.memory.tenantSettings().settings(TENANT)
                .withSender(SenderSettings.ownAddress("not an address"))), "fromAddress", "format");
        assertRefused(() -> SenderSettings.platform().withDisplayName("\u3164"), "displayName", "invisible");
        assertRefused(() -> SenderSettings.platform().withDisplayName("x".repeat(101)), "displayName", "max_length");

        assertThat(t.memory.tenantSettings().settings(TENANT).sender()).isEqualTo(SenderSettings.platform());
        assertThat(t.memory.tenantSettings().settings(TENANT).studioName()).isEqualTo("Yoga Loft");
    }

    @Example
    void the_default_settings_keep_existing_hosts_working_with_the_platform_sender_and_your_studio() {
        TenantSettings defaults = TenantSettings.defaults();

        assertThat(defaults.studioName()).isEqualTo(TenantSettings.DEFAULT_STUDIO_NAME).isEqualTo("Your studio");
        assertThat(defaults.sender()).isEqualTo(SenderSettings.platform());
        assertThat(defaults.senderName()).isEqualTo("Your studio");
        assertThat(defaults.senderAddress(EmailAddress.of("no-reply@platform.example")).value())
                .isEqualTo("no-reply@platform.example");
        assertThat(defaults.withTimeZone("Europe/Paris").withStudioName("Yoga Loft").withTimeZone("Asia/Tokyo"))
                .as("changing one setting keeps the others")
                .extracting(TenantSettings::studioName, s -> s.timeZone().getId())
                .containsExactly("Yoga Loft", "Asia/Tokyo");
    }

    // --- helpers ---

    private static RenderedMail invitedAndSent(TestClientele t, Client client) {
        t.clientele.invitations().invite(OWNER, client.tenantId(), client.id());
        t.clientele.mailDispatcher().dispatchAll();
        return t.memory.mailSender().deliveredTo(client.details().email().orElseThrow().value()).get(0);
    }

    @Provide
    Arbitrary<String> lineBreaks() {
        return Arbitraries.of(UntrustedInput.LINE_BREAKS);
    }
}
