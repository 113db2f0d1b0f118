package com.tidewater.shipping.rates

data class Address(val country: String, val postalCode: String, val city: String)

data class Parcel(
    val weightGrams: Int,
    val lengthCm: Int,
    val widthCm: Int,
    val heightCm: Int,
) {
    /** Carriers bill the larger of actual and volumetric weight (length × width × height / 5000 kg). */
    fun billableWeightGrams(): Int {
        val volumetric = lengthCm * widthCm * heightCm / 5
        return maxOf(weightGrams, volumetric)
    }
}

data class RateQuote(
    val carrier: String,
    val service: String,
    val priceMinor: Long,
    val currency: String,
    val transitDays: Int,
)
