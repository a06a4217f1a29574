package io.clientele.common;

/**
 * The requested object does not exist in the caller's tenant. Objects of other tenants answer
 * with this exception too, never with {@link AccessDeniedException}, so ids cannot be enumerated
 * across tenants. Code: {@value #CODE}.
 */
public final class NotFoundException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every not-found failure. */
    public static final String CODE = "not_found";

    private final String resource;
    private final String id;

    public NotFoundException(String resource, Object id) {
        super(CODE, resource + " " + id + " not found");
        this.resource = resource;
        this.id = String.valueOf(id);
    }

    /** The kind of object, for example {@code "client"}. */
    public String resource() {
        return resource;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
