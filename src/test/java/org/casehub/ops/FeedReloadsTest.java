package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.FeedProperties;
import org.casehub.feed.DryRun;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.CodeLists;
import org.casehub.mapping.JsonSchemas;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

class FeedReloadsTest {

    @TempDir
    Path home;

    @TempDir
    Path keys;

    private final FeedProperties feeds = new FeedProperties(new HashMap<>(Samples.FEEDS.feeds()));
    private CaseMapper mapper;
    private CodeLists codeLists;
    private FeedReloads reloads;
    private JsonNode sample;

    @BeforeEach
    void hub() throws IOException {
        for (String folder : new String[] {"mappings", "schemas"}) {
            FileSystemUtils.copyRecursively(Path.of(folder), home.resolve(folder));
        }
        Files.createDirectories(home.resolve("config"));
        Files.copy(Path.of("config/feeds.yaml"), home.resolve("config/feeds.yaml"));
        CasehubHome casehubHome = new CasehubHome(new HomeProperties(home.toString()));
        codeLists = new CodeLists(casehubHome, Samples.JSON);
        mapper = new CaseMapper(casehubHome, codeLists, Samples.JSON);
        JsonSchemas schemas = new JsonSchemas(casehubHome);
        DryRun dryRun = new DryRun(feeds, Samples.normalizer(feeds, new CaseValidator(schemas), mapper,
                Samples.protector(Samples.generatedKeys(keys))), Samples.JSON);
        reloads = new FeedReloads(casehubHome, feeds, mapper, codeLists, schemas, dryRun, true);
        sample = Samples.tree(Files.readAllLines(home.resolve("mappings/samples/livelihood.jsonl")).get(0));
        reloads.scan();
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        Files.writeString(path, Files.readString(path).replace(from, to));
    }

    @Test
    void aMappingThatPassesItsSamplesReplacesTheRunningOne() throws IOException {
        edit("mappings/livelihood.jsonata", "\"title\": title ? title", "\"title\": title ? \"新：\" & title");

        reloads.scan();

        assertThat(reloads.last("livelihood")).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo("accepted"));
        assertThat(mapper.apply("livelihood", sample).path("title").asText()).startsWith("新：");
    }

    @Test
    void aMappingThatDoesNotCompileIsRefusedAndTheLastGoodOneKeepsRunning() throws IOException {
        String before = mapper.apply("livelihood", sample).path("title").asText();
        edit("mappings/livelihood.jsonata", "\"title\": title ? title", "\"title\": title ? ((title");

        reloads.scan();

        assertThat(reloads.last("livelihood")).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo("refused");
            assertThat(r.file()).isEqualTo("mappings/livelihood.jsonata");
            assertThat(r.error()).isNotBlank();
        });
        assertThat(mapper.apply("livelihood", sample).path("title").asText()).isEqualTo(before);
    }

    @Test
    void aMappingWhoseSampleFailsTheCaseSchemaIsRefusedNamingTheSample() throws IOException {
        edit("mappings/livelihood.jsonata", "\"status\": $code('livelihood.state', state)", "\"status\": \"pending\"");

        reloads.scan();

        assertThat(reloads.last("livelihood")).hasValueSatisfying(r -> assertThat(r.error())
                .contains("sample 1 of mappings/samples/livelihood.jsonl (GD12345-20261105-000001)")
                .contains("case-schema").contains("/status"));
        assertThat(mapper.apply("livelihood", sample).path("status").asText()).isNotEqualTo("pending");
    }

    @Test
    void aChangedCodeListReplacesTheRunningOne() throws IOException {
        assertThat(codeLists.lookups().code("livelihood.state", "已派单")).isEqualTo("accepted");
        edit("mappings/codes/livelihood.state.json", "\"已派单\": \"accepted\"", "\"已派单\": \"in-progress\"");

        reloads.scan();

        assertThat(codeLists.lookups().code("livelihood.state", "已派单")).isEqualTo("in-progress");
        assertThat(reloads.last("livelihood")).hasValueSatisfying(r -> assertThat(r.file())
                .isEqualTo("mappings/codes/livelihood.state.json"));
    }

    @Test
    void aCodeListThatIsNotJsonIsRefusedAndTheRunningListStays() throws IOException {
        assertThat(codeLists.lookups().code("livelihood.state", "已派单")).isEqualTo("accepted");
        Files.writeString(home.resolve("mappings/codes/livelihood.state.json"), "{\"已派单\": ");

        reloads.scan();

        assertThat(reloads.last("livelihood")).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo("refused"));
        assertThat(codeLists.lookups().code("livelihood.state", "已派单")).isEqualTo("accepted");
    }

    @Test
    void aNewRegistryEntryIsRegisteredWithoutARestart() throws IOException {
        Files.writeString(home.resolve("config/feeds.yaml"), Files.readString(home.resolve("config/feeds.yaml"))
                + "    mayor-mailbox:\n      name: 市长信箱\n      transport: file\n      record-id: /letterId\n"
                + "      version: /updatedAt\n      version-format: beijing-time\n");

        reloads.scan();

        assertThat(feeds.feed("mayor-mailbox").transport()).isEqualTo("file");
        assertThat(feeds.feed("livelihood").recordId()).isEqualTo("/orderNo");
        assertThat(reloads.last("mayor-mailbox")).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo("accepted"));
    }

    @Test
    void nothingIsReloadedWhenReloadIsOff() throws IOException {
        FeedReloads off = new FeedReloads(new CasehubHome(new HomeProperties(home.toString())), feeds, mapper, codeLists,
                new JsonSchemas(new CasehubHome(new HomeProperties(home.toString()))), null, false);
        off.scan();
        edit("mappings/livelihood.jsonata", "\"title\": title ? title", "\"title\": title ? \"新：\" & title");

        off.scan();

        assertThat(off.last("livelihood")).isEmpty();
    }
}
