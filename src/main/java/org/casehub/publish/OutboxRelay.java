package org.casehub.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.KafkaClientProperties;
import org.casehub.publish.OutboxRepository.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox to the unified feed with an idempotent producer keyed by case id, so that the topic never
 * misses an event and never shows a case's revisions out of order:
 * <ul>
 * <li>a batch holds at most one row per case (its oldest pending one): a later revision is sent only once the earlier
 * one is acknowledged, so a send that fails cannot be overtaken by the next revision of its case;</li>
 * <li>the relay waits for the producer's outcome of every send of a batch and starts no next batch, and re-sends
 * nothing, while a send of the previous one is unresolved: a row is sent again only after its earlier send definitely
 * failed;</li>
 * <li>the producer never gives a send up on its own (no delivery timeout): through an outage of any length it retries
 * the same batch with the same producer id and sequence numbers, which the broker keeps from its log and uses to drop
 * a retry of a batch it had written before the outage cut its answer. A producer that gave up after a delivery
 * timeout would fail such a batch although it may be on the topic, and the relay's send again would publish it twice
 * (the faults suite saw that across a Kafka outage as long as the timeout). A send still unresolved after
 * {@code casehub.publish.send-timeout} is reported, and waited for;</li>
 * <li>each acknowledged row is marked published on its own, so that a crash or an outage re-sends only what was not
 * acknowledged;</li>
 * <li>a record the broker refuses for a reason of its own (larger than the topic's {@code max.message.bytes}) is
 * parked alone; the loop and the parking are {@link OutboxChannelRelay}'s.</li>
 * </ul>
 * The topic may still carry a duplicate after a crash (or a stop) between a send and its marking, which consumers drop
 * by event id. Sending a batch and learning its outcome are the two steps a Kafka-transactional
 * relay would replace (one transaction per batch, its commit the outcome).
 */
@Component("outboxRelay")
public class OutboxRelay extends OutboxChannelRelay<RuntimeException> {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The outbox channel this relay serves; every row of it goes to the unified feed topic. */
    private static final String CHANNEL = "kafka";

    /** With several hub instances, the one holding this lease publishes, so that each case's events keep their order. */
    static final String LEASE = lease(CHANNEL);


    private final PublishProperties properties;
    /** the topic every row of this relay's channel goes to */
    private final String topic;
    private final Supplier<Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;
    /** the sends of the last batch whose outcome the producer has not given yet */
    private final List<Sent> unresolved = new ArrayList<>();
    private long resolveBy;
    private boolean overdueTold;

    @Autowired
    public OutboxRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases,
                       KafkaClientProperties clients) {
        this(outbox, properties, leases, CHANNEL, properties.topic(), () -> new KafkaProducer<>(
                producerConfig(properties, clients), new StringSerializer(), new ByteArraySerializer()));
    }

    OutboxRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases,
                Supplier<Producer<String, byte[]>> producers) {
        this(outbox, properties, leases, CHANNEL, properties.topic(), producers);
    }

    /** The relay of another channel whose rows all go to one Kafka topic (the warnings'), keyed by the row's subject. */
    OutboxRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases, String channel, String topic,
                Supplier<Producer<String, byte[]>> producers) {
        super(outbox, leases, channel, properties.batchSize(), properties.relayPeriod());
        this.properties = properties;
        this.topic = topic;
        this.producers = producers;
    }

    private record Sent(Pending row, Future<RecordMetadata> ack) {
    }

    /** The rows of a batch: the oldest pending row of each case, in outbox order. */
    @Override
    List<Pending> batch(List<Pending> pending) {
        return oldestOfEachCase(pending);
    }

    static List<Pending> oldestOfEachCase(List<Pending> pending) {
        Set<String> cases = new HashSet<>();
        return pending.stream().filter(row -> cases.add(row.caseId())).toList();
    }

    @Override
    protected Outcome deliver(List<Pending> batch) {
        Map<Pending, String> refused = new LinkedHashMap<>();
        send(batch, refused);
        Outcome resolved = resolve();
        refused.putAll(resolved.refused());
        return new Outcome(resolved.delivered(), refused);
    }

    @Override
    Outcome settle() {
        return resolve();
    }

    @Override
    boolean busy() {
        return !unresolved.isEmpty();
    }

    /**
     * Hands the batch to the producer. A send the producer refuses at once stops the batch (the rest is left for
     * later), unless the refusal is the row's own: then the row is refused for good and the batch goes on.
     */
    private void send(List<Pending> batch, Map<Pending, String> refused) {
        resolveBy = System.nanoTime() + properties.sendTimeout().toNanos();
        overdueTold = false;
        for (Pending row : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, row.caseId(),
                    row.event().getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", CaseEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                unresolved.add(new Sent(row, producer().send(record)));
            } catch (RuntimeException e) {
                if (isTheRecordsOwn(e)) {
                    refused.put(row, reason(e));
                    continue;
                }
                log.warn("{}: the producer refused event {}, the rest of the batch waits: {}", topic, row.eventId(),
                        e.getMessage());
                return;
            }
        }
    }

    /**
     * Waits for the producer's outcome of the unresolved sends, at most until their batch's deadline
     * ({@code send-timeout}): the acknowledged rows, and those the broker refused for a reason of their own. A send
     * still unresolved past it stays so, and its row is not sent again, until the producer gives its outcome.
     */
    private Outcome resolve() {
        List<Pending> acknowledged = new ArrayList<>();
        Map<Pending, String> refused = new LinkedHashMap<>();
        int failed = 0;
        String failure = null;
        for (Iterator<Sent> sends = unresolved.iterator(); sends.hasNext(); ) {
            Sent sent = sends.next();
            try {
                sent.ack().get(Math.max(0, resolveBy - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(sent.row());
                sends.remove();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (isTheRecordsOwn(cause)) {
                    refused.put(sent.row(), reason(cause));
                } else {
                    failed++;
                    failure = cause.getMessage();
                }
                sends.remove();
            } catch (TimeoutException e) {
                if (!overdueTold) {
                    log.warn("{}: event {} has no outcome after {} (Kafka away?); the producer keeps trying it,"
                            + " nothing is sent again until it has one", topic, sent.row().eventId(), properties.sendTimeout());
                    overdueTold = true;
                }
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (failed > 0) {
            log.warn("{}: {} event(s) not acknowledged, sent again in the next round: {}", topic, failed, failure);
        }
        return new Outcome(acknowledged, refused);
    }

    /**
     * A failure that sending again cannot cure and that only this record has: it is larger than the topic or the
     * producer accepts, or the broker found it invalid. Everything else — the broker away, not leader, timeouts, a
     * topic-wide refusal — is the transport's and holds every row.
     */
    static boolean isTheRecordsOwn(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException;
    }

    private static String reason(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /**
     * An idempotent producer that retries a send until the broker answers (delivery.timeout.ms unbounded, see the
     * class comment); request.timeout.ms bounds one request and max.block.ms a send waiting for metadata or buffer
     * space ({@code send-timeout}): a send that fails there was never handed to the broker, so sending it again is safe.
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
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, timeout - linger));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "casehub-outbox-relay");
        return config;
    }

    @Override
    protected void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
