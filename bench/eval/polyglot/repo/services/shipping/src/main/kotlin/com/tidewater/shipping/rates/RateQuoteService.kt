package com.tidewater.shipping.rates

import com.tidewater.shipping.carriers.CarrierClient
import com.tidewater.shipping.carriers.CarrierUnavailableException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import org.springframework.beans.factory.annotation.Value
import org.springframework.stereotype.Service
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.util.concurrent.ConcurrentHashMap

/**
 * Rate shopping: asks every configured carrier for a quote at once, drops the ones that cannot make the
 * promised date, and returns the cheapest. Quotes are cached per (route, parcel) for a short while because
 * checkout asks again on every page load.
 */
@Service
class RateQuoteService(
    private val carriers: List<CarrierClient>,
    private val clock: Clock,
    @Value("\${shipping.quote-timeout}") private val quoteTimeout: Duration,
    @Value("\${shipping.quote-cache-ttl}") private val cacheTtl: Duration,
    @Value("\${shipping.max-parcel-weight-grams}") private val maxParcelWeightGrams: Int,
    @Value("\${shipping.carriers}") private val preference: List<String>,
) {
    private val log = LoggerFactory.getLogger(javaClass)
    private val cache = ConcurrentHashMap<CacheKey, CachedQuotes>()

    private data class CacheKey(val from: Address, val to: Address, val parcel: Parcel)
    private data class CachedQuotes(val quotes: List<RateQuote>, val fetchedAt: Instant)

    /** All quotes that arrive before the timeout; a slow or failing carrier is skipped, never fatal. */
    suspend fun quotes(from: Address, to: Address, parcel: Parcel): List<RateQuote> {
        require(parcel.weightGrams > 0) { "parcel weight must be positive" }
        if (parcel.billableWeightGrams() > maxParcelWeightGrams) {
            throw FreightRequiredException(parcel.billableWeightGrams(), maxParcelWeightGrams)
        }
        val key = CacheKey(from, to, parcel)
        cache[key]?.let { cached ->
            if (Duration.between(cached.fetchedAt, clock.instant()) < cacheTtl) return cached.quotes
        }
        val fresh = coroutineScope {
            carriers.map { carrier ->
                async {
                    withTimeoutOrNull(quoteTimeout.toMillis()) {
                        try {
                            carrier.quote(from, to, parcel)
                        } catch (unavailable: CarrierUnavailableException) {
                            log.warn("carrier {} unavailable: {}", carrier.name, unavailable.message)
                            emptyList()
                        }
                    } ?: emptyList<RateQuote>().also { log.warn("carrier {} timed out after {}", carrier.name, quoteTimeout) }
                }
            }.awaitAll().flatten()
        }
        cache[key] = CachedQuotes(fresh, clock.instant())
        return fresh
    }

    /**
     * The cheapest quote that arrives by [deliverBy]; ties go to the carrier listed first in
     * `shipping.carriers`. Null when no carrier can make it.
     */
    suspend fun cheapest(from: Address, to: Address, parcel: Parcel, deliverBy: LocalDate): RateQuote? {
        val today = LocalDate.now(clock)
        return quotes(from, to, parcel)
            .filter { !today.plusDays(businessDaysToCalendarDays(today, it.transitDays).toLong()).isAfter(deliverBy) }
            .sortedWith(compareBy<RateQuote> { it.priceMinor }.thenBy { preferenceRank(it.carrier) })
            .firstOrNull()
    }

    /** The fastest quote regardless of price, for express checkout. */
    suspend fun fastest(from: Address, to: Address, parcel: Parcel): RateQuote? =
        quotes(from, to, parcel).minWithOrNull(compareBy<RateQuote> { it.transitDays }.thenBy { it.priceMinor })

    /** Drops cached quotes (called when a carrier publishes new tariffs). */
    fun invalidate(carrier: String? = null) {
        if (carrier == null) {
            cache.clear()
            return
        }
        cache.entries.removeIf { entry -> entry.value.quotes.any { it.carrier == carrier } }
    }

    private fun preferenceRank(carrier: String): Int =
        preference.indexOf(carrier).let { if (it < 0) Int.MAX_VALUE else it }

    /** Carriers count business days; weekends do not move parcels. */
    private fun businessDaysToCalendarDays(start: LocalDate, businessDays: Int): Int {
        var date = start
        var remaining = businessDays
        var calendarDays = 0
        while (remaining > 0) {
            date = date.plusDays(1)
            calendarDays++
            if (date.dayOfWeek.value <= 5) remaining--
        }
        return calendarDays
    }
}

class FreightRequiredException(weight: Int, limit: Int) :
    IllegalArgumentException("billable weight $weight g exceeds the parcel limit of $limit g: book freight")
