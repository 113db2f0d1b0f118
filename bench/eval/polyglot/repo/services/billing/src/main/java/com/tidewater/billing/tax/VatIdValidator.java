package com.tidewater.billing.tax;

import java.util.regex.Pattern;

/** Format check only; the VIES lookup happens in the accounts service when the customer saves the id. */
public final class VatIdValidator {
    private static final Pattern EU_VAT = Pattern.compile("^(DE\\d{9}|FR[0-9A-Z]{2}\\d{9}|NL\\d{9}B\\d{2}|AT U\\d{8}|IE\\d{7}[A-Z]{1,2})$");

    private VatIdValidator() {}

    public static boolean looksValid(String vatId) {
        return vatId != null && EU_VAT.matcher(vatId.replace(" ", "")).matches();
    }
}
