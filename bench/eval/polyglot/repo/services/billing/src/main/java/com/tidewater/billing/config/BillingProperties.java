package com.tidewater.billing.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Binds the billing.* keys of application.properties. */
@ConfigurationProperties(prefix = "billing")
public record BillingProperties(Payment payment, Invoice invoice, Tax tax) {
    public record Payment(int maxAttempts, Duration retryBackoff) {}
    public record Invoice(int issueDay, int dueDays) {}
    public record Tax(String defaultRegion, boolean reverseChargeEnabled) {}
}
