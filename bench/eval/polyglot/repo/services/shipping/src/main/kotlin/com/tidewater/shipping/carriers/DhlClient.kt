package com.tidewater.shipping.carriers

import com.tidewater.shipping.rates.Address
import com.tidewater.shipping.rates.Parcel
import com.tidewater.shipping.rates.RateQuote
import kotlinx.coroutines.reactor.awaitSingle
import org.springframework.beans.factory.annotation.Value
import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient
import org.springframework.web.reactive.function.client.WebClientResponseException
import java.time.Instant

@Component
class DhlClient(
    builder: WebClient.Builder,
    @Value("\${DHL_API_KEY}") apiKey: String,
) : CarrierClient {
    override val name = "dhl"
    private val client = builder.baseUrl("https://api.dhl.example/parcel/v2").defaultHeader("DHL-API-Key", apiKey).build()

    private data class DhlProduct(val productCode: String, val totalPrice: Long, val currency: String, val deliveryDays: Int)
    private data class DhlEvent(val statusCode: String, val description: String, val location: String?, val timestamp: String)

    override suspend fun quote(from: Address, to: Address, parcel: Parcel): List<RateQuote> = try {
        client.post().uri("/rates")
            .bodyValue(mapOf("origin" to from, "destination" to to, "weightInGrams" to parcel.billableWeightGrams()))
            .retrieve()
            .bodyToFlux(DhlProduct::class.java)
            .collectList()
            .awaitSingle()
            .map { RateQuote(name, it.productCode, it.totalPrice, it.currency, it.deliveryDays) }
    } catch (error: WebClientResponseException) {
        throw CarrierUnavailableException("DHL answered ${error.statusCode}", error)
    }

    override suspend fun track(trackingNumber: String): List<TrackingEvent> =
        client.get().uri("/shipments/{id}/events", trackingNumber)
            .retrieve()
            .bodyToFlux(DhlEvent::class.java)
            .collectList()
            .awaitSingle()
            .map { TrackingEvent(it.statusCode, it.description, it.location, Instant.parse(it.timestamp)) }
}
