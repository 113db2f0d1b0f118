package com.tidewater.billing.payment;

import java.util.Set;

public record ChargeResult(boolean succeeded, String declineCode, String gatewayReference) {
    /** Declines where retrying cannot help: the card or account is gone. */
    private static final Set<String> HARD_DECLINES = Set.of("stolen_card", "lost_card", "account_closed", "do_not_honor");

    public static ChargeResult alreadyPaid() {
        return new ChargeResult(true, null, "already-paid");
    }

    public boolean isHardDecline() {
        return declineCode != null && HARD_DECLINES.contains(declineCode);
    }
}
