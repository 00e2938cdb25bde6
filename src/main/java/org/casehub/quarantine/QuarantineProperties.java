package org.casehub.quarantine;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quarantine API ({@code routes/api/quarantine.camel.yaml}).
 *
 * @param pageSize          rows per page of {@code GET /api/quarantine} when the caller names no {@code limit}
 * @param maxPageSize       the largest {@code limit} a caller may ask for
 * @param replayBatch       records replayed per index transaction; a background replay reports its progress after each
 * @param payloadShownChars the most characters of a payload {@code GET /api/quarantine/{id}} shows
 * @param nameFields        keys of the source records whose values are persons' names, masked in a shown payload
 *                          (ID numbers and phones are masked wherever they appear)
 * @param phoneFields       keys of the source records whose values are phones: masked by their digits in a shown payload
 *                          even when malformed (a 12-digit "mobile" is no phone to the free-text masking)
 * @param replayHeartbeat   how often an instance running a background replay says so in {@code quarantine_replay}
 * @param replayStaleAfter  a running replay whose heartbeat is older than this was left by an instance that stopped or
 *                          crashed: any instance marks it interrupted. Several heartbeats long, so that a busy or
 *                          briefly cut-off instance is not taken for gone
 */
@ConfigurationProperties("casehub.quarantine")
public record QuarantineProperties(
        @DefaultValue("50") int pageSize,
        @DefaultValue("500") int maxPageSize,
        @DefaultValue("100") int replayBatch,
        @DefaultValue("65536") int payloadShownChars,
        @DefaultValue({"name", "XFRXM"}) List<String> nameFields,
        @DefaultValue({"mobile", "phone", "LXDH"}) List<String> phoneFields,
        @DefaultValue("PT10S") Duration replayHeartbeat,
        @DefaultValue("PT1M") Duration replayStaleAfter) {

    public QuarantineProperties {
        if (pageSize < 1 || pageSize > maxPageSize) {
            throw new IllegalArgumentException("casehub.quarantine.page-size must be 1 to casehub.quarantine.max-page-size");
        }
        if (replayBatch < 1 || payloadShownChars < 1) {
            throw new IllegalArgumentException("casehub.quarantine.replay-batch and payload-shown-chars must be positive");
        }
        if (replayHeartbeat.isNegative() || replayHeartbeat.isZero()
                || replayStaleAfter.compareTo(replayHeartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("casehub.quarantine.replay-heartbeat must be positive, and replay-stale-after"
                    + " at least three of it");
        }
        nameFields = List.copyOf(nameFields);
        phoneFields = List.copyOf(phoneFields);
    }
}
