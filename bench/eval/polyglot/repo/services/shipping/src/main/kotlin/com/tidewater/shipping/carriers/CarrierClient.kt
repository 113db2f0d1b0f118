package com.tidewater.shipping.carriers

import com.tidewater.shipping.rates.Address
import com.tidewater.shipping.rates.Parcel
import com.tidewater.shipping.rates.RateQuote

interface CarrierClient {
    val name: String

    suspend fun quote(from: Address, to: Address, parcel: Parcel): List<RateQuote>

    suspend fun track(trackingNumber: String): List<TrackingEvent>
}

data class TrackingEvent(val code: String, val description: String, val location: String?, val at: java.time.Instant)

class CarrierUnavailableException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)
