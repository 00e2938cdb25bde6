package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.mapping.Samples;
import org.casehub.network.NameNormalizer.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameNormalizerTest {

    private final NameNormalizer normalizer = new NameNormalizer(Samples.HOME);

    @Test
    void fullWidthFormsAndWhitespaceDoNotCount() {
        assertThat(normalizer.normalize(" 京光\u3000社区 \t")).isEqualTo("京光社区");
        assertThat(normalizer.normalize("梅观路１６号Ａ栋")).isEqualTo("梅观路16号A栋");
    }

    @Test
    void variantAndTraditionalCharactersBecomeTheRegistrysOnes() {
        assertThat(normalizer.normalize("鲘门镇")).isEqualTo("鮜门镇");
        assertThat(normalizer.normalize("南山區")).isEqualTo("南山区");
        assertThat(normalizer.normalize("東湧")).isEqualTo("东涌");
    }

    @Test
    void missingTextIsEmpty() {
        assertThat(normalizer.normalize(null)).isEmpty();
    }

    @Test
    void theLongestSuffixIsCutAndNamesItsKind() {
        assertThat(normalizer.parse("光明社区居委会")).isEqualTo(new Parsed("光明", "社区"));
        assertThat(normalizer.parse("老围社区居民委员会")).isEqualTo(new Parsed("老围", "社区"));
        assertThat(normalizer.parse("人和村委会")).isEqualTo(new Parsed("人和", "村"));
        assertThat(normalizer.parse("大浪街道办")).isEqualTo(new Parsed("大浪", "街道"));
        assertThat(normalizer.parse("龙华新区")).isEqualTo(new Parsed("龙华", "区"));
    }

    @Test
    void aNameThatIsOnlyASuffixOrHasNoneKeepsItsWholeCore() {
        assertThat(normalizer.parse("社区")).isEqualTo(new Parsed("社区", null));
        assertThat(normalizer.parse("大浪")).isEqualTo(new Parsed("大浪", null));
    }

    @Test
    void aVariantOfMoreThanOneCharacterIsRejectedAtStartNamingTheFile(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("config/network"));
        Files.writeString(home.resolve(NameNormalizer.VARIANTS_FILE), "variant,standard\n鲘门,鮜门\n");

        assertThatThrownBy(() -> new NameNormalizer(new CasehubHome(new HomeProperties(home.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NameNormalizer.VARIANTS_FILE);
    }
}
