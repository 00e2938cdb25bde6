package org.casehub.writeback;

import java.util.ArrayList;
import java.util.List;

import org.casehub.index.CaseRepository;
import org.casehub.progress.ProgressRepository.Report;
import org.casehub.progress.ReportWritten;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.security.ScopeRestriction;
import org.springframework.stereotype.Component;

/**
 * Queues each unit's report for the platforms that sent its case, in the transaction that stored the report: one
 * outbox row per source record of the case whose platform takes the report's state back (config/process.yaml) —
 * a case merged from a 12345 order and a petition writes back to both. The rows are the outbox's channel
 * {@value #CHANNEL}, destination {@code writeback:<feed>/<record id>}, so the relay keeps each case's results in order
 * per record and writes each once.
 */
@Component
class WritebackQueue implements ReportWritten {

    static final String CHANNEL = "writeback";
    /** the hub's own reading of the index, not a caller's */
    private static final ScopeRestriction WHOLE_INDEX = new ScopeRestriction("1 = 1", List.of());

    private final CaseRepository cases;
    private final OutboxRepository outbox;
    private final WritebackProperties properties;

    WritebackQueue(CaseRepository cases, OutboxRepository outbox, WritebackProperties properties) {
        this.cases = cases;
        this.outbox = outbox;
        this.properties = properties;
    }

    @Override
    public void written(Report report) {
        List<OutboxWrite> rows = new ArrayList<>();
        cases.find(WHOLE_INDEX, report.caseId()).ifPresent(found -> cases.sources(found).forEach(source ->
                properties.platform(source.feed()).flatMap(p -> p.platformState(report.state())).ifPresent(state ->
                        rows.add(new OutboxWrite(report.eventId(), report.caseId(),
                                destination(source.feed(), source.recordId()), report.receivedAt())))));
        outbox.insertOutbox(rows);
    }

    static String destination(String feed, String recordId) {
        return CHANNEL + ":" + feed + "/" + recordId;
    }
}
