package com.tidewater.billing.tax;

import com.tidewater.billing.config.BillingProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * VAT for a taxable amount. B2B customers in another EU country with a valid VAT id pay no VAT here
 * (reverse charge: they account for it in their own country).
 */
@Component
public class TaxCalculator {
    /** Standard VAT rates in basis points (19% = 1900). */
    private static final Map<String, Integer> STANDARD_RATES = Map.of(
            "EU-DE", 1900,
            "EU-FR", 2000,
            "EU-NL", 2100,
            "EU-AT", 2000,
            "EU-IE", 2300,
            "UK", 2000,
            "CH", 810,
            "US", 0);

    private final BillingProperties properties;

    public TaxCalculator(BillingProperties properties) {
        this.properties = properties;
    }

    public TaxQuote quote(long taxableMinor, String region, String vatId) {
        String home = properties.tax().defaultRegion();
        boolean crossBorderB2b = vatId != null && !vatId.isBlank() && region.startsWith("EU-") && !region.equals(home);
        if (crossBorderB2b && properties.tax().reverseChargeEnabled()) {
            return new TaxQuote(0, 0, true);
        }
        int rate = STANDARD_RATES.getOrDefault(region, STANDARD_RATES.get(home));
        // Round half-up on the total, never per line: matches how the tax office recomputes it.
        long tax = BigDecimal.valueOf(taxableMinor)
                .multiply(BigDecimal.valueOf(rate))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new TaxQuote(tax, rate, false);
    }
}
