package com.tidewater.billing.invoice;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * Writes invoices as the semicolon-separated file the old accounting system imports.
 * Deprecated: finance moved to the ledger API in 2024; kept until the auditors' archive export is done.
 */
@Deprecated
public class LegacyInvoiceExporter {
    public void export(List<Invoice> invoices, Writer out) {
        PrintWriter writer = new PrintWriter(out);
        writer.println("number;customer;currency;subtotal;tax;status");
        for (Invoice invoice : invoices) {
            writer.printf("%s;%s;%s;%d;%d;%s%n", invoice.getNumber(), invoice.getCustomerId(), invoice.getCurrency(),
                    invoice.getSubtotalMinor(), invoice.getTaxMinor(), invoice.getStatus());
        }
        writer.flush();
    }
}
