package com.tidewater.shipping.carriers

import com.tidewater.shipping.rates.Address
import com.tidewater.shipping.rates.Parcel
import com.tidewater.shipping.rates.RateQuote
import org.springframework.stereotype.Component

/**
 * DPD has no rate API for our account: prices come from the contract's zone table, refreshed by hand
 * when the yearly tariff changes.
 */
@Component
class DpdClient : CarrierClient {
    override val name = "dpd"

    private val zonePricesMinor = mapOf(
        "DE" to listOf(2_000 to 495L, 5_000 to 595L, 10_000 to 795L, 31_500 to 1_195L),
        "AT" to listOf(2_000 to 995L, 5_000 to 1_195L, 10_000 to 1_495L, 31_500 to 1_995L),
        "NL" to listOf(2_000 to 895L, 5_000 to 1_095L, 10_000 to 1_395L, 31_500 to 1_895L),
    )

    override suspend fun quote(from: Address, to: Address, parcel: Parcel): List<RateQuote> {
        val table = zonePricesMinor[to.country] ?: return emptyList()
        val price = table.firstOrNull { (maxGrams, _) -> parcel.billableWeightGrams() <= maxGrams }?.second ?: return emptyList()
        val days = if (to.country == from.country) 1 else 3
        return listOf(RateQuote(name, "classic", price, "EUR", days))
    }

    override suspend fun track(trackingNumber: String): List<TrackingEvent> = emptyList()
}
