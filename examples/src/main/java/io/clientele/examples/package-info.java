/**
 * The demo a newcomer runs ({@link io.clientele.examples.Demo}): a studio's day on the JPA adapter
 * over an H2 file database and the SMTP adapter over an in-process GreenMail server, and the pages
 * the links in the mails open ({@code --serve}).
 */
package io.clientele.examples;
