package org.casehub.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What one record may bring into the index, checked on its canonical case before anything is stored. A record past
 * a limit is quarantined with the limit named; stored, it would hurt every later record: a grid event with 100,000
 * parties became 100,000 person rows and 14 MB of dedup facts that no later decision meeting that case could read.
 */
@Component("recordLimits")
public class RecordLimits {

    private final Limits limits;

    public RecordLimits(Limits limits) {
        this.limits = limits;
    }

    /**
     * @param maxPersons     persons (petitioners, parties, reporter) of one case
     * @param maxTextLength  characters of any one text of the canonical case (title, description, address, …)
     * @param maxRecordBytes bytes of the source record as it came
     */
    @ConfigurationProperties("casehub.limits")
    public record Limits(int maxPersons, int maxTextLength, int maxRecordBytes) {

        public Limits {
            if (maxPersons < 1 || maxTextLength < 1 || maxRecordBytes < 1) {
                throw new IllegalArgumentException("casehub.limits.max-persons, max-text-length and max-record-bytes must be"
                        + " set above 0 (config/application.yaml): " + maxPersons + ", " + maxTextLength + ", " + maxRecordBytes);
            }
        }
    }

    /** @throws RecordRejectedException naming every limit the mapped record is past */
    public void check(FeedRecord record) {
        List<String> reasons = new ArrayList<>();
        if (record.raw().length > limits.maxRecordBytes()) {
            reasons.add("the record is " + record.raw().length + " bytes, more than casehub.limits.max-record-bytes ("
                    + limits.maxRecordBytes() + ")");
        }
        int persons = record.canonical().path("persons").size();
        if (persons > limits.maxPersons()) {
            reasons.add(persons + " persons, more than casehub.limits.max-persons (" + limits.maxPersons() + ")");
        }
        longTexts(record.canonical(), "", reasons);
        if (!reasons.isEmpty()) {
            throw new RecordRejectedException("limits", reasons);
        }
    }

    private void longTexts(JsonNode node, String pointer, List<String> reasons) {
        if (node.isTextual() && node.asText().length() > limits.maxTextLength()) {
            reasons.add(pointer + " is " + node.asText().length() + " characters, more than casehub.limits.max-text-length ("
                    + limits.maxTextLength() + ")");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                longTexts(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), reasons);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                longTexts(node.get(i), pointer + "/" + i, reasons);
            }
        }
    }
}
