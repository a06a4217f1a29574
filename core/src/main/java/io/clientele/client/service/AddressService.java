package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Address;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.Client;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.LockScope;
import io.clientele.client.model.PostalAddress;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A client's postal addresses (at most 10): add, edit, remove. Countries are ISO 3166-1 alpha-2
 * codes. Addresses are a lock-covered field group by default. Requires {@link
 * Permission#EDIT_CLIENTS} (and {@link Permission#EDIT_LOCKED_CLIENTS} on a locked profile whose
 * lock covers addresses). The audit trail records the country in clear and the other parts masked.
 * Stateless and thread-safe.
 */
public final class AddressService {

    /** What the service needs. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
        }
    }

    private static final String OWNER = "AddressService.Ports";

    private final TransactionRunner tx;
    private final Ids ids;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public AddressService(Ports ports) {
        this.tx = ports.tx();
        this.ids = ports.ids();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.changes = new ChangeRecorder(ports.clients(), ports.audit(), ports.events(), ports.clock(), ports.ids());
    }

    /**
     * Adds an address with a new id.
     *
     * @return the client as stored, with its new version; the new address is the last of {@link
     *     Client#addresses()}
     */
    public Client add(Actor actor, TenantId tenant, ClientId clientId, AddressInput input) {
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, clientId);
        PostalAddress postal = validate(input);
        return tx.inTransaction(() -> {
            Client client = guard.forPersonalEdit(actor, tenant, clientId, LockScope.ADDRESSES);
            Address address = new Address(new AddressId(ids.next()), postal);
            return changes.save(actor, client.withAddressAdded(address, changes.now()), AuditAction.ADDRESS_ADDED,
                    changes(Optional.empty(), Optional.of(postal)));
        });
    }

    /**
     * Replaces an address; not-found (resource {@code address}) if the client has no such address.
     * {@code expectedVersion} is the client's version the editor saw (addresses live on the
     * client); a newer stored version is a stale-version {@link ConflictException}.
     *
     * @return the client as stored: with its new version, or as it was when the address is unchanged
     */
    public Client edit(Actor actor, TenantId tenant, ClientId clientId, AddressId addressId, long expectedVersion,
            AddressInput input) {
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, clientId);
        PostalAddress postal = validate(input);
        return tx.inTransaction(() -> {
            Client client = ClientGuard.requireVersion(
                    guard.forPersonalEdit(actor, tenant, clientId, LockScope.ADDRESSES), expectedVersion);
            Address previous = client.address(addressId)
                    .orElseThrow(() -> new NotFoundException("address", addressId));
            Address address = new Address(addressId, postal);
            if (previous.equals(address)) {
                return client;
            }
            return changes.save(actor, client.withAddressReplaced(address, changes.now()),
                    AuditAction.ADDRESS_EDITED, changes(Optional.of(previous.postal()), Optional.of(postal)));
        });
    }

    /**
     * Removes an address; not-found if the client has no such address. {@code expectedVersion} is
     * the client's version the editor saw; a newer one is a stale-version {@link ConflictException}.
     *
     * @return the client as stored, with its new version
     */
    public Client remove(Actor actor, TenantId tenant, ClientId clientId, AddressId addressId, long expectedVersion) {
        return tx.inTransaction(() -> {
            Client client = ClientGuard.requireVersion(
                    guard.forPersonalEdit(actor, tenant, clientId, LockScope.ADDRESSES), expectedVersion);
            Address previous = client.address(addressId)
                    .orElseThrow(() -> new NotFoundException("address", addressId));
            return changes.save(actor, client.withAddressRemoved(addressId, changes.now()),
                    AuditAction.ADDRESS_REMOVED, changes(Optional.of(previous.postal()), Optional.empty()));
        });
    }

    private static PostalAddress validate(AddressInput input) {
        Validate.notNull("address", input);
        CountryCode country;
        try {
            country = new CountryCode(input.country());
        } catch (ValidationException e) {
            throw e.withFieldPrefix("address");
        }
        return new PostalAddress(input.line1(), input.line2(), input.postalCode(), input.city(), input.region(),
                country);
    }

    private static List<FieldChange> changes(Optional<PostalAddress> before, Optional<PostalAddress> after) {
        List<FieldChange> changes = new ArrayList<>();
        changes.add(part("address.line1", before, after, a -> Optional.of(a.line1())));
        changes.add(part("address.line2", before, after, PostalAddress::line2));
        changes.add(part("address.postalCode", before, after, a -> Optional.of(a.postalCode())));
        changes.add(part("address.city", before, after, a -> Optional.of(a.city())));
        changes.add(part("address.region", before, after, PostalAddress::region));
        changes.add(FieldChange.plain("address.country", before.map(PostalAddress::country),
                after.map(PostalAddress::country)));
        return changes;
    }

    private static FieldChange part(String field, Optional<PostalAddress> before, Optional<PostalAddress> after,
            Function<PostalAddress, Optional<String>> value) {
        return FieldChange.masked(field, before.flatMap(value), after.flatMap(value), Mask::opaque);
    }
}
