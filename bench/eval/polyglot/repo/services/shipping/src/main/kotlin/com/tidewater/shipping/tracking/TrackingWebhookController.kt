package com.tidewater.shipping.tracking

import com.tidewater.shipping.carriers.TrackingEvent
import org.springframework.beans.factory.annotation.Value
import org.springframework.http.HttpStatus
import org.springframework.web.bind.annotation.*
import org.springframework.web.server.ResponseStatusException
import java.security.MessageDigest
import java.time.Instant
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

data class WebhookPayload(val trackingNumber: String, val code: String, val description: String, val location: String?)

@RestController
@RequestMapping("/webhooks/tracking")
class TrackingWebhookController(
    private val tracker: ShipmentTracker,
    @Value("\${shipping.tracking.webhook-secret}") private val secret: String,
) {
    /** Carriers sign the raw body with HMAC-SHA256; we compare in constant time. */
    @PostMapping
    fun receive(@RequestHeader("X-Signature") signature: String, @RequestBody raw: String, @RequestBody payload: WebhookPayload) {
        val mac = Mac.getInstance("HmacSHA256").apply { init(SecretKeySpec(secret.toByteArray(), "HmacSHA256")) }
        val expected = mac.doFinal(raw.toByteArray()).joinToString("") { "%02x".format(it) }
        if (!MessageDigest.isEqual(expected.toByteArray(), signature.toByteArray())) {
            throw ResponseStatusException(HttpStatus.UNAUTHORIZED, "bad signature")
        }
        tracker.onEvent(payload.trackingNumber, TrackingEvent(payload.code, payload.description, payload.location, Instant.now()))
    }
}
