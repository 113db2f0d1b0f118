package com.tidewater.shipping.tracking

import com.tidewater.shipping.carriers.CarrierClient
import com.tidewater.shipping.carriers.TrackingEvent
import org.springframework.scheduling.annotation.Scheduled
import org.springframework.stereotype.Component
import java.util.concurrent.ConcurrentHashMap
import kotlinx.coroutines.runBlocking

enum class ShipmentState { LABEL_CREATED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION, RETURNED }

/**
 * Keeps the latest state of every open shipment. Carrier webhooks push events; for carriers that
 * cannot push, a poll runs every `shipping.tracking.poll-interval`.
 */
@Component
class ShipmentTracker(private val carriers: List<CarrierClient>, private val notifier: DeliveryNotifier) {
    private val states = ConcurrentHashMap<String, ShipmentState>()

    fun stateOf(trackingNumber: String): ShipmentState? = states[trackingNumber]

    fun onEvent(trackingNumber: String, event: TrackingEvent) {
        val next = mapCarrierCode(event.code)
        val previous = states.put(trackingNumber, next)
        if (previous != next && next in setOf(ShipmentState.OUT_FOR_DELIVERY, ShipmentState.DELIVERED, ShipmentState.EXCEPTION)) {
            notifier.notifyCustomer(trackingNumber, next, event.description)
        }
    }

    @Scheduled(fixedDelayString = "\${shipping.tracking.poll-interval}")
    fun pollOpenShipments() = runBlocking {
        val open = states.filterValues { it != ShipmentState.DELIVERED && it != ShipmentState.RETURNED }.keys
        for (number in open) {
            val carrier = carriers.firstOrNull { number.startsWith(prefixOf(it.name)) } ?: continue
            carrier.track(number).lastOrNull()?.let { onEvent(number, it) }
        }
    }

    private fun prefixOf(carrier: String) = when (carrier) {
        "ups" -> "1Z"
        "dhl" -> "JJD"
        else -> ""
    }

    /** Carrier status codes differ; these are the ones our customers see. */
    internal fun mapCarrierCode(code: String): ShipmentState = when (code.uppercase()) {
        "PU", "TR", "AF", "DF" -> ShipmentState.IN_TRANSIT
        "OD", "WC" -> ShipmentState.OUT_FOR_DELIVERY
        "DL", "OK" -> ShipmentState.DELIVERED
        "RS", "RT" -> ShipmentState.RETURNED
        "MP", "LC" -> ShipmentState.LABEL_CREATED
        else -> ShipmentState.EXCEPTION
    }
}
