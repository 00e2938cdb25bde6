package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.casehub.core.FeedRecord;
import org.junit.jupiter.api.Test;

class FileFeedRecordsTest {

    @Test
    void eachRecordOfAFileIsPositionedByFileNameAndIndex() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("{\"letterId\":\"a\"}\n{\"letterId\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setHeader(Exchange.FILE_NAME, "letters.jsonl");

        List<FeedRecord> records = new FileFeedRecords(new ObjectMapper()).fromFile(exchange, "mayor-mailbox");

        assertThat(records).hasSize(2);
        assertThat(records.get(1).feed()).isEqualTo("mayor-mailbox");
        assertThat(records.get(1).position()).containsEntry("file", "letters.jsonl").containsEntry("index", 1);
        assertThat(new String(records.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo("{\"letterId\":\"b\"}");
    }
}
