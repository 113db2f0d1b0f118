package com.tidewater.billing.payment;

public interface PaymentGateway {
    /**
     * Charges the customer's default card.
     *
     * @param idempotencyKey the same key always yields the same charge, so a retry never double-charges
     */
    ChargeResult charge(String customerId, long amountMinor, String currency, String idempotencyKey);
}
