package org.casehub.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.casehub.core.KafkaClientProperties;
import org.casehub.health.OpsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The consumer lag of a Kafka feed: per partition of its topic, the end offset less the hub's committed offset,
 * summed. Asked of the brokers with one admin client; empty when they do not answer in time. The Kafka adapter
 * ({@link KafkaFeedRecords}) reports it as its feeds' lag.
 */
@Component
public class KafkaConsumerLag implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerLag.class);

    private final String bootstrapServers;
    private final String groupId;
    private final long timeoutMillis;
    private final KafkaClientProperties clients;
    private Admin admin;

    public KafkaConsumerLag(@Value("${camel.component.kafka.brokers}") String bootstrapServers,
                            @Value("${casehub.kafka.group-id}") String groupId, OpsProperties ops,
                            KafkaClientProperties clients) {
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.timeoutMillis = ops.lagTimeout().toMillis();
        this.clients = clients;
    }

    /** Records of {@code topic} the hub's consumer group has not committed yet. */
    public OptionalLong lag(String topic) {
        // one deadline for the three calls: a broker that does not answer delays the status by the timeout once
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(left(deadline), TimeUnit.NANOSECONDS);
            var partitions = admin().describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(left(deadline), TimeUnit.NANOSECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(partitions).all()
                    .get(left(deadline), TimeUnit.NANOSECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            return OptionalLong.of(lag);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("no consumer lag for {}: {}", topic, e.getMessage());
            return OptionalLong.empty();
        }
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig());
        }
        return admin;
    }

    /** The cluster's client settings (SASL, TLS), then the admin client's own: one request within the lag timeout. */
    Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(clients.properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "casehub-feed-lag");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMillis, 1000));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMillis, 1000));
        return config;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
