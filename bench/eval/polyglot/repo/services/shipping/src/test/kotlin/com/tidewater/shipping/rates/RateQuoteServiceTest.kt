package com.tidewater.shipping.rates

import com.tidewater.shipping.carriers.CarrierClient
import io.mockk.coEvery
import io.mockk.every
import io.mockk.mockk
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset

class RateQuoteServiceTest {
    private val from = Address("DE", "20095", "Hamburg")
    private val to = Address("DE", "80331", "München")
    private val parcel = Parcel(1200, 30, 20, 10)
    private val clock = Clock.fixed(Instant.parse("2024-05-06T09:00:00Z"), ZoneOffset.UTC)

    private fun carrier(name: String, vararg quotes: RateQuote) = mockk<CarrierClient> {
        every { this@mockk.name } returns name
        coEvery { quote(any(), any(), any()) } returns quotes.toList()
    }

    @Test
    fun `ties on price go to the preferred carrier`() = runBlocking {
        val service = RateQuoteService(
            listOf(carrier("ups", RateQuote("ups", "standard", 590, "EUR", 2)), carrier("dhl", RateQuote("dhl", "paket", 590, "EUR", 2))),
            clock, Duration.ofSeconds(2), Duration.ofMinutes(15), 31500, listOf("dhl", "ups", "dpd"),
        )
        assertThat(service.cheapest(from, to, parcel, LocalDate.of(2024, 5, 10))?.carrier).isEqualTo("dhl")
    }

    @Test
    fun `heavy parcels must go as freight`() {
        val service = RateQuoteService(emptyList(), clock, Duration.ofSeconds(2), Duration.ofMinutes(15), 31500, listOf("dhl"))
        org.junit.jupiter.api.assertThrows<FreightRequiredException> {
            runBlocking { service.quotes(from, to, Parcel(40_000, 10, 10, 10)) }
        }
    }
}
