package org.casehub.index;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.MatterVocabulary;
import org.casehub.mapping.Samples;
import org.casehub.security.PiiCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class RecordPreparationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DuplicateRule RULE = new DuplicateRule(DedupProperties.defaults(),
            new MatterVocabulary(Samples.HOME, JSON));

    @TempDir
    Path keys;

    @Test
    void theStoreUsesWhatTheNormalisingStepPreparedAndItIsWhatTheStoreWouldHaveComputed() {
        PiiCipher cipher = new PiiCipher(Samples.generatedKeys(keys));
        RecordPreparation preparation = new RecordPreparation(RULE, DedupProperties.defaults(), cipher, JSON);
        FeedRecord record = mapped(canonical("油烟扰民，楼下餐馆每晚排放油烟"));

        preparation.prepare(record);
        RecordPreparation.Prepared prepared = preparation.of(record);

        assertThat(prepared).isSameAs(record.preparedForStore(RecordPreparation.Prepared.class));
        assertThat(prepared.facts()).isEqualTo(CaseFacts.of(record.canonical(), record.receivedAt()));
        assertThat(prepared.matching()).isSameAs(prepared.facts());
        assertThat(RULE.blockingKeys(prepared.profile())).isEqualTo(RULE.blockingKeys(prepared.facts()))
                .contains("addr:440304:福华路100");
        assertThat(cipher.open(prepared.sealedRaw())).isEqualTo(record.raw());
        assertThat(prepared.keyId()).isEqualTo(cipher.currentKeyId());
        assertThat(prepared.positionJson()).isEqualTo("{\"topic\":\"sz.pingan.grid-events\",\"partition\":0,\"offset\":7}");
        assertThat(prepared.canonicalJson()).isEqualTo(record.canonical().toString());
    }

    @Test
    void aRecordMappedAgainAfterItWasPreparedIsPreparedAgain() {
        RecordPreparation preparation = new RecordPreparation(RULE, DedupProperties.defaults(),
                new PiiCipher(Samples.generatedKeys(keys)), JSON);
        FeedRecord record = mapped(canonical("油烟扰民"));
        preparation.prepare(record);

        record.mapped(canonical("噪音扰民，工地夜间施工"));

        assertThat(preparation.of(record).canonicalJson()).contains("噪音扰民").doesNotContain("油烟");
        assertThat(preparation.of(record).facts().description()).isEqualTo("噪音扰民，工地夜间施工");
    }

    @Test
    void aRejectedRecordIsNotPreparedAndWithDedupOffNoProfileIsMade() {
        DedupProperties off = new Binder(new MapConfigurationPropertySource(Map.of("casehub.dedup.enabled", "false")))
                .bindOrCreate("casehub.dedup", DedupProperties.class);
        RecordPreparation preparation = new RecordPreparation(RULE, off, new PiiCipher(Samples.generatedKeys(keys)), JSON);
        FeedRecord rejected = mapped(canonical("油烟扰民"));
        rejected.reject(new RecordRejectedException("schema", "missing eventId"));
        FeedRecord usable = mapped(canonical("油烟扰民"));

        preparation.prepare(rejected);
        preparation.prepare(usable);

        assertThat(rejected.preparedForStore(RecordPreparation.Prepared.class)).isNull();
        assertThat(usable.preparedForStore(RecordPreparation.Prepared.class).profile()).isNull();
    }

    private static ObjectNode canonical(String description) {
        ObjectNode node = JSON.createObjectNode().put("category", "environment").put("title", description)
                .put("description", description).put("reportedAt", "2026-11-10T10:00:00+08:00");
        node.putArray("persons");
        node.putObject("location").put("divisionCode", "440304001001").put("address", "福华路100号");
        return node;
    }

    private static FeedRecord mapped(ObjectNode canonical) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("topic", "sz.pingan.grid-events");
        position.put("partition", 0);
        position.put("offset", 7L);
        FeedRecord record = new FeedRecord("public-safety", "{\"eventId\":\"E1\"}".getBytes(StandardCharsets.UTF_8),
                position, Instant.parse("2026-11-10T02:00:01Z"));
        record.identified("E1", 1L);
        record.mapped(canonical);
        return record;
    }
}
