package io.clientele.client.model;

import io.clientele.common.CursorSeal;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Optional;

/**
 * Filters for the client list. All filters are optional and combine with AND:
 * {@code text} matches a substring of the full name, the email or the phone digits
 * (ignoring case and accents, at least {@value #MIN_TEXT} characters; a blank text is no
 * filter); {@code status}, {@code label} and {@code group} match exactly; {@code bouncedOnly} keeps
 * the clients whose email address bounced ({@link Client#emailBounced()}), so staff can find the
 * addresses to correct. Erased clients are excluded unless {@code includeErased}.
 *
 * <p>Immutable and thread-safe.
 */
public record ClientQuery(
        Optional<String> text,
        Optional<InvitationStatus> status,
        Optional<LabelId> label,
        Optional<GroupId> group,
        boolean includeErased,
        boolean bouncedOnly) {

    /** The shortest text filter accepted. */
    public static final int MIN_TEXT = 2;

    public ClientQuery {
        text = Text.optionalSingleLine("text", text, 100).map(Text::fold);
        text.ifPresent(t -> {
            if (t.codePointCount(0, t.length()) < MIN_TEXT) {
                throw new ValidationException("text", "min_length",
                        "at least " + MIN_TEXT + " characters");
            }
        });
        Validate.notNull("status", status);
        Validate.notNull("label", label);
        Validate.notNull("group", group);
    }

    /** No filter: every non-erased client. */
    public static ClientQuery all() {
        return new ClientQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    }

    /** This query with a text filter. */
    public ClientQuery withText(String value) {
        return new ClientQuery(Optional.of(value), status, label, group, includeErased, bouncedOnly);
    }

    /** This query with a status filter. */
    public ClientQuery withStatus(InvitationStatus value) {
        return new ClientQuery(text, Optional.of(value), label, group, includeErased, bouncedOnly);
    }

    /** This query with a label filter. */
    public ClientQuery withLabel(LabelId value) {
        return new ClientQuery(text, status, Optional.of(value), group, includeErased, bouncedOnly);
    }

    /** This query with a group filter. */
    public ClientQuery withGroup(GroupId value) {
        return new ClientQuery(text, status, label, Optional.of(value), includeErased, bouncedOnly);
    }

    /** This query including erased clients. */
    public ClientQuery includingErased() {
        return new ClientQuery(text, status, label, group, true, bouncedOnly);
    }

    /** This query keeping only clients whose email address bounced. */
    public ClientQuery withBouncedOnly() {
        return new ClientQuery(text, status, label, group, includeErased, true);
    }

    /**
     * Every filter of this query in one canonical text, which binds a client-list cursor to the
     * query it was made for ({@link CursorSeal#bind}): two queries have the same fingerprint exactly
     * when they filter the same way. A new filter must join it. Holds the folded text filter, so
     * it is for sealing, never for logs.
     */
    public String fingerprint() {
        return CursorSeal.fingerprint(
                "text", text.map(t -> "=" + t).orElse("-"),
                "status", status.map(Enum::name).orElse("-"),
                "label", label.map(LabelId::toString).orElse("-"),
                "group", group.map(GroupId::toString).orElse("-"),
                "includeErased", Boolean.toString(includeErased),
                "bouncedOnly", Boolean.toString(bouncedOnly));
    }

    /** This query without the status filter (used for counts per status). */
    public ClientQuery withoutStatus() {
        return new ClientQuery(text, Optional.empty(), label, group, includeErased, bouncedOnly);
    }
}
