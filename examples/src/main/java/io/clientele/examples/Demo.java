package io.clientele.examples;

import java.nio.file.Path;

/**
 * The demo's entry point: {@code java -jar examples/target/clientele-demo.jar [--serve]
 * [--folder <dir>] [--port <n>]}. Plays a studio's day on embedded defaults and prints it.
 */
public final class Demo {

    private Demo() {
    }

    /** Runs the demo. */
    public static void main(String[] args) {
        // Hibernate logs through JBoss Logging: route it to SLF4J, which simplelogger.properties keeps to warnings
        System.setProperty("org.jboss.logging.provider", "slf4j");
        Path folder = Path.of("target", "clientele-demo");
        try (DemoEnvironment environment = DemoEnvironment.start(folder, DemoEnvironment.freePort())) {
            System.out.println("Clientele demo: database " + folder.resolve("db").toAbsolutePath()
                    + ", mails " + environment.mails().folder().toAbsolutePath());
        }
    }
}
