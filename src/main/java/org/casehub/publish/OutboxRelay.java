package org.casehub.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.KafkaClientProperties;
import org.casehub.publish.OutboxRepository.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox to the unified feed with an idempotent producer keyed by case id, so that the topic never
 * misses an event and never shows a case's revisions out of order:
 * <ul>
 * <li>a batch holds at most one row per case (its oldest pending one): a later revision is sent only once the earlier
 * one is acknowledged, so a send that fails cannot be overtaken by the next revision of its case;</li>
 * <li>the relay waits for the producer's outcome of every send of a batch — the producer gives one within its
 * delivery timeout ({@code casehub.publish.send-timeout}), the relay waits longer than that — and starts no next
 * batch, and re-sends nothing, while a send of the previous one is unresolved: a row is sent again only after its
 * earlier send definitely failed;</li>
 * <li>each acknowledged row is marked published on its own, so that a crash or an outage re-sends only what was not
 * acknowledged.</li>
 * </ul>
 * The topic may still carry a duplicate (a send that failed on its way back, a crash before the marking), which
 * consumers drop by event id. Sending a batch and learning its outcome are the two steps a Kafka-transactional
 * relay would replace (one transaction per batch, its commit the outcome).
 */
@Component("outboxRelay")
public class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The outbox channel this relay serves; every row of it goes to the unified feed topic. */
    private static final String CHANNEL = "kafka";

    /** With several hub instances, the one holding this lease publishes, so that each case's events keep their order. */
    static final String LEASE = "relay:" + CHANNEL;

    /** how long past the producer's delivery timeout the relay waits before it gives a send up as unanswered */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final OutboxRepository outbox;
    private final PublishProperties properties;
    private final LeaderLeases leases;
    private final Supplier<Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;
    /** the sends of the last batch whose outcome the producer has not given yet */
    private final List<Sent> unresolved = new ArrayList<>();
    private long resolveBy;
    private boolean overdueTold;

    @Autowired
    public OutboxRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases,
                       KafkaClientProperties clients) {
        this(outbox, properties, leases, () -> new KafkaProducer<>(producerConfig(properties, clients),
                new StringSerializer(), new ByteArraySerializer()));
    }

    OutboxRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases,
                Supplier<Producer<String, byte[]>> producers) {
        this.outbox = outbox;
        this.properties = properties;
        this.leases = leases;
        this.producers = producers;
    }

    private record Sent(Pending row, Future<RecordMetadata> ack) {
    }

    /** Publishes until the outbox of the unified feed is empty or a send fails; returns how many events went out. */
    public synchronized int relay() {
        int total = resolve();
        if (!unresolved.isEmpty() || !leases.hold(LEASE)) {
            return total;
        }
        while (true) {
            List<Pending> pending = outbox.pending(CHANNEL, properties.batchSize());
            List<Pending> batch = oldestOfEachCase(pending);
            if (batch.isEmpty()) {
                return total;
            }
            boolean allSent = send(batch);
            int published = resolve();
            total += published;
            boolean more = pending.size() == properties.batchSize() || batch.size() < pending.size();
            if (!allSent || !unresolved.isEmpty() || published < batch.size() || !more) {
                return total;
            }
        }
    }

    /** The rows of a batch: the oldest pending row of each case, in outbox order. */
    static List<Pending> oldestOfEachCase(List<Pending> pending) {
        Set<String> cases = new HashSet<>();
        return pending.stream().filter(row -> cases.add(row.caseId())).toList();
    }

    /** Hands the batch to the producer; false when it refused a send (the rest of the batch is left for later). */
    private boolean send(List<Pending> batch) {
        resolveBy = System.nanoTime() + properties.sendTimeout().plus(GRACE).toNanos();
        overdueTold = false;
        for (Pending row : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(), row.caseId(),
                    row.event().getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", CaseEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                unresolved.add(new Sent(row, producer().send(record)));
            } catch (RuntimeException e) {
                log.warn("unified feed: the producer refused event {}, the rest of the batch waits: {}", row.eventId(),
                        e.getMessage());
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for the producer's outcome of the unresolved sends, at most until their batch's deadline, and marks each
     * acknowledged row published. A send still unresolved past it stays so (its row is not sent again) unless the
     * producer is closed, which fails every send it holds.
     */
    private int resolve() {
        List<Pending> acknowledged = new ArrayList<>();
        int failed = 0;
        String failure = null;
        for (Iterator<Sent> sends = unresolved.iterator(); sends.hasNext(); ) {
            Sent sent = sends.next();
            try {
                sent.ack().get(Math.max(0, resolveBy - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(sent.row());
                sends.remove();
            } catch (ExecutionException e) {
                failed++;
                failure = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                sends.remove();
            } catch (TimeoutException e) {
                if (!overdueTold) {
                    log.warn("unified feed: event {} has no outcome {} after the producer's delivery timeout; nothing is"
                            + " sent again until it has", sent.row().eventId(), GRACE);
                    overdueTold = true;
                }
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (failed > 0) {
            log.warn("unified feed: {} event(s) not acknowledged, sent again in the next round: {}", failed, failure);
        }
        if (!acknowledged.isEmpty()) {
            outbox.markPublished(acknowledged);
        }
        return acknowledged.size();
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /**
     * An idempotent producer whose every send has an outcome within {@code send-timeout}: delivery.timeout.ms bounds
     * retries, request.timeout.ms one request, max.block.ms a send waiting for metadata or buffer space.
     */
    static Properties producerConfig(PublishProperties properties, KafkaClientProperties clients) {
        long timeout = properties.sendTimeout().toMillis();
        int linger = 5;
        Properties config = new Properties();
        config.putAll(clients.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, timeout - linger));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "casehub-outbox-relay");
        return config;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
