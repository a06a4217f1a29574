package io.clientele.payment.service;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.export.port.ExportSection;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.port.PaymentMethodRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment context's section of the data export, {@code "paymentMethods"}: every saved payment
 * method of the client as the provider described it (kind, brand, last four digits, expiry,
 * provider reference; never a card number), with its status and times. One read. Immutable and
 * thread-safe.
 */
public final class PaymentMethodExportSection implements ExportSection {

    private final PaymentMethodRepository paymentMethods;

    /** The section over the payment method store. */
    public PaymentMethodExportSection(PaymentMethodRepository paymentMethods) {
        this.paymentMethods = Validate.notNull("paymentMethods", paymentMethods);
    }

    /** Always {@code "paymentMethods"}. */
    @Override
    public String name() {
        return "paymentMethods";
    }

    @Override
    public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
        return paymentMethods.listForClient(tenant, client).stream().map(PaymentMethodExportSection::method)
                .toList();
    }

    private static Map<String, Object> method(PaymentMethod m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", m.kind().name());
        o.put("brand", m.brand());
        o.put("last4", m.last4());
        m.expiry().ifPresent(e -> o.put("expiry", e.toString()));
        o.put("providerReference", m.providerRef());
        o.put("status", m.status().name());
        o.put("addedAt", m.addedAt().toString());
        m.cancelledAt().ifPresent(c -> o.put("cancelledAt", c.toString()));
        return o;
    }
}
