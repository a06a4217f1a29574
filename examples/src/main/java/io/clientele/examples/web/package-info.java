/**
 * The pages the links in the demo's mails open ({@link io.clientele.examples.web.DemoPages}):
 * activation, password reset and unsubscribe, with pages for expired, used and unknown links, and
 * the demo operator's list of the mails sent. Served by the JDK's HTTP server on the loopback
 * interface, localized in the six languages of the mail templates, with a strict
 * Content-Security-Policy and a CSRF defence on every form. No {@code null} goes in or out of a
 * public method.
 */
package io.clientele.examples.web;
