package com.tidewater.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;

import com.tidewater.billing.config.BillingProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaxCalculatorTest {
    private final BillingProperties properties = new BillingProperties(
            new BillingProperties.Payment(4, Duration.ofHours(6)),
            new BillingProperties.Invoice(1, 14),
            new BillingProperties.Tax("EU-DE", true));
    private final TaxCalculator calculator = new TaxCalculator(properties);

    @Test
    void germanConsumerPaysNineteenPercent() {
        assertThat(calculator.quote(10_000, "EU-DE", null).taxMinor()).isEqualTo(1_900);
    }

    @Test
    void frenchBusinessWithVatIdIsReverseCharged() {
        TaxQuote quote = calculator.quote(10_000, "EU-FR", "FR12345678901");
        assertThat(quote.reverseCharge()).isTrue();
        assertThat(quote.taxMinor()).isZero();
    }

    @Test
    void roundsHalfUpOnTheTotal() {
        assertThat(calculator.quote(5, "EU-DE", null).taxMinor()).isEqualTo(1);
    }
}
