package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.GbkText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mojibake heuristic against a labelled set: real confusions flagged, real text (the contract samples) never. */
class MojibakeTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cafÃ©|UTF-8 read as Latin-1",
            "Ã©|UTF-8 read as Latin-1",
            "é”™è¯¯|UTF-8 read as Latin-1",
            "æ·±åœ³å¸‚|UTF-8 read as Latin-1",
            "æŠ•è¯‰ï¼šå™ªéŸ³æ‰°æ°‘|UTF-8 read as Latin-1",
            "´íÎó|GBK read as Latin-1",
            "ÖÐÎÄ¹¤µ¥|GBK read as Latin-1",
            "ÄÏÉ½Çø ÔÁº£½ÖµÀ|GBK read as Latin-1",
            "閿欒|UTF-8 read as GBK",
            "娣卞湷甯|UTF-8 read as GBK",
            "鎶曡瘔锛氬櫔闊虫壈姘|UTF-8 read as GBK",
            "锟斤拷锟斤拷|replacement characters",
            "噪音\uFFFD扰民|replacement characters"})
    void confusedTextIsFlaggedWithTheConfusionNamed(String text, String kind) {
        assertThat(Mojibake.diagnose(text)).as(text).hasValueSatisfying(found -> assertThat(found).startsWith(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Café", "Müller", "José García", "naïve résumé", "Ça va", "€100 ©2026", "北京市朝阳区",
            "欧阳娜娜", "迪丽热巴·迪力木拉提", "王堃", "李喆", "张赟", "陶喆", "１３８１２３４１２３４", "GD12345-20261105-000001",
            "😀 好评", "南山区粤海街道", "廣東省深圳市", "«Ärger» über Öffnungszeiten", "二〇二六年", "Å", ""})
    void realTextIsNotFlagged(String text) {
        assertThat(Mojibake.diagnose(text)).as(text).isEmpty();
    }

    /** Every Chinese text of the contract samples: never flagged as it is, always flagged once mis-decoded. */
    @Test
    void everySampleTextIsCleanAndEachOfItsMisdecodingsIsFlagged() throws IOException {
        List<String> texts = sampleTexts();
        assertThat(texts).hasSizeGreaterThan(50);
        for (String text : texts) {
            assertThat(Mojibake.diagnose(text)).as(text).isEmpty();
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] gbk = text.getBytes(GbkText.GBK);
            for (String confused : List.of(new String(utf8, CP1252), new String(utf8, StandardCharsets.ISO_8859_1),
                    new String(utf8, GbkText.GBK), new String(gbk, StandardCharsets.ISO_8859_1), new String(gbk, CP1252))) {
                if (!confused.equals(text)) {
                    assertThat(Mojibake.diagnose(confused)).as(text + " → " + confused).isPresent();
                }
            }
        }
    }

    private static List<String> sampleTexts() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/contracts/public-safety.sample.jsonl"))) {
            if (!line.isBlank()) {
                records.add(json.readTree(line));
            }
        }
        json.readTree(Files.readString(Path.of("src/test/resources/contracts/livelihood.sample.json"))).path("items")
                .forEach(records::add);
        for (Path file : List.of(Path.of("mappings/samples/livelihood.jsonl"), Path.of("mappings/samples/provincial-petition.jsonl"))) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    records.add(json.readTree(line));
                }
            }
        }
        List<String> texts = new ArrayList<>();
        records.forEach(record -> collect(record, texts));
        return texts.stream().filter(t -> t.codePoints().anyMatch(c -> c > 0x7F)).distinct().toList();
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.elements().forEachRemaining(child -> collect(child, texts));
    }
}
