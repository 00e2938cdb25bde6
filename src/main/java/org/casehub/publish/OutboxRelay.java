package org.casehub.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.index.LeaderLeases;
import org.casehub.publish.OutboxRepository.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox to the unified feed: every pending row of the Kafka destination, in order,
 * with an idempotent producer keyed by case id. A row is marked published only after the broker
 * acknowledged it; a failure leaves it (and those after it) for the next round, so the topic may
 * carry a duplicate but never misses an event.
 */
@Component("outboxRelay")
public class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The outbox channel this relay serves; every row of it goes to the unified feed topic. */
    private static final String CHANNEL = "kafka";

    /** With several hub instances, the one holding this lease publishes, so that each case's events keep their order. */
    static final String LEASE = "relay:" + CHANNEL;

    private final OutboxRepository outbox;
    private final PublishProperties properties;
    private final LeaderLeases leases;
    private final KafkaClientProperties clients;
    private Producer<String, byte[]> producer;

    public OutboxRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases,
                       KafkaClientProperties clients) {
        this.outbox = outbox;
        this.properties = properties;
        this.leases = leases;
        this.clients = clients;
    }

    /** Publishes until the outbox of the unified feed is empty; returns how many events went out. */
    public int relay() {
        if (!leases.hold(LEASE)) {
            return 0;
        }
        int total = 0;
        int sent;
        do {
            sent = relayRound();
            total += sent;
        } while (sent == properties.batchSize());
        return total;
    }

    private int relayRound() {
        List<Pending> pending = outbox.pending(CHANNEL, properties.batchSize());
        if (pending.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(pending.size());
        for (Pending row : pending) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(), row.caseId(),
                    row.event().getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", CaseEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            acks.add(producer().send(record));
        }
        int acknowledged = 0;
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("unified feed: {} of {} event(s) acknowledged, the rest wait for the next round: {}",
                    acknowledged, acks.size(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.markPublished(pending.subList(0, acknowledged));
        return acknowledged;
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(properties, clients), new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    /** The cluster's client settings (SASL, TLS), then the relay's own: an idempotent producer. */
    static Properties producerConfig(PublishProperties properties, KafkaClientProperties clients) {
        Properties config = new Properties();
        config.putAll(clients.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "casehub-outbox-relay");
        return config;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }

}
