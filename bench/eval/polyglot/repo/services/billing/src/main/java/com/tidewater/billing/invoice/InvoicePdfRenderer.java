package com.tidewater.billing.invoice;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Renders the customer-facing invoice text that the PDF service lays out. */
@Component
public class InvoicePdfRenderer {
    public String render(Invoice invoice, Locale locale) {
        NumberFormat money = NumberFormat.getCurrencyInstance(locale);
        money.setCurrency(Currency.getInstance(invoice.getCurrency()));
        StringBuilder text = new StringBuilder();
        text.append("Invoice ").append(invoice.getNumber()).append('\n');
        for (LineItem line : invoice.getLines()) {
            text.append(line.getQuantity()).append(" × ").append(line.getDescription()).append("  ")
                .append(money.format(line.amountMinor() / 100.0)).append('\n');
        }
        text.append("VAT ").append(money.format(invoice.getTaxMinor() / 100.0)).append('\n');
        if (invoice.getTaxMinor() == 0 && invoice.getSubtotalMinor() > 0) {
            text.append("Reverse charge: VAT to be accounted for by the recipient (Art. 196 VAT Directive)\n");
        }
        text.append("Total ").append(money.format(invoice.totalMinor() / 100.0)).append('\n');
        return text.toString();
    }
}
