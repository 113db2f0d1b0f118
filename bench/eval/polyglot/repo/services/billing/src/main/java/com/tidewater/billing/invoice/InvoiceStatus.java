package com.tidewater.billing.invoice;

public enum InvoiceStatus {
    DRAFT,
    ISSUED,
    PAID,
    /** Every dunning attempt failed; finance writes it off or collects by hand. */
    UNCOLLECTIBLE,
    VOID
}
