package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One composer serves every dispatcher thread: mails composed at once from several threads, on a
 * composer that has composed nothing yet, are exactly the mails composed one after another.
 */
class ComposerConcurrencyTest {

    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void mails_composed_at_once_from_several_threads_equal_those_composed_one_by_one() throws Exception {
        TemplateFiles.language(dir, "fr", "[fr]");
        TemplateFiles.language(dir.resolve("studio-b"), "en", "[studio-b en]");
        List<MailModel> models = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            models.add(Mails.of(i % 2 == 0 ? MailKind.INVITATION : MailKind.PASSWORD_RESET)
                    .tenant(TenantId.of(i % 3 == 0 ? "studio-b" : "studio-a"))
                    .language(i % 5 == 0 ? "fr-CA" : "en").firstName("Client " + i).message(i % 4 == 0 ? "" : "Hi\n" + i)
                    .days(i % 15).build());
        }
        UUID id = UUID.randomUUID();
        MustacheMailComposer reference = MustacheMailComposer.builder().directory(dir).build();
        List<String> expected = models.stream().map(m -> bodies(reference.compose(id, m))).toList();

        MustacheMailComposer fresh = MustacheMailComposer.builder().directory(dir).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return models.stream().map(m -> bodies(fresh.compose(id, m))).toList();
                }));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).anyMatch(b -> b.contains("[fr] Client")).anyMatch(b -> b.contains("[studio-b en]"));
    }

    private static String bodies(RenderedMail mail) {
        return mail.tenantId() + "\n" + mail.headers() + "\n" + mail.textBody() + "\n" + mail.htmlBody();
    }
}
