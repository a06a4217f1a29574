package io.clientele.profile.service;

import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Address;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhotoRef;
import io.clientele.common.Page;
import io.clientele.common.Slice;
import io.clientele.common.Validate;
import io.clientele.consent.model.PreferenceState;
import io.clientele.credit.model.CreditSummary;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.membership.model.Membership;
import io.clientele.order.model.Order;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.profile.model.Section;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the profile page of one client shows, as one actor may see it, read in one unit of
 * work ({@link ProfileService#view}).
 *
 * <p>The client record ({@link #client()}) carries the personal details, the photo reference, the
 * invitation status, the lock, the passes and the addresses; the accessors below name them. Each
 * other section is a {@link Section}: shown, or withheld from an actor who may not see it.
 * <ul>
 *   <li>{@link #labels()} and {@link #groups()}: those the client has, by name.</li>
 *   <li>{@link #notes()}: the newest notes and how many there are; the page's cursor goes on in
 *       {@code notes().list}.</li>
 *   <li>{@link #audit()}: the newest page of the audit trail; its cursor goes on in {@code
 *       audit().list}.</li>
 *   <li>{@link #memberships()}: every membership, oldest start first.</li>
 *   <li>{@link #orders()}: the newest orders the client is lead booker of and how many there are;
 *       the cursor goes on in {@code orders().listForClient}.</li>
 *   <li>{@link #intakeForms()}: the submitted forms, newest first (health data).</li>
 *   <li>{@link #paymentMethods()}: saved methods, cancelled ones included, newest first.</li>
 *   <li>{@link #credits()}: balances per state and the newest credits, each as seen now (a credit
 *       past its expiry shows as expired).</li>
 *   <li>{@link #marketing()}: every marketing preference of the studio with the client's latest
 *       decision, by key.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public record ProfileView(
        Client client,
        Section<List<Label>> labels,
        Section<List<ClientGroup>> groups,
        Section<Slice<Note>> notes,
        Section<Page<AuditEntry>> audit,
        Section<List<Membership>> memberships,
        Section<Slice<Order>> orders,
        Section<List<IntakeSubmission>> intakeForms,
        Section<List<PaymentMethod>> paymentMethods,
        Section<CreditSummary> credits,
        Section<List<PreferenceState>> marketing) {

    public ProfileView {
        Validate.notNull("client", client);
        Validate.notNull("labels", labels);
        Validate.notNull("groups", groups);
        Validate.notNull("notes", notes);
        Validate.notNull("audit", audit);
        Validate.notNull("memberships", memberships);
        Validate.notNull("orders", orders);
        Validate.notNull("intakeForms", intakeForms);
        Validate.notNull("paymentMethods", paymentMethods);
        Validate.notNull("credits", credits);
        Validate.notNull("marketing", marketing);
    }

    /** Name, email, phone, birth date and preferred language (anonymous once erased). */
    public PersonalDetails details() {
        return client.details();
    }

    /** Where the photo is stored, its type and size; load its bytes with {@code photos().load}. */
    public Optional<PhotoRef> photo() {
        return client.photo();
    }

    /** Whether the client was invited to, or has, a self-service account. */
    public InvitationStatus invitationStatus() {
        return client.invitationStatus();
    }

    /** True while the profile is locked. */
    public boolean locked() {
        return client.locked();
    }

    /** The linked passes and cards. */
    public Set<PassNumber> passes() {
        return client.passes();
    }

    /** The postal addresses. */
    public List<Address> addresses() {
        return client.addresses();
    }

    /** True once the client has been erased. */
    public boolean erased() {
        return client.erased();
    }
}
