package org.casehub.warning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.index.CaseRepository;
import org.casehub.index.CaseRepository.IndexedSource;
import org.casehub.jobs.JobProgress;
import org.casehub.warning.SeriesRepository.Backfill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts, once, the source records the index held before the series existed (a hub upgraded to this version, or a
 * series table lost): in primary-key order, a batch per transaction that also moves the cursor, so that a restart
 * resumes where it stopped, and records stored meanwhile are counted once whichever of the index transaction and the
 * back-fill meets them first ({@link SeriesRepository#count}). It runs on the evaluator's tick, for at most
 * {@code backfill-slice} each, by the instance holding the evaluator's lease; its progress is on the status page and
 * {@code GET /api/warnings}.
 */
@Component
public class SeriesBackfill {

    private static final Logger log = LoggerFactory.getLogger(SeriesBackfill.class);

    private final SeriesRepository series;
    private final CaseRepository cases;
    private final TransactionTemplate transactions;
    private final WarningProperties properties;
    private final ObjectMapper json;

    public SeriesBackfill(SeriesRepository series, CaseRepository cases, PlatformTransactionManager transactionManager,
                          WarningProperties properties, ObjectMapper json) {
        this.series = series;
        this.cases = cases;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.json = json;
    }

    /** Back-fills for at most the configured slice; true once the back-fill has ended (now or before). */
    public boolean step() {
        Backfill state = series.backfill().orElseGet(() -> {
            series.startBackfill(cases.sourceCount());
            log.info("early warning: counting the {} source record(s) already indexed into the daily series",
                    series.backfill().orElseThrow().total());
            return series.backfill().orElseThrow();
        });
        long deadline = System.nanoTime() + properties.backfillSlice().toNanos();
        String feed = state.cursorFeed();
        String recordId = state.cursorId();
        boolean ended = state.endedAt() != null;
        while (!ended && System.nanoTime() - deadline < 0) {
            List<IndexedSource> page = cases.sourcesAfter(feed, recordId, properties.backfillBatch());
            boolean last = page.size() < properties.backfillBatch();
            String lastFeed = page.isEmpty() ? feed : page.get(page.size() - 1).feed();
            String lastId = page.isEmpty() ? recordId : page.get(page.size() - 1).recordId();
            transactions.executeWithoutResult(status -> {
                series.count(rows(page));
                series.advance(lastFeed, lastId, page.size(), last);
            });
            feed = lastFeed;
            recordId = lastId;
            ended = last;
        }
        Optional<JobProgress> progress = progress();
        if (ended && state.endedAt() == null) {
            log.info("early warning: series back-filled ({})", progress.orElse(null));
        } else if (!ended) {
            log.info("early warning: back-filling the series: {}", progress.orElse(null));
        }
        return ended;
    }

    /** How far the back-fill got; empty before it started. */
    public Optional<JobProgress> progress() {
        return series.backfill().map(b -> JobProgress.of(b.total(), Math.min(b.done(), b.total()), b.startedAt().toInstant(),
                b.endedAt() == null ? null : b.endedAt().toInstant(), Instant.now()));
    }

    private List<SeriesRepository.Counted> rows(List<IndexedSource> page) {
        List<SeriesRepository.Counted> rows = new ArrayList<>(page.size());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (IndexedSource source : page) {
            SeriesCounter.counted(source.feed(), source.recordId(), source.caseId(), canonical(source), now)
                    .ifPresent(rows::add);
        }
        return rows;
    }

    private JsonNode canonical(IndexedSource source) {
        try {
            return json.readTree(source.canonicalJson());
        } catch (JsonProcessingException e) {
            log.warn("early warning: source record {}:{} has unreadable canonical JSON, not counted: {}", source.feed(),
                    source.recordId(), e.getOriginalMessage());
            return json.createObjectNode();
        }
    }
}
