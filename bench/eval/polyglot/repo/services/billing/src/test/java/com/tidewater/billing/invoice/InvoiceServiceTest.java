package com.tidewater.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.*;

import com.tidewater.billing.config.BillingProperties;
import com.tidewater.billing.payment.ChargeResult;
import com.tidewater.billing.payment.PaymentGateway;
import com.tidewater.billing.tax.TaxCalculator;
import java.time.*;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvoiceServiceTest {
    private final InvoiceRepository repository = mock(InvoiceRepository.class);
    private final PaymentGateway gateway = mock(PaymentGateway.class);
    private final BillingProperties properties = new BillingProperties(
            new BillingProperties.Payment(2, Duration.ofHours(6)),
            new BillingProperties.Invoice(1, 14),
            new BillingProperties.Tax("EU-DE", true));
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T02:00:00Z"), ZoneOffset.UTC);
    private final InvoiceService service = new InvoiceService(repository, new InvoiceNumberGenerator(repository),
            new TaxCalculator(properties), gateway, properties, clock);

    @Test
    void secondFailedChargeMarksInvoiceUncollectible() {
        Invoice invoice = new Invoice();
        invoice.setStatus(InvoiceStatus.ISSUED);
        invoice.setNumber("TW-2024-05-000001");
        invoice.setPaymentAttempts(1);
        when(repository.findById(7L)).thenReturn(Optional.of(invoice));
        when(gateway.charge(any(), anyLong(), any(), anyString())).thenReturn(new ChargeResult(false, "insufficient_funds", null));

        service.collect(7L);

        assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    }

    @Test
    void paidInvoiceCannotBeVoided() {
        Invoice invoice = new Invoice();
        invoice.setStatus(InvoiceStatus.PAID);
        when(repository.findById(3L)).thenReturn(Optional.of(invoice));
        assertThatThrownBy(() -> service.voidInvoice(3L, "duplicate")).isInstanceOf(IllegalStateException.class);
    }
}
