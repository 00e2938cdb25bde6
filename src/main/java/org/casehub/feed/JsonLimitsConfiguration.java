package org.casehub.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Source records come from outside: Jackson's parse limits (which Boot 3.5 does not expose as
 * properties) are set so that a hostile or broken record fails fast instead of exhausting memory, and a key written
 * twice in one object is an error everywhere (request bodies included) instead of the last value silently winning.
 */
@Configuration
@EnableConfigurationProperties(JsonLimitsConfiguration.JsonLimits.class)
public class JsonLimitsConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(JsonLimits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxDocumentLength())
                .build();
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
    }

    /**
     * @param maxNestingDepth   deepest nesting of objects and arrays in a record
     * @param maxStringLength   longest string value, in characters
     * @param maxDocumentLength largest record, in bytes
     */
    @ConfigurationProperties("casehub.json")
    public record JsonLimits(
            @DefaultValue("64") int maxNestingDepth,
            @DefaultValue("1000000") int maxStringLength,
            @DefaultValue("4000000") long maxDocumentLength) {
    }
}
