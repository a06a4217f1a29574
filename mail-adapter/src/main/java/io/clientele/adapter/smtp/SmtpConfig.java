package io.clientele.adapter.smtp;

import io.clientele.common.DomainNames;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.SenderIdentity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * How {@link SmtpMailSender} reaches the mail server and whom it sends as: host and port, transport
 * security, optional credentials, timeouts, how many messages one connection carries, the rate
 * limit, and the platform's own sender.
 *
 * <p><b>Defaults</b> (from {@link #builder()}, {@link #fromProperties} and {@link #fromEnvironment}):
 * {@link Security#STARTTLS_REQUIRED} (secure by default: nothing, credentials included, is sent
 * before the connection is encrypted); no credentials; connect timeout 10 s, read and write
 * timeouts 30 s; {@value #DEFAULT_MAX_MESSAGES_PER_CONNECTION} messages per connection; idle
 * connections kept 30 s ({@link #DEFAULT_IDLE_TIMEOUT}); no rate
 * limit ({@code maxMessagesPerSecond} 0) and a burst equal to the rate (at least 1); any domain may
 * be sent {@code From} ({@code senderDomains} empty). Host, port, platform address and platform
 * name have no default.
 *
 * <p><b>Platform sender.</b> {@code platformAddress} is the envelope sender of every mail ({@code
 * MAIL FROM}, so the {@code Return-Path} and where bounces go), and the {@code From} address of a
 * mail whose studio address is on a domain the platform may not send for. {@code senderDomains}
 * lists the domains the platform may send {@code From} (its SPF and DKIM cover them), in ASCII form;
 * a mail whose {@code From} domain is neither among them nor the platform address's own domain goes
 * out {@code From} the platform address under the studio's display name, with {@code Reply-To} the
 * studio's reply-to address, or else the studio's own address, so replies still reach the studio.
 * Domains match exactly (a subdomain is another domain). {@code platformName} is the display name
 * that goes with the platform address where the sender shows it on its own. Both addresses need an
 * ASCII local part (rule {@code ascii_local_part}): this sender does not use SMTPUTF8.
 *
 * <p><b>Rules</b> (each a {@link ValidationException} naming the setting and a snake_case rule; the
 * detail never repeats a value): {@code host} required, at most 253 characters of letters, digits,
 * {@code . - _ :} and brackets (rule {@code format}); {@code port} required, 1 to 65535 (rule
 * {@code range}); {@code username} and {@code password} both or neither (rule {@code
 * both_or_neither}, on the one missing), the username one line without control characters, the
 * password not empty; credentials only with {@link Security#STARTTLS_REQUIRED} or {@link
 * Security#IMPLICIT_TLS}, unless the host is this machine ({@code localhost}, {@code 127.x.x.x},
 * {@code ::1}; rule {@code credentials_in_clear} on {@code security}); each timeout positive and
 * at most {@link #MAX_TIMEOUT} (rule {@code range}); {@code idleTimeout} 0 to {@link
 * #MAX_TIMEOUT} (rule {@code range}); {@code maxMessagesPerConnection} 1 to
 * {@value #MAX_MESSAGES_PER_CONNECTION}; {@code maxMessagesPerSecond} 0 to {@value #MAX_RATE},
 * finite; {@code burst} 1 to {@value #MAX_BURST}; the platform address and name as {@link
 * SenderIdentity} checks an address and a display name; every sender domain a valid domain name
 * (rule {@code format}). In Properties and the environment, a number or duration that does not
 * parse is rule {@code format}, an unknown {@code security} value rule {@code one_of}. The field
 * of a refusal is the component's name ({@code port}, {@code connectTimeout}, ...) when built from
 * values, or the key exactly as the host wrote it ({@code clientele.smtp.port}, {@code
 * CLIENTELE_SMTP_PORT}) when read by {@link #fromProperties} or {@link #fromEnvironment}. A
 * refused configuration is never half-built.
 *
 * <p>Server identity is always checked on TLS ({@code mail.smtp(s).ssl.checkserveridentity}); a
 * host whose server has a certificate from a private CA gives an {@link SSLSocketFactory} that
 * trusts it ({@link Builder#sslSocketFactory}). {@link #toString()} hides the password. Immutable
 * and thread-safe.
 *
 * @param host the mail server's host name or IP address
 * @param port the mail server's port (587 for submission with STARTTLS, 465 for implicit TLS)
 * @param security how the connection is secured
 * @param username the user to authenticate as, if the server wants authentication
 * @param password the password of {@code username}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for each answer of the server
 * @param writeTimeout how long a write to the server may block
 * @param maxMessagesPerConnection how many messages one connection carries before the sender
 *     reconnects, counted across {@code send} calls
 * @param idleTimeout how long the sender keeps an open connection unused, between {@code send}
 *     calls or while it waits for the rate limit, before it closes it; 0 closes every connection at
 *     the end of its call (and, within a call, before a rate-limit wait longer than 30 s)
 * @param maxMessagesPerSecond the rate limit of this sender instance, 0 for none
 * @param burst how many messages may go out at once before the rate applies (the token bucket's
 *     capacity)
 * @param platformAddress the platform's own address: envelope sender, and {@code From} fallback
 * @param platformName the platform's display name
 * @param senderDomains the domains the platform may send {@code From}, in ASCII form; empty for any
 * @param sslSocketFactory the factory for TLS sockets, for a server whose certificate a private CA
 *     signed; absent for the JDK's default trust
 */
public record SmtpConfig(
        String host,
        int port,
        Security security,
        Optional<String> username,
        Optional<String> password,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int maxMessagesPerConnection,
        Duration idleTimeout,
        double maxMessagesPerSecond,
        int burst,
        String platformAddress,
        String platformName,
        Set<String> senderDomains,
        Optional<SSLSocketFactory> sslSocketFactory) {

    /** The default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default read timeout: 30 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** The default write timeout: 30 seconds. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The default time an unused connection is kept open: 30 seconds, well within the few minutes
     * servers give an idle client (RFC 5321 suggests 5) before they close the connection.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The longest timeout of any kind: 5 minutes (a typo of minutes for seconds is caught). */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    /** The default number of messages one connection carries. */
    public static final int DEFAULT_MAX_MESSAGES_PER_CONNECTION = 100;
    /** The most messages one connection may carry. */
    public static final int MAX_MESSAGES_PER_CONNECTION = 10_000;
    /** The highest rate limit, in messages per second. */
    public static final double MAX_RATE = 10_000;
    /** The largest burst. */
    public static final int MAX_BURST = 100_000;
    /** The longest host name (RFC 1035). */
    public static final int MAX_HOST = 253;
    /** The longest user name. */
    public static final int MAX_USERNAME = 256;

    /** The prefix of every key {@link #fromProperties} reads. */
    public static final String PROPERTY_PREFIX = "clientele.smtp.";
    /** The prefix of every variable {@link #fromEnvironment} reads. */
    public static final String ENVIRONMENT_PREFIX = "CLIENTELE_SMTP_";

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    /**
     * How the connection to the server is secured. Each value's {@link #configValue()} is how
     * {@link #fromProperties} and {@link #fromEnvironment} spell it.
     */
    public enum Security {
        /**
         * Plain connection upgraded with STARTTLS, which the server must offer: the connection
         * fails before anything (credentials included) is sent otherwise. The default; port 587.
         */
        STARTTLS_REQUIRED("starttls-required"),
        /**
         * STARTTLS when the server offers it, plain otherwise. An attacker on the path can strip
         * the offer, so mail may go out in clear: only for servers that cannot do better, and
         * with credentials only for a server on this machine (rule {@code credentials_in_clear}).
         */
        STARTTLS_OPTIONAL("starttls-optional"),
        /** TLS from the first byte ({@code smtps}); port 465. */
        IMPLICIT_TLS("tls"),
        /**
         * No encryption at all: for local test servers and relays that take no login; with
         * credentials only for a server on this machine (rule {@code credentials_in_clear}).
         */
        NONE("none");

        private final String configValue;

        Security(String configValue) {
            this.configValue = configValue;
        }

        /** How the setting spells this value: {@code starttls-required}, {@code starttls-optional}, {@code tls}, {@code none}. */
        public String configValue() {
            return configValue;
        }

        /** True when nothing, credentials included, can go out before the connection is encrypted. */
        boolean alwaysEncrypted() {
            return this == STARTTLS_REQUIRED || this == IMPLICIT_TLS;
        }

        /** The value spelled {@code value} (case-insensitive); rule {@code one_of} otherwise. */
        static Security parse(String field, String value) {
            for (Security s : values()) {
                if (s.configValue.equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new ValidationException(field, "one_of",
                    "expected one of starttls-required, starttls-optional, tls, none");
        }
    }

    /**
     * The settings {@link #fromProperties} and {@link #fromEnvironment} read: the component each
     * sets, and its key after the prefix ({@code clientele.smtp.} or, upper-cased with {@code -} as
     * {@code _}, {@code CLIENTELE_SMTP_}).
     */
    private enum Key {
        HOST("host", "host"),
        PORT("port", "port"),
        SECURITY("security", "security"),
        USERNAME("username", "username"),
        PASSWORD("password", "password"),
        CONNECT_TIMEOUT("connectTimeout", "connect-timeout"),
        READ_TIMEOUT("readTimeout", "read-timeout"),
        WRITE_TIMEOUT("writeTimeout", "write-timeout"),
        MAX_MESSAGES_PER_CONNECTION("maxMessagesPerConnection", "max-messages-per-connection"),
        IDLE_TIMEOUT("idleTimeout", "idle-timeout"),
        RATE("maxMessagesPerSecond", "rate-per-second"),
        BURST("burst", "rate-burst"),
        PLATFORM_ADDRESS("platformAddress", "platform-address"),
        PLATFORM_NAME("platformName", "platform-name"),
        SENDER_DOMAINS("senderDomains", "sender-domains");

        final String component;
        final String suffix;

        Key(String component, String suffix) {
            this.component = component;
            this.suffix = suffix;
        }

        String property() {
            return PROPERTY_PREFIX + suffix;
        }

        String variable() {
            return ENVIRONMENT_PREFIX + suffix.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    public SmtpConfig {
        host = host("host", host);
        port = requireRange("port", port, 1, 65_535);
        requireNonNull("security", security);
        username = requireNonNull("username", username).map(v -> username(v));
        password = requireNonNull("password", password);
        if (password.isPresent() && password.get().isEmpty()) {
            throw new ValidationException("password", "required", "an empty password cannot authenticate");
        }
        if (username.isPresent() && password.isEmpty()) {
            throw new ValidationException("password", "both_or_neither", "a username needs a password");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new ValidationException("username", "both_or_neither", "a password needs a username");
        }
        if (username.isPresent() && !security.alwaysEncrypted() && !isLoopback(host)) {
            // with none nothing is encrypted, and with starttls-optional an attacker on the path strips
            // the STARTTLS offer: either way the login would cross the network readable by anyone on it
            throw new ValidationException("security", "credentials_in_clear",
                    "credentials go to a server on another machine only over starttls-required or tls");
        }
        connectTimeout = timeout("connectTimeout", connectTimeout);
        readTimeout = timeout("readTimeout", readTimeout);
        writeTimeout = timeout("writeTimeout", writeTimeout);
        maxMessagesPerConnection = requireRange("maxMessagesPerConnection", maxMessagesPerConnection, 1,
                MAX_MESSAGES_PER_CONNECTION);
        requireNonNull("idleTimeout", idleTimeout);
        if (idleTimeout.isNegative() || idleTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new ValidationException("idleTimeout", "range", "between 0 and " + MAX_TIMEOUT);
        }
        if (!(maxMessagesPerSecond >= 0 && maxMessagesPerSecond <= MAX_RATE)) {
            throw new ValidationException("maxMessagesPerSecond", "range",
                    "between 0 (no limit) and " + (long) MAX_RATE);
        }
        burst = requireRange("burst", burst, 1, MAX_BURST);
        SenderIdentity platform = platformSender(platformName, platformAddress);
        platformAddress = platform.address();
        platformName = platform.displayName();
        senderDomains = senderDomains("senderDomains", requireNonNull("senderDomains", senderDomains));
        requireNonNull("sslSocketFactory", sslSocketFactory);
    }

    /** A builder with the defaults; host, port, platform address and platform name must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .host(host)
                .port(port)
                .security(security)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(writeTimeout)
                .maxMessagesPerConnection(maxMessagesPerConnection)
                .idleTimeout(idleTimeout)
                .maxMessagesPerSecond(maxMessagesPerSecond)
                .burst(burst)
                .platformSender(platformAddress, platformName)
                .senderDomains(senderDomains);
        if (username.isPresent()) {
            b.credentials(username.get(), password.orElseThrow());
        }
        sslSocketFactory.ifPresent(b::sslSocketFactory);
        return b;
    }

    /**
     * The configuration the {@code clientele.smtp.*} keys of {@code properties} describe: {@code
     * host}, {@code port}, {@code security} ({@code starttls-required}, {@code starttls-optional},
     * {@code tls} or {@code none}, case-insensitive), {@code username}, {@code password}, {@code
     * connect-timeout}, {@code read-timeout}, {@code write-timeout}, {@code idle-timeout} (ISO-8601
     * such as {@code PT10S}, or a number of milliseconds), {@code max-messages-per-connection},
     * {@code rate-per-second} (a
     * decimal number, 0 for no limit), {@code rate-burst}, {@code platform-address}, {@code
     * platform-name}, {@code sender-domains} (comma separated). Values are trimmed; a blank value is
     * absent (the default applies). Other keys are ignored, except an unknown {@code
     * clientele.smtp.*} key, which is refused (rule {@code unknown_setting}) so that a misspelt
     * setting is not silently ignored. A refusal names the key as written.
     */
    public static SmtpConfig fromProperties(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            values.put(name, properties.getProperty(name));
        }
        return read(values, PROPERTY_PREFIX, Key::property);
    }

    /**
     * The configuration the {@code CLIENTELE_SMTP_*} variables of {@code environment} describe: the
     * keys of {@link #fromProperties} upper-cased, with {@code -} as {@code _} ({@code
     * CLIENTELE_SMTP_HOST}, {@code CLIENTELE_SMTP_CONNECT_TIMEOUT}, {@code
     * CLIENTELE_SMTP_RATE_PER_SECOND}, ...), with the same values and rules. A refusal names the
     * variable.
     */
    public static SmtpConfig fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return read(new TreeMap<>(environment), ENVIRONMENT_PREFIX, Key::variable);
    }

    /** {@link #fromEnvironment(Map)} of this process's environment ({@link System#getenv()}). */
    public static SmtpConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** True when the platform may send {@code From} an address on {@code asciiDomain}. */
    boolean maySendFrom(String asciiDomain) {
        String domain = asciiDomain.toLowerCase(Locale.ROOT);
        return senderDomains.isEmpty() || senderDomains.contains(domain)
                || domain.equals(asciiDomainOf(platformAddress));
    }

    /** The platform's sender: {@code platformName} and {@code platformAddress}. */
    public SenderIdentity platformSender() {
        return new SenderIdentity(platformName, platformAddress);
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username.orElse("(none)") + ", password=" + (password.isPresent() ? "***" : "(none)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", writeTimeout=" + writeTimeout + ", maxMessagesPerConnection=" + maxMessagesPerConnection
                + ", idleTimeout=" + idleTimeout
                + ", maxMessagesPerSecond=" + maxMessagesPerSecond + ", burst=" + burst
                + ", platformAddress=" + platformAddress + ", platformName=" + platformName
                + ", senderDomains=" + senderDomains
                + ", sslSocketFactory=" + (sslSocketFactory.isPresent() ? "custom" : "default") + "]";
    }

    /**
     * Builds a {@link SmtpConfig} from plain values, starting from the defaults; {@link #build()}
     * validates. Not thread-safe: one builder per thread.
     */
    public static final class Builder {
        private String host;
        private Integer port;
        private Security security = Security.STARTTLS_REQUIRED;
        private Optional<String> username = Optional.empty();
        private Optional<String> password = Optional.empty();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private int maxMessagesPerConnection = DEFAULT_MAX_MESSAGES_PER_CONNECTION;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private double maxMessagesPerSecond;
        private Integer burst;
        private String platformAddress;
        private String platformName;
        private Set<String> senderDomains = Set.of();
        private Optional<SSLSocketFactory> sslSocketFactory = Optional.empty();

        private Builder() {
        }

        /** The mail server's host name or IP address (required). */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** The mail server's port, 1 to 65535 (required). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** How the connection is secured; default {@link Security#STARTTLS_REQUIRED}. */
        public Builder security(Security value) {
            this.security = value;
            return this;
        }

        /** Authenticate as {@code user} with {@code secret}; by default no authentication. */
        public Builder credentials(String user, String secret) {
            this.username = Optional.ofNullable(user);
            this.password = Optional.ofNullable(secret);
            return this;
        }

        /** How long to wait for a connection; default 10 s, at most 5 minutes. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** How long to wait for each answer of the server; default 30 s, at most 5 minutes. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** How long a write to the server may block; default 30 s, at most 5 minutes. */
        public Builder writeTimeout(Duration value) {
            this.writeTimeout = value;
            return this;
        }

        /**
         * How many messages one connection carries, across {@code send} calls, before the sender
         * reconnects; default 100.
         */
        public Builder maxMessagesPerConnection(int value) {
            this.maxMessagesPerConnection = value;
            return this;
        }

        /**
         * How long an open connection may stay unused (between {@code send} calls, or while a
         * batch waits for the rate limit) before the sender closes it rather than use it again;
         * default 30 s, at most 5 minutes; 0 keeps no connection beyond its call.
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** The rate limit of the sender instance, in messages per second; default 0, no limit. */
        public Builder maxMessagesPerSecond(double value) {
            this.maxMessagesPerSecond = value;
            return this;
        }

        /**
         * How many messages may go out at once before the rate applies (the token bucket's
         * capacity); default the rate rounded up, at least 1.
         */
        public Builder burst(int value) {
            this.burst = value;
            return this;
        }

        /** The platform's own address (envelope sender, {@code From} fallback) and display name (required). */
        public Builder platformSender(String address, String displayName) {
            this.platformAddress = address;
            this.platformName = displayName;
            return this;
        }

        /** The domains the platform may send {@code From}; default none listed, meaning any. */
        public Builder senderDomains(Set<String> domains) {
            this.senderDomains = domains;
            return this;
        }

        /** The factory for TLS sockets, for a server whose certificate a private CA signed. */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = Optional.of(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** The validated configuration; a {@link ValidationException} names the first setting broken. */
        public SmtpConfig build() {
            int b = burst != null ? burst : defaultBurst(maxMessagesPerSecond);
            if (port == null) {
                // checked here, before the other settings, so a missing port is not a port out of range
                SmtpConfig.host("host", host);
                throw new ValidationException("port", "required", "the mail server's port is required");
            }
            return new SmtpConfig(host, port, security, username, password, connectTimeout, readTimeout,
                    writeTimeout, maxMessagesPerConnection, idleTimeout, maxMessagesPerSecond, b, platformAddress,
                    platformName, senderDomains, sslSocketFactory);
        }
    }

    // ---- reading keys -----------------------------------------------------------------------

    private static SmtpConfig read(Map<String, String> values, String prefix, Function<Key, String> keyName) {
        Map<String, Key> known = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            known.put(keyName.apply(key), key);
        }
        Map<Key, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(prefix)) {
                continue;
            }
            Key key = known.get(name);
            if (key == null) {
                throw new ValidationException(name, "unknown_setting", "not a setting of the SMTP sender");
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (!value.isEmpty()) {
                given.put(key, value);
            }
        }
        Builder b = builder();
        try {
            for (Map.Entry<Key, String> e : given.entrySet()) {
                apply(b, e.getKey(), keyName.apply(e.getKey()), e.getValue());
            }
            if (given.containsKey(Key.USERNAME) || given.containsKey(Key.PASSWORD)) {
                b.credentials(given.get(Key.USERNAME), given.get(Key.PASSWORD));
            }
            b.platformSender(given.get(Key.PLATFORM_ADDRESS), given.get(Key.PLATFORM_NAME));
            return b.build();
        } catch (ValidationException e) {
            for (Key key : Key.values()) {
                if (key.component.equals(e.field())) {
                    throw renamed(e, keyName.apply(key));
                }
            }
            throw e;
        }
    }

    private static void apply(Builder b, Key key, String name, String value) {
        switch (key) {
            case HOST -> b.host(value);
            case PORT -> b.port(integer(name, value));
            case SECURITY -> b.security(Security.parse(name, value));
            case CONNECT_TIMEOUT -> b.connectTimeout(duration(name, value));
            case READ_TIMEOUT -> b.readTimeout(duration(name, value));
            case WRITE_TIMEOUT -> b.writeTimeout(duration(name, value));
            case MAX_MESSAGES_PER_CONNECTION -> b.maxMessagesPerConnection(integer(name, value));
            case IDLE_TIMEOUT -> b.idleTimeout(duration(name, value));
            case RATE -> b.maxMessagesPerSecond(decimal(name, value));
            case BURST -> b.burst(integer(name, value));
            case SENDER_DOMAINS -> {
                List<String> domains = new ArrayList<>();
                for (String part : value.split(",", -1)) {
                    String domain = part.strip();
                    if (domain.isEmpty()) {
                        throw new ValidationException(name, "format", "an empty domain in the list");
                    }
                    domains.add(domain);
                }
                b.senderDomains(Set.copyOf(domains));
            }
            // credentials and the platform sender are set in pairs by the caller
            case USERNAME, PASSWORD, PLATFORM_ADDRESS, PLATFORM_NAME -> {
            }
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "format", "expected a whole number");
        }
    }

    private static double decimal(String name, String value) {
        // NaN, Infinity, exponents and Java's suffixes (1d, 0x1p3) are not rates a host means
        if (!DECIMAL.matcher(value).matches()) {
            throw new ValidationException(name, "format", "expected a decimal number such as 2 or 0.5");
        }
        return Double.parseDouble(value);
    }

    private static Duration duration(String name, String value) {
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofMillis(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new ValidationException(name, "format", "too many milliseconds");
            }
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "format", "expected ISO-8601 (PT10S) or milliseconds");
        }
    }

    /** The same refusal for the key the host wrote. */
    private static ValidationException renamed(ValidationException e, String field) {
        String message = String.valueOf(e.getMessage());
        int open = message.indexOf(" (");
        String detail = open < 0 ? e.rule() : message.substring(open + 2, message.length() - 1);
        return new ValidationException(field, e.rule(), detail);
    }

    // ---- validation ---------------------------------------------------------------------------

    private static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "required", "a value is required");
        }
        return value;
    }

    private static int requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, "range", "between " + min + " and " + max);
        }
        return value;
    }

    private static String host(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "required", "the mail server's host is required");
        }
        String host = value.strip();
        if (host.length() > MAX_HOST || !host.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || ".-_:[]".indexOf(c) >= 0))) {
            throw new ValidationException(field, "format",
                    "a host name or IP address: letters, digits, '.', '-', '_', ':' and brackets");
        }
        return host;
    }

    private static String username(String value) {
        if (value.isBlank()) {
            throw new ValidationException("username", "required", "a non-blank user name is required");
        }
        HeaderText.check("username", value);
        if (value.codePointCount(0, value.length()) > MAX_USERNAME) {
            throw new ValidationException("username", "max_length", "at most " + MAX_USERNAME + " characters");
        }
        return value;
    }

    /**
     * True for a host that names this machine without a DNS look-up: {@code localhost}, an IPv4
     * address in 127.0.0.0/8, or the IPv6 loopback address, bracketed or not. A name that merely
     * resolves to this machine does not count: a look-up here would trust whatever DNS answers.
     */
    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.length() > 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    private static Duration timeout(String field, Duration value) {
        requireNonNull(field, value);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new ValidationException(field, "range", "positive and at most " + MAX_TIMEOUT);
        }
        return value;
    }

    private static SenderIdentity platformSender(String name, String address) {
        if (address == null) {
            throw new ValidationException("platformAddress", "required", "the platform's address is required");
        }
        if (name == null) {
            throw new ValidationException("platformName", "required", "the platform's display name is required");
        }
        SenderIdentity platform;
        try {
            platform = new SenderIdentity(name, address);
        } catch (ValidationException e) {
            throw renamed(e, e.field().equals("displayName") ? "platformName" : "platformAddress");
        }
        String local = platform.address().substring(0, platform.address().lastIndexOf('@'));
        if (!local.chars().allMatch(c -> c < 128)) {
            throw new ValidationException("platformAddress", "ascii_local_part",
                    "the envelope sender needs an ASCII local part (no SMTPUTF8)");
        }
        return platform;
    }

    private static Set<String> senderDomains(String field, Set<String> domains) {
        Set<String> ascii = new TreeSet<>();
        for (String domain : domains) {
            if (domain == null) {
                throw new ValidationException(field, "required", "a domain is required");
            }
            ascii.add(DomainNames.normalize(field, domain.strip()).ascii());
        }
        return Collections.unmodifiableSet(ascii);
    }

    static String asciiDomainOf(String address) {
        return DomainNames.normalize("address", address.substring(address.lastIndexOf('@') + 1)).ascii();
    }

    private static int defaultBurst(double rate) {
        if (!(rate >= 1)) {
            return 1;
        }
        return (int) Math.min(MAX_BURST, Math.ceil(rate));
    }
}
