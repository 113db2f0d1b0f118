package com.tidewater.billing.payment;

import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

@Component
public class HttpPaymentGateway implements PaymentGateway {
    private final RestClient client;

    public HttpPaymentGateway(@Value("${PAYMENTS_BASE_URL:http://payments:8090}") String baseUrl,
                              @Value("${PAYMENTS_API_KEY}") String apiKey) {
        this.client = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .build();
    }

    @Override
    public ChargeResult charge(String customerId, long amountMinor, String currency, String idempotencyKey) {
        try {
            Map<?, ?> body = client.post()
                    .uri("/v1/charges")
                    .header("Idempotency-Key", idempotencyKey)
                    .body(Map.of("customer", customerId, "amount", amountMinor, "currency", currency))
                    .retrieve()
                    .body(Map.class);
            return new ChargeResult(true, null, String.valueOf(body.get("id")));
        } catch (RestClientResponseException declined) {
            String code = declined.getResponseHeaders() == null ? "unknown" : declined.getResponseHeaders().getFirst("X-Decline-Code");
            return new ChargeResult(false, code == null ? "unknown" : code, null);
        }
    }
}
