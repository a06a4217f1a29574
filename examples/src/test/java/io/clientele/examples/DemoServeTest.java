package io.clientele.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --serve} as the README runs it: after the day, the pages behind the links answer on the
 * demo's port, the printed activation link opens the client's page, and stopping the demo closes
 * the server.
 */
class DemoServeTest {

    private static final Pattern ACTIVATION = Pattern.compile("(http://localhost:\\d+/activate\\?\\S+)");

    @TempDir
    Path folder;

    @Test
    void serve_plays_the_day_then_serves_the_mail_list_and_the_printed_activation_link_until_stopped()
            throws Exception {
        CountDownLatch serving = new CountDownLatch(1);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.startsWith("Pages served at")) {
                    serving.countDown();
                }
            }
        };
        int port = DemoEnvironment.freePort();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread demo = new Thread(() -> exit.set(Demo.run(new String[] {"--folder", folder.toString(), "--port",
                String.valueOf(port), "--serve"}, out, new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8))), "demo-serve");
        demo.start();
        try {
            assertThat(serving.await(3, TimeUnit.MINUTES)).as("the day was played and the pages started").isTrue();
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("The day took").doesNotContain("Exit code", "run with --serve");
            Matcher link = ACTIVATION.matcher(printed.substring(printed.indexOf("Pages served at")));
            assertThat(link.find()).as("an activation link printed after the pages' address").isTrue();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> mails = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/mails")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> activation = http.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(mails.statusCode()).isEqualTo(200);
            assertThat(mails.body()).contains("sanne.devries@example.net");
            assertThat(activation.statusCode()).isEqualTo(200);
            assertThat(activation.body()).contains("Sanne").contains("<form");
        } finally {
            demo.interrupt();
            demo.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(demo.isAlive()).as("the demo stopped").isFalse();
        assertThat(exit.get()).isZero();
        try (java.net.Socket probe = new java.net.Socket()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> probe.connect(
                    new java.net.InetSocketAddress("127.0.0.1", port), 2000))).as("the server is closed").isNotNull();
        }
    }
}
