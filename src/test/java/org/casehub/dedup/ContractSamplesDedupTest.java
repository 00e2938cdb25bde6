package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.casehub.bench.DedupEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's samples through the real pipeline and the rule end as the cases samples.truth.csv says. */
class ContractSamplesDedupTest {

    @Test
    void theSampleRecordsOfAllThreeFeedsMakeTheCasesOfTheirGroundTruth(@TempDir Path keys) throws Exception {
        DedupEvaluation.Figures figures = DedupEvaluation.evaluateSamples(keys);

        assertThat(figures.records()).isEqualTo(15);
        assertThat(figures.precision()).isEqualTo(1.0);
        assertThat(figures.recall()).isEqualTo(1.0);
        assertThat(figures.merged()).isEqualTo(5);
    }
}
