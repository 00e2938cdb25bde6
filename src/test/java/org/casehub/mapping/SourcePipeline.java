package org.casehub.mapping;

import java.nio.file.Path;

import org.casehub.core.FeedRecord;
import org.casehub.feed.RecordDecoder;

/** A feed record through every step the pipeline runs before the index, built without Spring. */
final class SourcePipeline {

    private final CaseValidator validator = new CaseValidator(new JsonSchemas(Samples.HOME));
    private final CaseMapper mapper = Samples.mapper();
    private final PersonProtector protector;

    SourcePipeline(Path keyDirectory) {
        this.protector = Samples.protector(Samples.generatedKeys(keyDirectory));
    }

    FeedRecord run(FeedRecord record) {
        new RecordDecoder(Samples.JSON, Samples.FEEDS).decode(record);
        validator.validateSource(record);
        mapper.map(record);
        Samples.resolver().locate(record);
        protector.protect(record);
        validator.validateCase(record);
        return record;
    }
}
