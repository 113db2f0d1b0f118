package com.tidewater.shipping.tracking

import io.mockk.mockk
import io.mockk.verify
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import com.tidewater.shipping.carriers.TrackingEvent
import java.time.Instant

class ShipmentTrackerTest {
    private val notifier = mockk<DeliveryNotifier>(relaxed = true)
    private val tracker = ShipmentTracker(emptyList(), notifier)

    @Test
    fun `unknown carrier codes become exceptions`() {
        assertThat(tracker.mapCarrierCode("ZZ")).isEqualTo(ShipmentState.EXCEPTION)
    }

    @Test
    fun `delivery notifies the customer once`() {
        val event = TrackingEvent("DL", "Delivered to neighbour", "Hamburg", Instant.now())
        tracker.onEvent("JJD000123", event)
        tracker.onEvent("JJD000123", event)
        verify(exactly = 1) { notifier.notifyCustomer("JJD000123", ShipmentState.DELIVERED, any()) }
    }
}
