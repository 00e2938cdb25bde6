package org.casehub.publish;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes the parked outbox rows seen: gauge {@code casehub.outbox.parked{channel}}, to alert on above zero — a parked
 * row never goes out by itself, and its case's later events for that destination wait behind it, so each one needs an
 * operator (GET /api/outbox/parked, then re-send once the cause is fixed).
 */
@Component
public class ParkedEvents {

    private static final List<String> CHANNELS = List.of("kafka", "artemis");

    private final OutboxRepository outbox;

    public ParkedEvents(OutboxRepository outbox, MeterRegistry meters) {
        this.outbox = outbox;
        for (String channel : CHANNELS) {
            Gauge.builder("casehub.outbox.parked", this, p -> p.counts().getOrDefault(channel, 0L))
                    .description("outbox rows their destination refused for good, waiting for an operator's re-send")
                    .tag("channel", channel).register(meters);
        }
    }

    private Map<String, Long> counts() {
        return outbox.parkedCounts();
    }
}
