package com.tidewater.billing.invoice;

import java.time.YearMonth;
import org.springframework.stereotype.Component;

/**
 * Invoice numbers are gapless per month ("TW-2024-05-000123"): German tax law requires
 * consecutive numbering, so we never use the database sequence (it skips on rollback).
 */
@Component
public class InvoiceNumberGenerator {
    private final InvoiceRepository invoices;

    public InvoiceNumberGenerator(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    public synchronized String next(YearMonth month) {
        String prefix = String.format("TW-%d-%02d-", month.getYear(), month.getMonthValue());
        String highest = invoices.findHighestNumberWithPrefix(prefix);
        int last = highest.isEmpty() ? 0 : Integer.parseInt(highest.substring(prefix.length()));
        return prefix + String.format("%06d", last + 1);
    }
}
