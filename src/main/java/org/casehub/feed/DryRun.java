package org.casehub.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.security.Masking;
import org.springframework.stereotype.Component;

/**
 * A feed's pipeline in memory: each sample source record through the same steps as routes/pipeline.camel.yaml
 * ({@link Normalizer}), answered with its canonical case or the errors of the step that refused it. Touches neither
 * the index nor any broker.
 */
@Component("dryRun")
public class DryRun {

    public static final int MAX_RECORDS = 1000;

    private final FeedProperties feeds;
    private final Normalizer normalizer;
    private final ObjectMapper json;

    public DryRun(FeedProperties feeds, Normalizer normalizer, ObjectMapper json) {
        this.feeds = feeds;
        this.normalizer = normalizer;
        this.json = json;
    }

    /**
     * @param recordId the record's id, once decoded
     * @param caseData the canonical case, when every step accepted the record
     * @param stage    the step that refused it: decode, identity, source-schema, code-list, mapping, case-schema…
     * @param errors   that step's reasons; schema errors start with the JSON Pointer of the failing place
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String recordId, Long version, @JsonProperty("case") ObjectNode caseData,
                         String stage, List<String> errors) {
        public boolean valid() {
            return caseData != null;
        }
    }

    /** The results of a dry run, with their counts. */
    public record Report(String feed, int records, long valid, long invalid, List<Result> results) {
    }

    /**
     * The records of a body (JSON array, one JSON object, or JSON lines) through the feed's running mapping.
     *
     * @throws IllegalArgumentException for an unknown feed or too many records
     */
    public Report report(String feed, byte[] body) {
        feeds.feed(feed);
        List<byte[]> records = SourceRecords.split(body, json);
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("at most " + MAX_RECORDS + " records per dry run, not " + records.size());
        }
        List<Result> results = run(feed, records, null);
        long valid = results.stream().filter(Result::valid).count();
        return new Report(feed, results.size(), valid, results.size() - valid, results);
    }

    /** The records through the given mapping, or the feed's running one when it is null. */
    public List<Result> run(String feed, List<byte[]> records, Jsonata mapping) {
        List<Result> results = new ArrayList<>(records.size());
        Instant now = Instant.now();
        for (int i = 0; i < records.size(); i++) {
            FeedRecord record = new FeedRecord(feed, records.get(i), Map.of("dryRun", i), now);
            results.add(run(i, record, mapping));
        }
        return results;
    }

    private Result run(int index, FeedRecord record, Jsonata mapping) {
        try {
            normalizer.normalizeMappedBy(record, mapping);
            return new Result(index, record.recordId(), record.sourceVersion(), record.canonical(), null, null);
        } catch (RecordRejectedException e) {
            return new Result(index, record.recordId(), record.sourceVersion(), null, e.stage(), e.reasons());
        } catch (RuntimeException e) {
            return new Result(index, record.recordId(), record.sourceVersion(), null, "internal",
                    List.of(e.getClass().getSimpleName() + ": " + Masking.scrub(String.valueOf(e.getMessage()))));
        }
    }
}
