package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeListsTest {

    private final CodeLists codeLists = new CodeLists(Samples.HOME, Samples.JSON);

    private Object lookup(String list, Object code) {
        return codeLists.lookups().code(list, code);
    }

    @Test
    void gridEventTypeGivesItsUnifiedCategoryAndName() {
        assertThat(lookup("public-safety.eventType", "HJ-ZS")).isEqualTo(Map.of("name", "噪声扰民", "category", "noise"));
        assertThat(lookup("public-safety.eventType", "MD-LZ")).isEqualTo(Map.of("name", "劳资纠纷", "category", "labour"));
    }

    @Test
    void gridStatusGivesTheUnifiedStatus() {
        assertThat(lookup("public-safety.status", "上报")).isEqualTo("received");
        assertThat(lookup("public-safety.status", "受理")).isEqualTo("accepted");
        assertThat(lookup("public-safety.status", "处置中")).isEqualTo("in-progress");
        assertThat(lookup("public-safety.status", "已办结")).isEqualTo("closed");
    }

    @Test
    void aStrictListNamesEveryUnknownAndMissingCodeOnceAndGivesNothingForThem() {
        CodeLists.Lookups lookups = codeLists.lookups();

        assertThat(lookups.code("livelihood.channel", "小程序")).isNull();
        assertThat(lookups.code("livelihood.state", "挂起")).isNull();
        assertThat(lookups.code("livelihood.channel", "小程序")).isNull();
        assertThat(lookups.code("public-safety.status", null)).isNull();

        assertThat(lookups.unknown()).containsExactly("unknown code '小程序' in code list 'livelihood.channel'",
                "unknown code '挂起' in code list 'livelihood.state'", "missing code for code list 'public-safety.status'");
        assertThat(lookups.unmapped()).isEmpty();
    }

    @Test
    void anUnknown小类TakesIts大类sEntryAndIsRemembered() {
        CodeLists.Lookups lookups = codeLists.lookups();

        assertThat(lookups.code("livelihood.matterType", "劳动保障/欠薪讨要")).isEqualTo(Map.of("category", "labour"));
        assertThat(lookups.code("public-safety.eventType", "AQ-DZ")).isEqualTo(Map.of("name", "安全隐患", "category", "safety"));
        assertThat(lookups.code("provincial-petition.NRFL", "0199")).isEqualTo(Map.of("name", "劳动社保", "category", "labour"));

        assertThat(lookups.unmapped()).containsExactly(
                new CodeLists.UnmappedCode("livelihood.matterType", "劳动保障/欠薪讨要", "劳动保障"),
                new CodeLists.UnmappedCode("public-safety.eventType", "AQ-DZ", "AQ"),
                new CodeLists.UnmappedCode("provincial-petition.NRFL", "0199", "01"));
        assertThat(lookups.unknown()).isEmpty();
    }

    @Test
    void anUnknown大类TakesTheCatchAllEntryAndAKnownCodeIsNotRemembered() {
        CodeLists.Lookups lookups = codeLists.lookups();

        assertThat(lookups.code("livelihood.matterType", "数据资源/政务数据")).isEqualTo(Map.of("category", "other"));
        assertThat(lookups.code("provincial-petition.NRFL", "1234")).isEqualTo(Map.of("name", "其他", "category", "other"));
        assertThat(lookups.code("livelihood.matterType", "城市管理/噪声")).isEqualTo(Map.of("category", "noise"));

        assertThat(lookups.unmapped()).containsExactly(
                new CodeLists.UnmappedCode("livelihood.matterType", "数据资源/政务数据", "其他/其他"),
                new CodeLists.UnmappedCode("provincial-petition.NRFL", "1234", "9901"));
    }

    @Test
    void lawRelatedClassesAndTheirUnknown小类SetTheLawRelatedFlag() {
        assertThat(lookup("livelihood.matterType", "政法/执行")).isEqualTo(Map.of("category", "legal", "lawRelated", true));
        assertThat(lookup("livelihood.matterType", "政法/行政复议")).isEqualTo(Map.of("category", "legal", "lawRelated", true));
        assertThat(lookup("livelihood.matterType", "劳动和社会保障/劳动仲裁"))
                .isEqualTo(Map.of("category", "legal", "lawRelated", true));
        assertThat(lookup("livelihood.matterType", "劳动和社会保障/工资拖欠")).isEqualTo(Map.of("category", "labour"));
    }

    @Test
    void codesAreMatchedExactly() {
        CodeLists.Lookups lookups = codeLists.lookups();
        lookups.code("public-safety.status", "已办结 ");
        lookups.code("livelihood.channel", "I深圳");

        assertThat(lookups.unknown()).hasSize(2);
    }

    @Test
    void listNameThatCouldLeaveTheCodesFolderIsRefused() {
        assertThatThrownBy(() -> lookup("../../config/feeds", "x"))
                .isInstanceOf(CodeLists.UnknownCodeException.class)
                .hasMessage("no code list named '../../config/feeds'");
    }

    @Test
    void numericCodeIsLookedUpByItsText(@TempDir Path home) throws IOException {
        write(home, "levels", "{\"1\": \"low\", \"4\": \"high\"}");
        CodeLists lists = new CodeLists(new CasehubHome(new HomeProperties(home.toString())), Samples.JSON);

        assertThat(lists.lookups().code("levels", 4)).isEqualTo("high");
    }

    @Test
    void editedListTakesEffectAfterReload(@TempDir Path home) throws IOException {
        write(home, "levels", "{\"1\": \"low\"}");
        CodeLists lists = new CodeLists(new CasehubHome(new HomeProperties(home.toString())), Samples.JSON);
        assertThat(lists.lookups().code("levels", "1")).isEqualTo("low");

        write(home, "levels", "{\"1\": \"minor\"}");
        assertThat(lists.lookups().code("levels", "1")).as("cached until reload").isEqualTo("low");

        lists.reload();
        assertThat(lists.lookups().code("levels", "1")).isEqualTo("minor");
    }

    @Test
    void listThatIsNotJsonFailsNamingTheList(@TempDir Path home) throws IOException {
        write(home, "broken", "{\"1\": ");
        CodeLists lists = new CodeLists(new CasehubHome(new HomeProperties(home.toString())), Samples.JSON);

        assertThatThrownBy(() -> lists.lookups().code("broken", "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("code list broken is not valid JSON");
    }

    @Test
    void aClassificationListWithoutItsCatchAllCodeOrWithAnUnknownKindIsRefused() {
        assertThatThrownBy(() -> codeLists.parse("x", "{\"_kind\": \"classification\", \"A\": \"a\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("_other");
        assertThatThrownBy(() -> codeLists.parse("x", "{\"_kind\": \"loose\", \"A\": \"a\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("strict or classification");
    }

    @Test
    void everyShippedListDeclaresItsKind() throws IOException {
        try (var files = Files.list(Path.of("mappings/codes"))) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.matches("(livelihood|provincial-petition|public-safety)\\..*\\.json"))
                    .forEach(f -> assertThat(Samples.tree(Samples.HOME.read("mappings/codes/" + f)).path("_kind").asText())
                            .as(f).isIn("strict", "classification"));
        }
    }

    @Test
    void everyMatterTypeFilesUnderAUnifiedCategory() {
        JsonNode categories = Samples.tree(Samples.HOME.read("mappings/codes/categories.json"));
        Samples.tree(Samples.HOME.read("mappings/codes/livelihood.matterType.json")).properties().stream()
                .filter(e -> !e.getKey().startsWith("_"))
                .forEach(e -> assertThat(categories.has(e.getValue().path("category").asText())).as(e.getKey()).isTrue());
    }

    @Test
    void everyGridEventTypeFilesUnderAUnifiedCategory() throws IOException {
        JsonNode categories = Samples.tree(Samples.HOME.read("mappings/codes/categories.json"));
        JsonNode types = Samples.tree(Samples.HOME.read("mappings/codes/public-safety.eventType.json"));

        types.properties().stream().filter(type -> !type.getKey().startsWith("_")).forEach(type -> assertThat(categories.has(type.getValue().path("category").asText()))
                .as("category of %s", type.getKey()).isTrue());
    }

    @Test
    void everyGridStatusMapsToAStatusOfTheCaseSchema() {
        JsonNode allowed = Samples.tree(Samples.HOME.read("schemas/case.schema.json")).at("/properties/status/enum");
        JsonNode statuses = Samples.tree(Samples.HOME.read("mappings/codes/public-safety.status.json"));

        statuses.properties().stream().filter(status -> !status.getKey().startsWith("_")).forEach(status -> assertThat(allowed).as("unified status of %s", status.getKey())
                .contains(status.getValue()));
    }

    private static void write(Path home, String list, String content) throws IOException {
        Path file = home.resolve("mappings/codes/" + list + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void anInstalledListReplacesTheFileAndAListThatIsNotJsonIsRefused() {
        CodeLists lists = new CodeLists(Samples.HOME, Samples.JSON);
        lists.install(lists.parse("livelihood.state", "{\"已派单\": \"in-progress\"}"));

        assertThat(lists.lookups().code("livelihood.state", "已派单")).isEqualTo("in-progress");
        assertThatThrownBy(() -> lists.parse("livelihood.state", "{\"已派单\": "))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("livelihood.state");
    }
}
