package io.clientele.reliability;

import com.icegreen.greenmail.util.GreenMail;
import io.clientele.Clientele;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.TenantId;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the reliability tests share: their clients, the mails the SMTP server holds, a shorter lease. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code count} clients of {@code tenant} with addresses {@code c<n>@<domain>}, created one by one as staff do. */
    static List<Client> createClients(Clientele clientele, TenantId tenant, int count, String domain) {
        List<Client> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            created.add(clientele.clients().create(JpaStudio.owner(tenant), tenant,
                    ClientDetails.named("Ana", "Lopez").withEmail("c" + i + "@" + domain)));
        }
        return created;
    }

    /** How many mails the server holds per recipient address (the To of each message). */
    static Map<String, Integer> mailsByRecipient(GreenMail server) {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            counts.merge(recipientOf(message), 1, Integer::sum);
        }
        return counts;
    }

    private static String recipientOf(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return ((InternetAddress) to[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException("a received mail has no readable recipient", e);
        }
    }
}
