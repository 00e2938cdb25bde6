package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.mapping.Samples;

/**
 * The door against whatever a source may send (jqwik, on the JUnit platform beside Jupiter): any bytes either
 * decode into a record with an identity or are refused with a stage and a reason — never another exception, which
 * would be a bug the quarantine could only call "internal" — and text that decodes is kept exactly.
 */
class RecordDecoderPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordDecoder DECODER = new RecordDecoder(JSON, Samples.FEEDS);

    private static FeedRecord record(byte[] raw) {
        return new FeedRecord("public-safety", raw, Map.of(), Instant.now());
    }

    @Property(tries = 300)
    void anyBytesAreDecodedOrRefusedWithAReason(@ForAll byte[] raw) {
        FeedRecord record = record(raw);
        try {
            DECODER.decode(record);
            assertThat(record.recordId()).isNotBlank();
        } catch (RecordRejectedException e) {
            assertThat(e.stage()).isIn("decode", "identity");
            assertThat(e.reasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason).isNotBlank());
        }
    }

    @Property(tries = 300)
    void anyTextInAFieldIsKeptExactlyOrRefusedNamingTheField(@ForAll @StringLength(max = 40) String text) {
        ObjectNode event = JSON.createObjectNode().put("eventId", "PA1").put("version", 1).put("content", text);
        FeedRecord record = record(event.toString().getBytes(StandardCharsets.UTF_8));
        try {
            DECODER.decode(record);
            assertThat(record.source().path("content").asText()).isEqualTo(text);
        } catch (RecordRejectedException e) {
            assertThat(e.reasons()).singleElement().asString().startsWith("/content: contains a ");
        }
    }
}
