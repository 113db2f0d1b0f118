package com.tidewater.billing.tax;

public record TaxQuote(long taxMinor, int rateBasisPoints, boolean reverseCharge) {}
