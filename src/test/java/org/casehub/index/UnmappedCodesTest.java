package org.casehub.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.mapping.Samples;
import org.casehub.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The unmapped codes on the real schema (H2, migrated by Flyway): counted per code, per record and per feed's hour. */
class UnmappedCodesTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-05T10:30:00Z");

    private JdbcTemplate jdbc;
    private UnmappedCodes codes;

    @BeforeEach
    void schema() {
        DriverManagerDataSource db = MemoryIndex.migrated("unmapped");
        jdbc = new JdbcTemplate(db);
        codes = new UnmappedCodes(jdbc);
    }

    private static FeedRecord record(String id, String... codesUsed) {
        FeedRecord record = new FeedRecord("livelihood", new byte[0], Map.of(), Instant.now());
        record.identified(id, 1L);
        ObjectNode canonical = Samples.JSON.createObjectNode();
        for (int i = 0; i < codesUsed.length; i += 2) {
            canonical.withArray("unmappedCodes").addObject().put("list", "livelihood.matterType").put("code", codesUsed[i])
                    .put("usedInstead", codesUsed[i + 1]);
        }
        record.mapped(canonical);
        return record;
    }

    @Test
    void storedRecordsAreCountedPerCodePerRecordAndPerFeedsHour() {
        codes.stored(List.of(record("A", "劳动保障/欠薪讨要", "劳动保障"), record("B"),
                record("C", "劳动保障/欠薪讨要", "劳动保障", "数字政务/一网通办", "其他/其他")), NOW);
        codes.stored(List.of(record("A", "劳动保障/欠薪讨要", "劳动保障")), NOW.plusMinutes(5));

        List<UnmappedCodes.Code> listed = codes.codes("livelihood", null);
        assertThat(listed).extracting(UnmappedCodes.Code::code).containsExactlyInAnyOrder("劳动保障/欠薪讨要", "数字政务/一网通办");
        UnmappedCodes.Code wages = listed.stream().filter(c -> c.code().equals("劳动保障/欠薪讨要")).findFirst().orElseThrow();
        assertThat(wages.records()).as("every stored version").isEqualTo(3);
        assertThat(wages.recordsNow()).as("records on it now").isEqualTo(2);
        assertThat(wages.usedInstead()).isEqualTo("劳动保障");
        assertThat(wages.firstSeen()).isEqualTo("2026-12-05T10:30:00Z");
        assertThat(wages.lastSeen()).isEqualTo("2026-12-05T10:35:00Z");

        UnmappedCodes.Share share = codes.shares(Duration.ofHours(24), NOW).get("livelihood");
        assertThat(share.stored()).isEqualTo(4);
        assertThat(share.withFallback()).isEqualTo(3);
        assertThat(codes.shares(Duration.ofHours(1), NOW.plusHours(3))).isEmpty();
    }

    @Test
    void aRecordStoredAgainWithEveryCodeKnownLeavesTheFallbackAndRecordsAreReadInKeyOrder() {
        codes.stored(List.of(record("A", "劳动保障/欠薪讨要", "劳动保障"), record("B", "劳动保障/欠薪讨要", "劳动保障"),
                record("C", "劳动保障/欠薪讨要", "劳动保障")), NOW);
        codes.replaceRecords(List.of(record("B")));

        assertThat(codes.countOnFallback("livelihood.matterType", "劳动保障/欠薪讨要")).isEqualTo(2);
        assertThat(codes.countOnFallback("livelihood.matterType", null)).isEqualTo(2);
        assertThat(codes.recordsOnFallback("livelihood.matterType", null, null, 1)).singleElement()
                .satisfies(key -> assertThat(key).containsExactly("livelihood", "A"));
        assertThat(codes.recordsOnFallback("livelihood.matterType", "劳动保障/欠薪讨要", new String[] {"livelihood", "A"}, 10))
                .singleElement().satisfies(key -> assertThat(key).containsExactly("livelihood", "C"));
    }
}
