package com.tidewater.billing.credit;

import com.tidewater.billing.invoice.Invoice;
import com.tidewater.billing.invoice.InvoiceNumberGenerator;
import com.tidewater.billing.invoice.InvoiceRepository;
import com.tidewater.billing.invoice.InvoiceStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrects an issued invoice without editing it: a credit note is a negative invoice that refers to
 * the original and takes the next gapless number of its own month.
 */
@Service
public class CreditNoteService {
    private final InvoiceRepository invoices;
    private final InvoiceNumberGenerator numbers;
    private final Clock clock;

    public CreditNoteService(InvoiceRepository invoices, InvoiceNumberGenerator numbers, Clock clock) {
        this.invoices = invoices;
        this.numbers = numbers;
        this.clock = clock;
    }

    @Transactional
    public Invoice credit(Invoice original, long amountMinor, String reason) {
        if (original.getStatus() == InvoiceStatus.DRAFT) {
            throw new IllegalStateException("a draft is edited, not credited");
        }
        if (amountMinor <= 0 || amountMinor > original.totalMinor()) {
            throw new IllegalArgumentException("credit must be between 1 and " + original.totalMinor());
        }
        Invoice note = new Invoice();
        note.setCustomerId(original.getCustomerId());
        note.setCurrency(original.getCurrency());
        note.setSubtotalMinor(-amountMinor);
        note.setNumber(numbers.next(YearMonth.from(LocalDate.now(clock))));
        note.setStatus(InvoiceStatus.ISSUED);
        return invoices.save(note);
    }
}
