package org.casehub.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Splits a file or a request body of source records into the records' own bytes: a JSON array (one record
 * per element), a single JSON object, or JSON lines (one record per non-blank line). What cannot be split
 * stays one record with all its bytes, so that the pipeline's decode step rejects it with its reason and the
 * bytes reach quarantine: nothing is dropped.
 */
public final class SourceRecords {

    private SourceRecords() {
    }

    public static List<byte[]> split(byte[] content, ObjectMapper json) {
        int start = firstNonBlank(content);
        if (start == content.length) {
            return List.of();
        }
        if (content[start] == '[') {
            try {
                JsonNode array = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(content);
                List<byte[]> records = new ArrayList<>(array.size());
                for (JsonNode element : array) {
                    records.add(json.writeValueAsBytes(element));
                }
                return records;
            } catch (IOException e) {
                return List.of(content);
            }
        }
        if (isOneJsonValue(content, json)) {
            return List.of(content);
        }
        return lines(content);
    }

    private static boolean isOneJsonValue(byte[] content, ObjectMapper json) {
        try {
            json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(content);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // split on the bytes, not on decoded text: '\n' never occurs inside a UTF-8 sequence, and a line with bad
    // bytes must keep them for the decode step to reject
    private static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte b : content) {
            if (b == '\n') {
                addIfNotBlank(lines, line.toByteArray());
                line.reset();
            } else {
                line.write(b);
            }
        }
        addIfNotBlank(lines, line.toByteArray());
        return lines;
    }

    private static void addIfNotBlank(List<byte[]> lines, byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        if (firstNonBlank(line) < end) {
            lines.add(end == line.length ? line : Arrays.copyOf(line, end));
        }
    }

    private static int firstNonBlank(byte[] content) {
        int i = 0;
        while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
            i++;
        }
        return i;
    }
}
