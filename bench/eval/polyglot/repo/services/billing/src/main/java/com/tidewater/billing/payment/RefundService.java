package com.tidewater.billing.payment;

import com.tidewater.billing.invoice.Invoice;
import com.tidewater.billing.invoice.InvoiceStatus;
import org.springframework.stereotype.Service;

/** Refunds a paid invoice's card charge, fully or in part. */
@Service
public class RefundService {
    private final RefundGateway gateway;

    public RefundService(RefundGateway gateway) {
        this.gateway = gateway;
    }

    public void refund(Invoice invoice, long amountMinor) {
        if (invoice.getStatus() != InvoiceStatus.PAID) {
            throw new IllegalStateException("only paid invoices can be refunded");
        }
        gateway.refund(invoice.getNumber(), amountMinor, invoice.getCurrency());
    }

    public interface RefundGateway {
        void refund(String chargeIdempotencyKey, long amountMinor, String currency);
    }
}
