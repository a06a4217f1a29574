package io.clientele.examples;

import java.net.URI;

/**
 * The running web server of {@code --serve}: the pages the links in the demo's mails open, and the
 * list of the mails sent. {@link Demo} starts one with the function it is given and closes it when
 * the process stops. Implementations must be thread-safe: {@link #close()} runs on a shutdown hook.
 */
public interface PageServer extends AutoCloseable {

    /** Where the server answers, such as {@code http://localhost:8080}: the base of the mails' links. */
    URI baseUrl();

    /** Stops the server; it answers no request afterwards. */
    @Override
    void close();
}
