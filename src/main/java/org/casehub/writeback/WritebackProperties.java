package org.casehub.writeback;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which units' reports go back to the platforms that sent the case, and as which of each platform's states: data in
 * config/process.yaml. A state a platform has no mapping for is not written back to it.
 *
 * @param platforms    one per source feed that takes results back (livelihood: the 12345 feedback API;
 *                     provincial-petition: the result exchange table)
 * @param batchSize    outbox rows the relay writes back per round
 * @param retryInitial first pause after a platform answered 429 without Retry-After, 5xx, or could not be reached
 * @param retryMax     longest pause (also the longest Retry-After taken)
 */
@ConfigurationProperties("casehub.writeback")
public record WritebackProperties(
        @DefaultValue List<Platform> platforms,
        @DefaultValue("50") int batchSize,
        @DefaultValue("PT1S") Duration retryInitial,
        @DefaultValue("PT5M") Duration retryMax) {

    /**
     * @param feed   the source feed whose records go back
     * @param states a unit's state → the platform's
     */
    public record Platform(String feed, @DefaultValue List<StateMapping> states) {

        Optional<String> platformState(String state) {
            return states.stream().filter(m -> m.state().equals(state)).map(StateMapping::platformState).findFirst();
        }
    }

    public record StateMapping(String state, String platformState) {
    }

    Optional<Platform> platform(String feed) {
        return platforms.stream().filter(p -> p.feed().equals(feed)).findFirst();
    }
}
