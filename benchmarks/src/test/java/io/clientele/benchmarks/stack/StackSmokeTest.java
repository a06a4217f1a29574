package io.clientele.benchmarks.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The stack the benchmarks and the reliability suite run on: an invitation goes from PostgreSQL to the SMTP server. */
class StackSmokeTest {

    @Test
    void an_invitation_is_stored_in_postgresql_and_delivered_to_the_smtp_server_through_the_real_adapters() {
        PostgresStack postgres = PostgresStack.shared();
        try (SmtpStack smtp = SmtpStack.start();
                SmtpMailSender sender = SmtpMailSender.create(smtp.config().build());
                JpaStudio studio = JpaStudio.on(postgres.pool(4), sender, MustacheMailComposer.withDefaults(),
                        Clock.systemUTC(), UnaryOperator.identity())) {
            TenantId tenant = TenantId.of("stack-smoke");
            Actor.Staff owner = JpaStudio.owner(tenant);
            var client = studio.clientele().clients().create(owner, tenant,
                    ClientDetails.named("Ana", "Lopez").withEmail("ana@stack.example"));

            studio.clientele().invitations().invite(owner, tenant, client.id());
            var report = studio.clientele().mailDispatcher().dispatchDue();

            assertThat(report.sent()).isEqualTo(1);
            assertThat(smtp.server().getReceivedMessages()).hasSize(1);
            assertThat(studio.clientele().clients().get(owner, tenant, client.id()).invitationStatus())
                    .isEqualTo(InvitationStatus.INVITED);
        }
    }
}
