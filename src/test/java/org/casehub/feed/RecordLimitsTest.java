package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.junit.jupiter.api.Test;

class RecordLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordLimits limits = new RecordLimits(new RecordLimits.Limits(200, 20_000, 1_000_000));

    private static FeedRecord mapped(int persons, String description, int rawBytes) {
        FeedRecord record = new FeedRecord("public-safety", "x".repeat(rawBytes).getBytes(StandardCharsets.UTF_8),
                Map.of("offset", 1), Instant.now());
        ObjectNode canonical = JSON.createObjectNode().put("title", "楼上漏水").put("description", description);
        ArrayNode people = canonical.putArray("persons");
        for (int i = 0; i < persons; i++) {
            people.addObject().put("role", "party").put("name", "马斌");
        }
        canonical.putObject("location").put("address", "罗湖区东门街道");
        record.mapped(canonical);
        return record;
    }

    @Test
    void aRecordWithinEveryLimitPasses() {
        assertThatCode(() -> limits.check(mapped(200, "漏水".repeat(10_000), 1_000_000))).doesNotThrowAnyException();
    }

    @Test
    void morePartiesThanTheLimitAreRefusedNamingTheLimit() {
        RecordRejectedException refused = catchThrowableOfType(RecordRejectedException.class,
                () -> limits.check(mapped(100_000, "漏水", 100)));

        assertThat(refused.stage()).isEqualTo("limits");
        assertThat(refused.reasons()).containsExactly("100000 persons, more than casehub.limits.max-persons (200)");
    }

    @Test
    void aTextLongerThanTheLimitIsRefusedNamingItsPlaceAndTheLimit() {
        RecordRejectedException refused = catchThrowableOfType(RecordRejectedException.class,
                () -> limits.check(mapped(1, "漏".repeat(20_001), 100)));

        assertThat(refused.reasons()).containsExactly(
                "/description is 20001 characters, more than casehub.limits.max-text-length (20000)");
    }

    @Test
    void aRecordLargerThanTheLimitIsRefusedNamingItsSizeAndTheLimit() {
        RecordRejectedException refused = catchThrowableOfType(RecordRejectedException.class,
                () -> limits.check(mapped(1, "漏水", 1_000_001)));

        assertThat(refused.reasons()).containsExactly(
                "the record is 1000001 bytes, more than casehub.limits.max-record-bytes (1000000)");
    }
}
