package com.tidewater.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChargeResultTest {
    @Test
    void stolenCardIsAHardDecline() {
        assertThat(new ChargeResult(false, "stolen_card", null).isHardDecline()).isTrue();
    }

    @Test
    void insufficientFundsIsRetried() {
        assertThat(new ChargeResult(false, "insufficient_funds", null).isHardDecline()).isFalse();
    }
}
