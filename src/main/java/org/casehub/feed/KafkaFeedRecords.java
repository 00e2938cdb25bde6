package org.casehub.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.casehub.core.FeedRecord;
import org.springframework.stereotype.Component;

/**
 * The Kafka side of a feed consumed in batches: turns a polled batch into feed records, and commits
 * the batch's offsets once the index has stored it. Each partition's offset is committed on its own:
 * a batch may span partitions, and Camel's batch header only carries the last record's partition.
 */
@Component("kafkaFeedRecords")
public class KafkaFeedRecords {

    static final String COMMITS = "casehubKafkaCommits";

    public List<FeedRecord> fromBatch(Exchange batch, String feed) {
        @SuppressWarnings("unchecked")
        List<Exchange> polled = batch.getMessage().getBody(List.class);
        Instant now = Instant.now();
        List<FeedRecord> records = new ArrayList<>(polled.size());
        Map<String, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange exchange : polled) {
            var message = exchange.getMessage();
            String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
            Integer partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
            Long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("topic", topic);
            position.put("partition", partition);
            position.put("offset", offset);
            byte[] value = message.getBody(byte[].class);
            records.add(new FeedRecord(feed, value == null ? new byte[0] : value, position, now));
            KafkaManualCommit commit = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                lastPerPartition.put(topic + "-" + partition, commit);
            }
        }
        batch.setProperty(COMMITS, List.copyOf(lastPerPartition.values()));
        return records;
    }

    /** Only ever called after the index transaction of the batch committed. */
    public void commit(Exchange batch) {
        @SuppressWarnings("unchecked")
        List<KafkaManualCommit> commits = batch.getProperty(COMMITS, List.class);
        if (commits != null) {
            commits.forEach(KafkaManualCommit::commit);
        }
    }
}
