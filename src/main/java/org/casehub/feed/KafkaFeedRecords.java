package org.casehub.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.springframework.stereotype.Component;

/**
 * The Kafka side of a feed consumed in batches: turns a polled batch into feed records, and commits
 * the batch's offsets once the index has stored it. Each partition's offset is committed on its own:
 * a batch may span partitions, and Camel's batch header only carries the last record's partition.
 * Its feeds' lag is their consumer group's lag on the topic; their health is their Kafka consumer's, which Camel checks.
 */
@Component("kafkaFeedRecords")
public class KafkaFeedRecords implements SourceAdapter {

    static final String COMMITS = "casehubKafkaCommits";

    private final KafkaConsumerLag consumerLag;

    public KafkaFeedRecords(KafkaConsumerLag consumerLag) {
        this.consumerLag = consumerLag;
    }

    @Override
    public String transport() {
        return "kafka";
    }

    /** As lag, the records of the feed's topic (its registry {@code source}) the hub's consumer group has not committed. */
    @Override
    public Report report(String feed, FeedProperties.Feed definition, Instant now) {
        OptionalLong lag = consumerLag.lag(definition.source());
        return new Report(null, new Lag("consumer lag", lag.isPresent() ? lag.getAsLong() : null, "records",
                lag.isPresent() ? "topic " + definition.source() : "the brokers did not answer"));
    }

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
