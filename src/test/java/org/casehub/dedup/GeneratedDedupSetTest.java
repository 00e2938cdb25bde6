package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.casehub.bench.DedupDataSet;
import org.casehub.bench.DedupEvaluation;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labelled data set is valid input of every feed, covers every scenario, and the rule meets its targets on it. */
class GeneratedDedupSetTest {

    @Test
    void theGeneratedSetHoldsRecordsOfEveryFeedAndEveryScenarioInArrivalOrder() {
        List<DedupDataSet.Labelled> records = new DedupDataSet(Samples.JSON, Samples.divisions(), 1, 100).generate(400);

        Map<String, Long> feeds = records.stream().collect(Collectors.groupingBy(l -> l.record().feed(), Collectors.counting()));
        assertThat(feeds).containsOnlyKeys("public-safety", "livelihood", "provincial-petition");
        assertThat(records).extracting(DedupDataSet.Labelled::scenario)
                .contains("person", "anonymous", "workers", "two-matters", "single");
        assertThat(records).isSortedAccordingTo((a, b) -> a.record().receivedAt().compareTo(b.record().receivedAt()));
    }

    @Test
    void everyGeneratedRecordPassesThePipelineAndTheRuleMeetsItsTargets(@TempDir Path keys) {
        DedupEvaluation.Figures figures = DedupEvaluation.evaluateGenerated(keys, 1500, 3, 100);

        assertThat(figures.rejected()).isZero();
        assertThat(figures.precision()).isGreaterThanOrEqualTo(0.98);
        assertThat(figures.recall()).isGreaterThanOrEqualTo(0.95);
    }
}
