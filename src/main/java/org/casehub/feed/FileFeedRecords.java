package org.casehub.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.casehub.core.FeedRecord;
import org.springframework.stereotype.Component;

/**
 * The file side of any feed whose source drops files into a folder (a route's {@code file:} consumer): turns
 * one file into feed records (a JSON object, a JSON array or JSON lines, see {@link SourceRecords}), each
 * positioned by file name and index. The route moves the file away only once the index stored its records.
 * A file drop has no source to fail and no lag to measure: its health is its route's, which Camel checks.
 */
@Component("fileFeedRecords")
public class FileFeedRecords implements SourceAdapter {

    private final ObjectMapper json;

    public FileFeedRecords(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String transport() {
        return "file";
    }

    public List<FeedRecord> fromFile(Exchange exchange, String feed) {
        byte[] content = exchange.getMessage().getBody(byte[].class);
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Instant now = Instant.now();
        List<byte[]> parts = SourceRecords.split(content == null ? new byte[0] : content, json);
        List<FeedRecord> records = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("file", file);
            position.put("index", i);
            records.add(new FeedRecord(feed, parts.get(i), position, now));
        }
        return records;
    }
}
