package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class SourceRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> split(String content) {
        return SourceRecords.split(content.getBytes(StandardCharsets.UTF_8), JSON).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aJsonArrayGivesOneRecordPerElement() {
        assertThat(split(" [{\"a\":1},{\"b\":\"信\"}]\n")).containsExactly("{\"a\":1}", "{\"b\":\"信\"}");
    }

    @Test
    void aPrettyPrintedObjectIsOneRecordWithItsOwnBytes() {
        String letter = "{\n  \"letterId\": \"SZXX-2026-000001\"\n}\n";

        assertThat(split(letter)).containsExactly(letter);
    }

    @Test
    void jsonLinesGiveOneRecordPerNonBlankLine() {
        assertThat(split("{\"a\":1}\r\n\n  \n{\"b\":2}")).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void aLineThatIsNotJsonStaysARecordForTheDecodeStepToReject() {
        assertThat(split("{\"a\":1}\nnot json\n")).containsExactly("{\"a\":1}", "not json");
    }

    @Test
    void anArrayThatDoesNotParseStaysOneRecordWithAllItsBytes() {
        assertThat(split("[{\"a\":1},")).containsExactly("[{\"a\":1},");
    }

    @Test
    void linesKeepBytesThatAreNotUtf8() {
        byte[] content = {'{', '}', '\n', (byte) 0xC4, (byte) 0xE3, '\n'};

        List<byte[]> records = SourceRecords.split(content, JSON);

        assertThat(records).hasSize(2);
        assertThat(records.get(1)).containsExactly((byte) 0xC4, (byte) 0xE3);
    }

    @Test
    void anEmptyBodyHasNoRecords() {
        assertThat(split(" \n ")).isEmpty();
    }
}
