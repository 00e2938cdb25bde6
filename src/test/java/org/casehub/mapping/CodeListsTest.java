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

    @Test
    void gridEventTypeGivesItsUnifiedCategoryAndName() {
        assertThat(codeLists.lookup("public-safety.eventType", "HJ-ZS"))
                .isEqualTo(Map.of("name", "噪声扰民", "category", "noise"));
        assertThat(codeLists.lookup("public-safety.eventType", "MD-LZ"))
                .isEqualTo(Map.of("name", "劳资纠纷", "category", "labour"));
    }

    @Test
    void gridStatusGivesTheUnifiedStatus() {
        assertThat(codeLists.lookup("public-safety.status", "上报")).isEqualTo("received");
        assertThat(codeLists.lookup("public-safety.status", "受理")).isEqualTo("accepted");
        assertThat(codeLists.lookup("public-safety.status", "处置中")).isEqualTo("in-progress");
        assertThat(codeLists.lookup("public-safety.status", "已办结")).isEqualTo("closed");
    }

    @Test
    void unknownCodeFailsNamingTheCodeAndTheList() {
        assertThatThrownBy(() -> codeLists.lookup("public-safety.eventType", "XX-99"))
                .isInstanceOf(CodeLists.UnknownCodeException.class)
                .hasMessage("unknown code 'XX-99' in code list 'public-safety.eventType'");
    }

    @Test
    void codesAreMatchedExactly() {
        assertThatThrownBy(() -> codeLists.lookup("public-safety.eventType", "hj-zs"))
                .isInstanceOf(CodeLists.UnknownCodeException.class);
        assertThatThrownBy(() -> codeLists.lookup("public-safety.eventType", " HJ-ZS"))
                .isInstanceOf(CodeLists.UnknownCodeException.class);
    }

    @Test
    void missingCodeFailsNamingTheList() {
        assertThatThrownBy(() -> codeLists.lookup("public-safety.status", null))
                .isInstanceOf(CodeLists.UnknownCodeException.class)
                .hasMessage("missing code for code list 'public-safety.status'");
    }

    @Test
    void listNameThatCouldLeaveTheCodesFolderIsRefused() {
        assertThatThrownBy(() -> codeLists.lookup("../../config/feeds", "x"))
                .isInstanceOf(CodeLists.UnknownCodeException.class)
                .hasMessage("no code list named '../../config/feeds'");
    }

    @Test
    void numericCodeIsLookedUpByItsText(@TempDir Path home) throws IOException {
        write(home, "levels", "{\"1\": \"low\", \"4\": \"high\"}");
        CodeLists lists = new CodeLists(new CasehubHome(new HomeProperties(home.toString())), Samples.JSON);

        assertThat(lists.lookup("levels", 4)).isEqualTo("high");
    }

    @Test
    void editedListTakesEffectAfterReload(@TempDir Path home) throws IOException {
        write(home, "levels", "{\"1\": \"low\"}");
        CodeLists lists = new CodeLists(new CasehubHome(new HomeProperties(home.toString())), Samples.JSON);
        assertThat(lists.lookup("levels", "1")).isEqualTo("low");

        write(home, "levels", "{\"1\": \"minor\"}");
        assertThat(lists.lookup("levels", "1")).as("cached until reload").isEqualTo("low");

        lists.reload();
        assertThat(lists.lookup("levels", "1")).isEqualTo("minor");
    }

    @Test
    void listThatIsNotJsonFailsNamingTheList(@TempDir Path home) throws IOException {
        write(home, "broken", "{\"1\": ");
        CodeLists lists = new CodeLists(new CasehubHome(new HomeProperties(home.toString())), Samples.JSON);

        assertThatThrownBy(() -> lists.lookup("broken", "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("code list broken is not valid JSON");
    }

    @Test
    void everyGridEventTypeFilesUnderAUnifiedCategory() throws IOException {
        JsonNode categories = Samples.tree(Samples.HOME.read("mappings/codes/categories.json"));
        JsonNode types = Samples.tree(Samples.HOME.read("mappings/codes/public-safety.eventType.json"));

        types.properties().forEach(type -> assertThat(categories.has(type.getValue().path("category").asText()))
                .as("category of %s", type.getKey()).isTrue());
    }

    @Test
    void everyGridStatusMapsToAStatusOfTheCaseSchema() {
        JsonNode allowed = Samples.tree(Samples.HOME.read("schemas/case.schema.json")).at("/properties/status/enum");
        JsonNode statuses = Samples.tree(Samples.HOME.read("mappings/codes/public-safety.status.json"));

        statuses.properties().forEach(status -> assertThat(allowed).as("unified status of %s", status.getKey())
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
        lists.install("livelihood.state", lists.parse("livelihood.state", "{\"已派单\": \"in-progress\"}"));

        assertThat(lists.lookup("livelihood.state", "已派单")).isEqualTo("in-progress");
        assertThatThrownBy(() -> lists.parse("livelihood.state", "{\"已派单\": "))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("livelihood.state");
    }
}
