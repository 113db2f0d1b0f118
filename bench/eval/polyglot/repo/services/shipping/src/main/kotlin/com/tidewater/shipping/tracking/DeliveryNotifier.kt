package com.tidewater.shipping.tracking

import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient

/** Tells the customer (through the notifications service) when their parcel moves to a state they care about. */
@Component
class DeliveryNotifier(builder: WebClient.Builder) {
    private val client = builder.baseUrl("http://notifications:8088").build()

    fun notifyCustomer(trackingNumber: String, state: ShipmentState, detail: String) {
        client.post().uri("/v1/events")
            .bodyValue(mapOf("type" to "shipment.${state.name.lowercase()}", "trackingNumber" to trackingNumber, "detail" to detail))
            .retrieve()
            .toBodilessEntity()
            .subscribe()
    }
}
