package com.tidewater.billing.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class ClockConfig {
    /** Injected so tests can pin "today" (issue day, due dates, dunning backoff). */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
