package org.casehub.mapping;

import java.util.List;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.springframework.stereotype.Component;

/** The two schema gates of the pipeline: the feed's own schema before mapping, the canonical case after. */
@Component("caseValidator")
public class CaseValidator {

    public static final String CASE_SCHEMA = "case.schema.json";

    private final JsonSchemas schemas;

    public CaseValidator(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    public void validateSource(FeedRecord record) {
        List<String> errors = schemas.violations("feeds/" + record.feed() + ".schema.json", record.source());
        if (!errors.isEmpty()) {
            throw new RecordRejectedException("source-schema", errors);
        }
    }

    public void validateCase(FeedRecord record) {
        List<String> errors = schemas.violations(CASE_SCHEMA, record.canonical());
        if (!errors.isEmpty()) {
            throw new RecordRejectedException("case-schema", errors);
        }
    }
}
