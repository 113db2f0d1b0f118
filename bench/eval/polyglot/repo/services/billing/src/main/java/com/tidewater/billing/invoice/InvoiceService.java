package com.tidewater.billing.invoice;

import com.tidewater.billing.config.BillingProperties;
import com.tidewater.billing.payment.ChargeResult;
import com.tidewater.billing.payment.PaymentGateway;
import com.tidewater.billing.tax.TaxCalculator;
import com.tidewater.billing.tax.TaxQuote;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The invoice lifecycle: drafts are built from subscription usage, issued on the configured day of the
 * month, charged, and retried on failure (dunning) until they are paid or marked uncollectible.
 */
@Service
public class InvoiceService {
    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

    private final InvoiceRepository invoices;
    private final InvoiceNumberGenerator numbers;
    private final TaxCalculator taxes;
    private final PaymentGateway gateway;
    private final BillingProperties properties;
    private final Clock clock;

    public InvoiceService(
            InvoiceRepository invoices,
            InvoiceNumberGenerator numbers,
            TaxCalculator taxes,
            PaymentGateway gateway,
            BillingProperties properties,
            Clock clock) {
        this.invoices = invoices;
        this.numbers = numbers;
        this.taxes = taxes;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
    }

    /** A draft holds lines and a subtotal; tax is computed only when it is issued. */
    @Transactional
    public Invoice createDraft(String customerId, String currency, List<LineItem> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an invoice needs at least one line");
        }
        Invoice invoice = new Invoice();
        invoice.setCustomerId(customerId);
        invoice.setCurrency(currency);
        long subtotal = 0;
        for (LineItem line : lines) {
            if (line.getQuantity() <= 0) {
                throw new IllegalArgumentException("quantity must be positive for " + line.getSku());
            }
            line.setInvoice(invoice);
            invoice.getLines().add(line);
            subtotal += line.amountMinor();
        }
        invoice.setSubtotalMinor(subtotal);
        return invoices.save(invoice);
    }

    /**
     * Issues a draft: assigns the gapless number, computes VAT for the customer's region and sets
     * the due date. An issued invoice is immutable; corrections go through a credit note.
     */
    @Transactional
    public Invoice issue(long invoiceId, String customerRegion, String customerVatId) {
        Invoice invoice = invoices.findById(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoice.getStatus() != InvoiceStatus.DRAFT) {
            throw new IllegalStateException("invoice " + invoiceId + " is " + invoice.getStatus() + ", not DRAFT");
        }
        long taxable = invoice.getLines().stream()
                .filter(line -> !line.isTaxExempt())
                .mapToLong(LineItem::amountMinor)
                .sum();
        TaxQuote quote = taxes.quote(taxable, customerRegion, customerVatId);
        invoice.setTaxMinor(quote.taxMinor());
        LocalDate today = LocalDate.now(clock);
        invoice.setNumber(numbers.next(YearMonth.from(today)));
        invoice.setIssuedAt(Instant.now(clock));
        invoice.setDueDate(today.plusDays(properties.invoice().dueDays()));
        invoice.setStatus(InvoiceStatus.ISSUED);
        log.info("issued invoice {} for {} ({} minor units, reverse charge: {})",
                invoice.getNumber(), invoice.getCustomerId(), invoice.totalMinor(), quote.reverseCharge());
        return invoice;
    }

    /** Charges the customer's card for an issued invoice once. */
    @Transactional
    public ChargeResult collect(long invoiceId) {
        Invoice invoice = invoices.findById(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoice.getStatus() == InvoiceStatus.PAID) {
            return ChargeResult.alreadyPaid();
        }
        if (invoice.getStatus() != InvoiceStatus.ISSUED) {
            throw new IllegalStateException("cannot collect invoice in status " + invoice.getStatus());
        }
        invoice.setPaymentAttempts(invoice.getPaymentAttempts() + 1);
        // The invoice number is the idempotency key: a retried request never charges twice (ADR 0002).
        ChargeResult result = gateway.charge(invoice.getCustomerId(), invoice.totalMinor(), invoice.getCurrency(), invoice.getNumber());
        if (result.succeeded()) {
            invoice.setStatus(InvoiceStatus.PAID);
        } else if (invoice.getPaymentAttempts() >= properties.payment().maxAttempts()) {
            invoice.setStatus(InvoiceStatus.UNCOLLECTIBLE);
            log.warn("invoice {} uncollectible after {} attempts: {}", invoice.getNumber(), invoice.getPaymentAttempts(), result.declineCode());
        }
        return result;
    }

    /**
     * Dunning: every hour, retry the charge of overdue issued invoices whose last attempt is older
     * than the configured backoff. Hard declines (stolen card, closed account) are not retried.
     */
    @Scheduled(cron = "0 0 * * * *")
    @Transactional
    public void retryFailedCharges() {
        LocalDate today = LocalDate.now(clock);
        for (Invoice invoice : invoices.findOverdue(today)) {
            Instant lastTry = invoice.getIssuedAt().plus(properties.payment().retryBackoff().multipliedBy(invoice.getPaymentAttempts()));
            if (Instant.now(clock).isBefore(lastTry)) {
                continue;
            }
            ChargeResult result = collect(invoice.getId());
            if (!result.succeeded() && result.isHardDecline()) {
                invoice.setStatus(InvoiceStatus.UNCOLLECTIBLE);
                log.warn("hard decline {} on invoice {}, not retrying", result.declineCode(), invoice.getNumber());
            }
        }
    }

    /** Voids an issued, unpaid invoice (a credit note is issued by finance separately). */
    @Transactional
    public Invoice voidInvoice(long invoiceId, String reason) {
        Invoice invoice = invoices.findById(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        if (invoice.getStatus() == InvoiceStatus.PAID) {
            throw new IllegalStateException("a paid invoice cannot be voided; refund it instead");
        }
        invoice.setStatus(InvoiceStatus.VOID);
        log.info("voided invoice {}: {}", invoice.getNumber(), reason);
        return invoice;
    }

    /** Issues every draft at the start of the configured issue day. */
    @Scheduled(cron = "0 0 2 * * *", zone = "UTC")
    public void issueMonthlyDrafts() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (today.getDayOfMonth() != properties.invoice().issueDay()) {
            return;
        }
        invoices.findAll().stream()
                .filter(invoice -> invoice.getStatus() == InvoiceStatus.DRAFT)
                .forEach(invoice -> issue(invoice.getId(), properties.tax().defaultRegion(), null));
    }

    public List<Invoice> history(String customerId) {
        return invoices.findByCustomerIdOrderByIssuedAtDesc(customerId);
    }
}
