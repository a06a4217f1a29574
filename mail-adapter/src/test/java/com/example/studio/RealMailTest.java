package com.example.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.invitation.service.InvitationConfig;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's "Sending real mail" sample honest: the README shows the whole of {@link
 * RealMail}, and wired as it says, from environment variables, an invitation reaches a real SMTP
 * server (GreenMail) in the host's own template.
 */
class RealMailTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path SOURCE = Path.of("src", "test", "java", "com", "example", "studio", "RealMail.java");
    private static final TenantId STUDIO = TenantId.of("studio-42");
    private static final Actor FRONT_DESK = Actor.Staff.owner("front-desk-1", STUDIO);

    private final GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path templates;

    @BeforeEach
    void start() {
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void wired_from_the_environment_an_invitation_reaches_the_smtp_server_in_the_hosts_own_template() throws Exception {
        Files.writeString(templates.resolve("invitation.en.txt.mustache"), """
                Hi {{firstName}}, your account at {{studioName}} is ready:
                {{actionLink}}
                {{#validForDays}}Valid {{linkValidDays}} days.{{/validForDays}}{{#validForOneDay}}Valid 1 day.\
                {{/validForOneDay}}{{#validForLessThanADay}}Valid today.{{/validForLessThanADay}}
                {{signOff}}
                Unsubscribe: {{unsubscribeLink}}
                """, StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of(
                "CLIENTELE_SMTP_HOST", "127.0.0.1",
                "CLIENTELE_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()),
                "CLIENTELE_SMTP_SECURITY", "none",
                "CLIENTELE_SMTP_PLATFORM_ADDRESS", "no-reply@platform.example",
                "CLIENTELE_SMTP_PLATFORM_NAME", "Studio platform",
                "STUDIO_MAIL_TEMPLATES", templates.toString());
        InMemoryAdapters memory = InMemoryAdapters.create();
        try (RealMail mail = new RealMail(environment)) {
            Clientele clientele = mail.installInto(memory.installInto(Clientele.builder()))
                    .invitations(InvitationConfig.withLinks(URI.create("https://studio.example/activate"),
                            URI.create("https://studio.example/reset-password"),
                            URI.create("https://studio.example/unsubscribe")))
                    .build();
            Client ana = clientele.clients().create(FRONT_DESK, STUDIO,
                    ClientDetails.named("Ana", "López").withEmail("ana@example.com"));

            clientele.invitations().invite(FRONT_DESK, STUDIO, ana.id());
            assertThat(clientele.mailDispatcher().dispatchDue().sent()).isEqualTo(1);
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(((InternetAddress) received[0].getAllRecipients()[0]).getAddress()).isEqualTo("ana@example.com");
        assertThat(received[0].getHeader("Return-Path")).containsExactly("<no-reply@platform.example>");
        assertThat(received[0].getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) received[0].getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .startsWith("Hi Ana, your account at Your studio is ready:\n"
                        + "https://studio.example/activate?tenant=studio-42&token=")
                .contains("Valid 14 days.", "Unsubscribe: https://studio.example/unsubscribe?tenant=studio-42&token=");
        // the HTML part keeps the built-in template: only the text was overridden
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Hello Ana,", "role=\"presentation\"");
    }

    @Test
    void readme_java_sample_is_the_whole_class_this_test_runs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);

        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("java blocks of README.md").contains(source);
    }
}
