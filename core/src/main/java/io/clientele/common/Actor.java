package io.clientele.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who performs a use case. Every use case takes one: a {@link Staff} member of one tenant with the
 * permissions the host mapped from its roles, the {@link ClientSelf client themself}
 * (authenticated by a token or the host's session), or the {@link SystemActor system} (scheduled
 * jobs).
 *
 * <p><b>Platform operators.</b> Staff act for exactly one tenant: a call that names another tenant
 * answers not-found, as if the object did not exist. A platform-level operator (the host's own
 * support staff) who must act inside a studio gets, after the host's own check that they may, a
 * {@link Staff} built for that studio's tenant, with an id that says who they are (for example
 * {@code Actor.Staff.of("support:jane", studio, Permission.VIEW_CLIENTS)}); every audit entry then
 * names them. Jobs that span tenants use a {@link SystemActor}.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface Actor permits Actor.Staff, Actor.ClientSelf, Actor.SystemActor {

    /** A short description for audit entries, for example {@code staff:u-42}; never personal data. */
    String describe();

    /** True when this actor holds the permission. Only staff hold permissions. */
    default boolean has(Permission permission) {
        return false;
    }

    /**
     * True when this actor may act in {@code tenant}: staff only in their own tenant; a client
     * acting for themself and the system are not bound to a tenant here (a client's own profile is
     * looked up in the tenant named, the system runs jobs for every tenant).
     */
    default boolean actsFor(TenantId tenant) {
        return true;
    }

    /**
     * Staff of one tenant, identified by the host's user id, holding a fixed set of permissions. The
     * host maps its session to this: the tenant the staff member works for and the permissions of
     * their roles there. The id is 1 to 128 ASCII letters, digits, {@code .}, {@code _}, {@code :}
     * or {@code -} (rule {@code format}); a missing set of permissions, or a {@code null} among them,
     * is refused on field {@code permissions} (rule {@code required}).
     */
    record Staff(String staffId, TenantId tenantId, Set<Permission> permissions) implements Actor {

        private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

        public Staff {
            Validate.notNull("staffId", staffId);
            if (!ID.matcher(staffId).matches()) {
                throw new ValidationException("staffId", "format",
                        "1 to 128 characters of letters, digits or . _ : - (no email addresses: the id is logged)");
            }
            Validate.notNull("tenantId", tenantId);
            permissions = permissionsOf(Validate.notNull("permissions", permissions));
        }

        /**
         * Staff of {@code tenant} with the given permissions; a {@code null} array or element is
         * refused on field {@code permissions} (rule {@code required}).
         */
        public static Staff of(String staffId, TenantId tenant, Permission... permissions) {
            return new Staff(staffId, tenant, permissionsOf(Arrays.asList(
                    Validate.notNull("permissions", permissions))));
        }

        /** Staff of {@code tenant} holding every permission (an owner). */
        public static Staff owner(String staffId, TenantId tenant) {
            return new Staff(staffId, tenant, EnumSet.allOf(Permission.class));
        }

        @Override
        public boolean has(Permission permission) {
            return permissions.contains(permission);
        }

        @Override
        public boolean actsFor(TenantId tenant) {
            return tenantId.equals(tenant);
        }

        @Override
        public String describe() {
            return "staff:" + staffId;
        }

        /**
         * An immutable copy; a loop rather than {@code contains(null)}, which the immutable sets
         * of {@code Set.of} answer with a {@link NullPointerException}.
         */
        private static Set<Permission> permissionsOf(Collection<Permission> permissions) {
            EnumSet<Permission> copy = EnumSet.noneOf(Permission.class);
            for (Permission permission : permissions) {
                copy.add(Validate.notNull("permissions", permission));
            }
            return Set.copyOf(copy);
        }
    }

    /**
     * The client acting on their own profile, identified by their {@link ClientId} (typed, so a
     * membership or order id cannot be passed by mistake).
     */
    record ClientSelf(ClientId clientId) implements Actor {
        public ClientSelf {
            Validate.notNull("clientId", clientId);
        }

        @Override
        public String describe() {
            return "client:" + clientId;
        }
    }

    /**
     * The system itself, for jobs; {@code name} says which job. The name follows the rule of staff
     * ids, for the same reason (it goes into every audit entry's actor and into logs as it is): 1 to
     * 64 ASCII letters, digits, {@code .}, {@code _}, {@code :} or {@code -}, for example {@code
     * booking-flow} or {@code import:shop}; anything else (spaces, line breaks, control and
     * bidirectional characters, any non-ASCII character) is refused on field {@code name}, rule
     * {@code format}.
     */
    record SystemActor(String name) implements Actor {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

        public SystemActor {
            Validate.notNull("name", name);
            if (!NAME.matcher(name).matches()) {
                throw new ValidationException("name", "format",
                        "1 to 64 characters of ASCII letters, digits or . _ : - (the name is logged)");
            }
        }

        /** The system is trusted: jobs the host runs hold every permission. */
        @Override
        public boolean has(Permission permission) {
            return true;
        }

        @Override
        public String describe() {
            return "system:" + name;
        }
    }
}
