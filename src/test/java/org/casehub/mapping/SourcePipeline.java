package org.casehub.mapping;

import java.nio.file.Path;

import org.casehub.core.FeedRecord;
import org.casehub.feed.Normalizer;

/** A feed record through every step the pipeline runs before the index ({@link Normalizer}), built without Spring. */
final class SourcePipeline {

    private final Normalizer normalizer;

    SourcePipeline(Path keyDirectory) {
        this.normalizer = Samples.normalizer(Samples.FEEDS, new CaseValidator(new JsonSchemas(Samples.HOME)),
                Samples.mapper(), Samples.protector(Samples.generatedKeys(keyDirectory)));
    }

    FeedRecord run(FeedRecord record) {
        normalizer.normalize(record);
        return record;
    }
}
