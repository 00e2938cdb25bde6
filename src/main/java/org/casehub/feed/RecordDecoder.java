package org.casehub.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedProperties.Feed;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.security.JsonProblems;
import org.springframework.stereotype.Component;

/**
 * The door of every feed: decodes the bytes strictly (bad UTF-8 is an error, never U+FFFD), parses
 * the JSON strictly (a key written twice is an error, never "the last one wins": a webhook once stored an
 * order under its second {@code orderNo}), refuses text no source means (NUL, lone surrogates: {@link
 * TextCharacters}) and gives the record its identity and version as the feed registry says where to find them.
 */
@Component("recordDecoder")
public class RecordDecoder {

    private final ObjectReader json;
    private final FeedProperties feeds;

    public RecordDecoder(ObjectMapper json, FeedProperties feeds) {
        // without FAIL_ON_TRAILING_TOKENS, "{...}{...}" would silently lose all but the first object
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.feeds = feeds;
    }

    public void decode(FeedRecord record) {
        JsonNode source = parse(record.raw());
        record.parsed(source);
        Feed feed = feeds.feed(record.feed());
        String recordId = text(source, feed.recordId());
        String version = text(source, feed.version());
        record.identified(recordId, versionOf(version, feed));
    }

    private JsonNode parse(byte[] raw) {
        if (raw.length == 0) {
            throw new RecordRejectedException("decode", "empty record: no bytes (a Kafka tombstone, or an empty body)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (MalformedInputException e) {
            throw new RecordRejectedException("decode", "invalid UTF-8: " + e.getInputLength() + " malformed byte(s)");
        } catch (CharacterCodingException e) {
            throw new RecordRejectedException("decode", "invalid UTF-8: " + e.getMessage());
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation(); // null for exceeded read limits (StreamConstraintsException)
            throw new RecordRejectedException("decode", JsonProblems.describe(e)
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (node == null || node.isMissingNode()) {
            throw new RecordRejectedException("decode", "blank record: only white space (" + raw.length + " bytes)");
        }
        if (!node.isObject()) {
            throw new RecordRejectedException("decode", "not a JSON object: a JSON " + node.getNodeType().name().toLowerCase());
        }
        List<String> unsafe = TextCharacters.problems(node);
        if (!unsafe.isEmpty()) {
            throw new RecordRejectedException("decode", unsafe);
        }
        return node;
    }

    private static String text(JsonNode source, String pointer) {
        JsonNode value = source.at(pointer);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            throw new RecordRejectedException("identity", "missing " + pointer);
        }
        return value.asText();
    }

    static long versionOf(String value, Feed feed) {
        try {
            return switch (feed.versionFormat()) {
                case NUMBER -> Long.parseLong(value);
                case INSTANT -> OffsetDateTime.parse(value).toInstant().toEpochMilli();
                case BEIJING_TIME -> BeijingTime.parse(value).toEpochMilli();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new RecordRejectedException("identity",
                    "version " + feed.version() + " is not a " + feed.versionFormat().name().toLowerCase() + ": " + value);
        }
    }
}
