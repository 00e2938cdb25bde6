package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivisionDirectoryTest {

    private final DivisionDirectory divisions = Samples.divisions();

    @Test
    void everyRowOfTheRegistryIsLoaded() throws IOException {
        long rows;
        try (var lines = Files.lines(Path.of("config/network/divisions-44.csv"), StandardCharsets.UTF_8)) {
            rows = lines.skip(1).filter(l -> !l.isBlank()).count();
        }

        assertThat(divisions.size()).isEqualTo(rows).isGreaterThan(20_000);
        assertThat(divisions.contains("code")).as("header skipped").isFalse();
    }

    @Test
    void everyTierOfAShenzhenCommunityHasItsName() {
        assertThat(divisions.name("44")).contains("广东省");
        assertThat(divisions.name("4403")).contains("深圳市");
        assertThat(divisions.name("440305")).contains("南山区");
        assertThat(divisions.name("440305007")).contains("粤海街道");
        assertThat(divisions.name("440305007012")).contains("京光社区居委会");
    }

    @Test
    void codeOutsideTheRegistryHasNoName() {
        assertThat(divisions.name("110105")).isEmpty();
        assertThat(divisions.contains("440305007999")).isFalse();
        assertThat(divisions.contains("")).isFalse();
    }

    @Test
    void quotedNamesLoseTheirQuotes(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("net"));
        Files.writeString(home.resolve("net/d.csv"), "code,name\r\n44,\"广东省\"\r\n4403,深圳市\r\n");

        DivisionDirectory own = new DivisionDirectory(new CasehubHome(new HomeProperties(home.toString())),
                new NetworkProperties("net/d.csv"));

        assertThat(own.size()).isEqualTo(2);
        assertThat(own.name("44")).contains("广东省");
        assertThat(own.name("4403")).contains("深圳市");
    }

    @Test
    void missingRegistryFailsAtStartNamingTheFile(@TempDir Path home) {
        assertThatThrownBy(() -> new DivisionDirectory(new CasehubHome(new HomeProperties(home.toString())),
                new NetworkProperties("net/none.csv")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("net/none.csv");
    }

    @Test
    void theNationalFilesAreLoadedInsteadOfTheGuangdongRowsWhenConfigured() {
        // the shared data beside the project, as the hub finds it (../shared); an absolute folder works as well
        DivisionDirectory national = new DivisionDirectory(new CasehubHome(new HomeProperties(".")),
                new NetworkProperties("config/network/divisions-44.csv", "../shared/data/divisions",
                        "config/network/zones.yaml", false, java.util.Map.of(), java.util.List.of("4403"), 2000, 200));

        assertThat(national.name("11")).contains("北京市");
        assertThat(national.name("110101001001")).contains("多福巷社区居委会");
        assertThat(national.name("440305007012")).contains("京光社区居委会");
        assertThat(national.contains("code")).as("headers skipped").isFalse();
        // the shipped Guangdong rows are exactly the national files' province 44
        assertThat(national.codesUnder("44")).containsExactlyElementsOf(divisions.codesUnder("44"));
        assertThat(national.codesUnder("44")).allSatisfy(code -> assertThat(national.name(code)).isEqualTo(divisions.name(code)));
        assertThat(national.size()).isGreaterThan(600_000);
    }

    @Test
    void aMissingNationalFileFailsAtStartNamingIt(@TempDir Path home) {
        assertThatThrownBy(() -> new DivisionDirectory(new CasehubHome(new HomeProperties(home.toString())),
                new NetworkProperties("config/network/divisions-44.csv", home.toString(), "config/network/zones.yaml",
                        false, java.util.Map.of(), java.util.List.of("4403"), 2000, 200)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("provinces.csv");
    }
}
