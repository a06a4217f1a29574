package io.clientele.client.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client profile aggregate. Every change returns a new instance; the repository stores it if
 * {@link #version()} still matches (optimistic locking) and bumps the version. An erased client is
 * read-only: every change method throws {@link ConflictException} with reason
 * {@code ILLEGAL_STATE}.
 *
 * <p>Immutable and thread-safe.
 */
public record Client(
        ClientId id,
        TenantId tenantId,
        PersonalDetails details,
        Optional<PhotoRef> photo,
        List<Address> addresses,
        Set<LabelId> labels,
        Set<GroupId> groups,
        Set<PassNumber> passes,
        boolean locked,
        InvitationStatus invitationStatus,
        Optional<Instant> emailRejectedAt,
        Optional<Instant> erasedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** The most addresses a client may have. */
    public static final int MAX_ADDRESSES = 10;
    /** The most passes a client may have linked. */
    public static final int MAX_PASSES = 20;

    public Client {
        Validate.notNull("clientId", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("details", details);
        Validate.notNull("photo", photo);
        addresses = List.copyOf(addresses);
        labels = Set.copyOf(labels);
        groups = Set.copyOf(groups);
        passes = Set.copyOf(passes);
        Validate.notNull("invitationStatus", invitationStatus);
        Validate.notNull("emailRejectedAt", emailRejectedAt);
        Validate.notNull("erasedAt", erasedAt);
        Validate.notNull("createdAt", createdAt);
        Validate.notNull("updatedAt", updatedAt);
    }

    /** A new, unlocked client in status {@code ADDED} at version 0. */
    public static Client create(ClientId id, TenantId tenantId, PersonalDetails details, Instant now) {
        return new Client(id, tenantId, details, Optional.empty(), List.of(), Set.of(), Set.of(), Set.of(),
                false, InvitationStatus.ADDED, Optional.empty(), Optional.empty(), now, now, 0L);
    }

    /** True once the client has been erased. */
    public boolean erased() {
        return erasedAt.isPresent();
    }

    /** The details replaced; a new email address clears the rejected-address flag. */
    public Client withDetails(PersonalDetails newDetails, Instant now) {
        requireActive();
        Optional<Instant> rejected = newDetails.email().equals(details.email()) ? emailRejectedAt : Optional.empty();
        return new Client(id, tenantId, newDetails, photo, addresses, labels, groups, passes, locked, invitationStatus,
                rejected, erasedAt, createdAt, now, version);
    }

    /**
     * The email address flagged as rejected by the mail provider (a permanent failure): no mail is
     * sent to it until the address changes.
     */
    public Client withEmailRejected(Instant now) {
        requireActive();
        return new Client(id, tenantId, details, photo, addresses, labels, groups, passes, locked, invitationStatus,
                Optional.of(now), erasedAt, createdAt, now, version);
    }

    /** True when the client has an email address the mail provider has not rejected. */
    public boolean hasDeliverableEmail() {
        return details.email().isPresent() && emailRejectedAt.isEmpty();
    }

    /**
     * True when the client's email address bounced: the mail provider refused it for good, so no
     * mail goes to it until staff or the client edit the address (which clears the flag).
     */
    public boolean emailBounced() {
        return details.email().isPresent() && emailRejectedAt.isPresent();
    }

    /** The photo set or replaced. */
    public Client withPhoto(PhotoRef ref, Instant now) {
        requireActive();
        return copy(details, Optional.of(ref), addresses, labels, groups, passes, locked, invitationStatus, now);
    }

    /** The photo removed. */
    public Client withoutPhoto(Instant now) {
        requireActive();
        return copy(details, Optional.empty(), addresses, labels, groups, passes, locked, invitationStatus, now);
    }

    /** An address added; at most {@value #MAX_ADDRESSES}. */
    public Client withAddressAdded(Address address, Instant now) {
        requireActive();
        if (addresses.size() >= MAX_ADDRESSES) {
            throw new ValidationException("addresses", "max_size",
                    "at most " + MAX_ADDRESSES + " addresses");
        }
        List<Address> next = new ArrayList<>(addresses);
        next.add(address);
        return copy(details, photo, next, labels, groups, passes, locked, invitationStatus, now);
    }

    /** The address with {@code address.id()} replaced. */
    public Client withAddressReplaced(Address address, Instant now) {
        requireActive();
        List<Address> next = new ArrayList<>(addresses.size());
        for (Address existing : addresses) {
            next.add(existing.id().equals(address.id()) ? address : existing);
        }
        return copy(details, photo, next, labels, groups, passes, locked, invitationStatus, now);
    }

    /** The address removed. */
    public Client withAddressRemoved(AddressId addressId, Instant now) {
        requireActive();
        List<Address> next = addresses.stream().filter(a -> !a.id().equals(addressId)).toList();
        return copy(details, photo, next, labels, groups, passes, locked, invitationStatus, now);
    }

    /** The address with the given id, if the client has it. */
    public Optional<Address> address(AddressId addressId) {
        return addresses.stream().filter(a -> a.id().equals(addressId)).findFirst();
    }

    /** A label assigned or unassigned. */
    public Client withLabel(LabelId label, boolean assigned, Instant now) {
        requireActive();
        return copy(details, photo, addresses, toggle(labels, label, assigned), groups, passes, locked,
                invitationStatus, now);
    }

    /** Membership of a group added or removed. */
    public Client withGroup(GroupId group, boolean member, Instant now) {
        requireActive();
        return copy(details, photo, addresses, labels, toggle(groups, group, member), passes, locked,
                invitationStatus, now);
    }

    /** A pass linked or unlinked; at most {@value #MAX_PASSES} linked. */
    public Client withPass(PassNumber pass, boolean linked, Instant now) {
        requireActive();
        if (linked && !passes.contains(pass) && passes.size() >= MAX_PASSES) {
            throw new ValidationException("passNumber", "max_size",
                    "at most " + MAX_PASSES + " passes per client");
        }
        return copy(details, photo, addresses, labels, groups, toggle(passes, pass, linked), locked,
                invitationStatus, now);
    }

    /** Locked or unlocked. */
    public Client withLocked(boolean newLocked, Instant now) {
        requireActive();
        return copy(details, photo, addresses, labels, groups, passes, newLocked, invitationStatus, now);
    }

    /**
     * This client after an invitation was sent to them: {@code ADDED} becomes {@code INVITED}, and
     * an {@code INVITED} client stays so (a resend), with {@code at} as the update time either way.
     * An {@code ACCEPTED} client is never invited again, and an erased one is read-only: both are a
     * {@link ConflictException} ({@code ILLEGAL_STATE}).
     */
    public Client markInvited(Instant at) {
        requireActive();
        if (invitationStatus == InvitationStatus.ACCEPTED) {
            throw ConflictException.illegalState("client " + id + " has accepted and cannot be invited again");
        }
        return copy(details, photo, addresses, labels, groups, passes, locked, InvitationStatus.INVITED, at);
    }

    /**
     * This client after they activated their account: {@code ADDED} (a link used before the
     * dispatcher recorded its mail as sent) or {@code INVITED} becomes {@code ACCEPTED}. A client
     * who has accepted already, or an erased one, is a {@link ConflictException} ({@code
     * ILLEGAL_STATE}).
     */
    public Client accept(Instant at) {
        requireActive();
        if (invitationStatus == InvitationStatus.ACCEPTED) {
            throw ConflictException.illegalState("client " + id + " has accepted already");
        }
        return copy(details, photo, addresses, labels, groups, passes, locked, InvitationStatus.ACCEPTED, at);
    }

    /**
     * The client anonymized: personal details replaced, photo, addresses, labels, groups and passes
     * dropped, lock released. Irreversible; the client is read-only afterwards.
     */
    public Client erase(Instant now) {
        requireActive();
        return new Client(id, tenantId, PersonalDetails.ERASED, Optional.empty(), List.of(), Set.of(), Set.of(),
                Set.of(), false, invitationStatus, Optional.empty(), Optional.of(now), createdAt, now, version);
    }

    /** This client with the given stored version (used by repositories). */
    public Client withVersion(long newVersion) {
        return new Client(id, tenantId, details, photo, addresses, labels, groups, passes, locked,
                invitationStatus, emailRejectedAt, erasedAt, createdAt, updatedAt, newVersion);
    }

    private void requireActive() {
        if (erased()) {
            throw ConflictException.illegalState("client " + id + " is erased and read-only");
        }
    }

    private Client copy(PersonalDetails d, Optional<PhotoRef> p, List<Address> a, Set<LabelId> l,
            Set<GroupId> g, Set<PassNumber> s, boolean lk, InvitationStatus st, Instant now) {
        return new Client(id, tenantId, d, p, a, l, g, s, lk, st, emailRejectedAt, erasedAt, createdAt, now, version);
    }

    private static <T> Set<T> toggle(Set<T> set, T item, boolean present) {
        Set<T> next = new LinkedHashSet<>(set);
        if (present) {
            next.add(item);
        } else {
            next.remove(item);
        }
        return next;
    }
}
