package io.clientele.order.service;

import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.export.port.ExportSection;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.port.OrderRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order context's section of the data export, {@code "orders"}: every order where the client
 * is lead booker, newest first, with its lines, total and cancellation. Read in pages of {@link
 * PageRequest#MAX_SIZE}. Immutable and thread-safe.
 */
public final class OrderExportSection implements ExportSection {

    private final OrderRepository orders;

    /** The section over the order store. */
    public OrderExportSection(OrderRepository orders) {
        this.orders = Validate.notNull("orders", orders);
    }

    /** Always {@code "orders"}. */
    @Override
    public String name() {
        return "orders";
    }

    @Override
    public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
        List<Map<String, Object>> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            Page<Order> page = orders.listForLeadBooker(tenant, client, request);
            page.items().forEach(order -> all.add(order(order)));
            if (page.next().isEmpty()) {
                return all;
            }
            request = PageRequest.after(page.next().get(), PageRequest.MAX_SIZE);
        }
    }

    private static Map<String, Object> order(Order order) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", order.id().toString());
        o.put("status", order.status().name());
        o.put("createdAt", order.createdAt().toString());
        o.put("total", money(order.total()));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            if (line instanceof OrderLine.PackagePurchase pkg) {
                l.put("type", "package");
                l.put("name", pkg.name());
                l.put("credits", pkg.credits());
                pkg.creditValidity().ifPresent(v -> l.put("creditValidity", v.toString()));
                l.put("price", money(pkg.price()));
            } else if (line instanceof OrderLine.BookingReference booking) {
                l.put("type", "booking");
                l.put("booking", booking.bookingRef());
                l.put("description", booking.description());
                l.put("price", money(booking.price()));
            }
            lines.add(l);
        }
        o.put("lines", lines);
        order.cancellation().ifPresent(c -> {
            Map<String, Object> cancelled = new LinkedHashMap<>();
            cancelled.put("at", c.at().toString());
            cancelled.put("reason", c.reason());
            o.put("cancellation", cancelled);
        });
        return o;
    }

    private static Map<String, Object> money(Money money) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("currency", money.currency().getCurrencyCode());
        o.put("amount", money.amount().toPlainString());
        return o;
    }
}
