package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

class DedupPropertiesTest {

    @Test
    void theApplicationYamlBindsToTheDocumentedDefaults() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new FileSystemResource("config/application.yaml"))
                .forEach(environment.getPropertySources()::addLast);

        DedupProperties bound = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("casehub.dedup", DedupProperties.class);

        assertThat(bound).isEqualTo(DedupProperties.defaults());
        assertThat(bound.widestWindow()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void everyUnifiedCategoryIsInExactlyOneCategoryGroup() throws Exception {
        Map<String, Object> categories = Cases.JSON.readValue(new java.io.File("mappings/codes/categories.json"), HashMap.class);

        for (String category : categories.keySet()) {
            assertThat(Cases.VOCABULARY.listed(category)).as(category).isTrue();
        }
        assertThat(Cases.VOCABULARY.group("noise")).isEqualTo(Cases.VOCABULARY.group("urban"));
        assertThat(Cases.VOCABULARY.group("labour")).isNotEqualTo(Cases.VOCABULARY.group("finance"));
    }
}
