package io.clientele.adapter.smtp;

import io.clientele.common.TenantId;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds the {@link RenderedMail}s the tests send, directly, without any composer. */
final class TestMails {

    static final TenantId TENANT = TenantId.of("studio-zen");
    static final SenderIdentity STUDIO = new SenderIdentity("Studio Zen", "hello@studio-zen.example");

    private UUID id = UUID.randomUUID();
    private SenderIdentity sender = STUDIO;
    private String to = "ana@clients.example";
    private String subject = "Your online account";
    private String text = "Hello Ana,\n\nActivate your account: https://book.example/activate?token=t0k3n\n";
    private String html = "<p>Hello Ana,</p><p><a href=\"https://book.example/activate?token=t0k3n\">Activate</a></p>";
    private final Map<String, String> headers = new LinkedHashMap<>();

    private TestMails() {
    }

    /** A mail from {@link #STUDIO} to {@code recipient}. */
    static TestMails aMail(String recipient) {
        TestMails m = new TestMails();
        m.to = recipient;
        return m;
    }

    /** {@code count} mails to distinct recipients {@code client-<i>@clients.example}. */
    static List<RenderedMail> batch(String prefix, int count) {
        List<RenderedMail> mails = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            mails.add(aMail(prefix + "-" + i + "@clients.example").build());
        }
        return mails;
    }

    TestMails id(UUID value) {
        this.id = value;
        return this;
    }

    TestMails from(String displayName, String address) {
        this.sender = new SenderIdentity(displayName, address, sender.replyTo());
        return this;
    }

    TestMails replyTo(String address) {
        this.sender = new SenderIdentity(sender.displayName(), sender.address(), Optional.of(address));
        return this;
    }

    TestMails subject(String value) {
        this.subject = value;
        return this;
    }

    TestMails bodies(String textBody, String htmlBody) {
        this.text = textBody;
        this.html = htmlBody;
        return this;
    }

    TestMails header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RenderedMail build() {
        return new RenderedMail(id, TENANT, sender, to, subject, text, html, headers);
    }
}
