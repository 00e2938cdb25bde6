package org.casehub.production;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The yardstick of the throughput benchmark: what a bare Camel route does with the same records on the same services
 * — a Kafka batch consumer configured as the hub's grid feed (batches of 500, offsets committed by hand after the
 * store), each batch inserted raw into PostgreSQL with one batched statement and one commit. Nothing decoded,
 * validated, mapped, deduplicated or published: the floor the hub's own work is measured against.
 */
final class BareRoute implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final Connection database;
    private final AtomicLong stored = new AtomicLong();

    private BareRoute(Connection database) {
        this.database = database;
    }

    /**
     * Creates the raw table and starts consuming {@code topic} from its beginning.
     *
     * @param database a connection of its own (the route's one consumer thread uses it alone)
     */
    static BareRoute start(String bootstrap, String topic, Connection database) throws Exception {
        try (Statement s = database.createStatement()) {
            s.execute("CREATE TABLE raw_record (topic VARCHAR(200) NOT NULL, kafka_partition INT NOT NULL,"
                    + " kafka_offset BIGINT NOT NULL, record_key VARCHAR(200), payload BYTEA NOT NULL,"
                    + " stored_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (topic, kafka_partition, kafka_offset))");
        }
        database.setAutoCommit(false);
        BareRoute route = new BareRoute(database);
        route.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + topic + "?brokers=" + bootstrap + "&groupId=bench-bare&autoOffsetReset=earliest"
                        + "&batching=true&maxPollRecords=500&batchingIntervalMs=100&pollTimeoutMs=200&allowManualCommit=true&autoCommitEnable=false"
                        + "&breakOnFirstError=true&keyDeserializer=org.apache.kafka.common.serialization.StringDeserializer"
                        + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                        .routeId("bare-kafka-to-jdbc")
                        .process(route::store);
            }
        });
        route.camel.start();
        return route;
    }

    /** Inserts the batch in one transaction, then commits each partition's last offset. */
    @SuppressWarnings("unchecked")
    private void store(Exchange batch) throws SQLException {
        List<Exchange> polled = batch.getMessage().getBody(List.class);
        Map<Integer, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        try (PreparedStatement insert = database.prepareStatement("INSERT INTO raw_record (topic, kafka_partition,"
                + " kafka_offset, record_key, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (Exchange each : polled) {
                Message message = each.getMessage();
                int partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
                insert.setString(1, message.getHeader(KafkaConstants.TOPIC, String.class));
                insert.setInt(2, partition);
                insert.setLong(3, message.getHeader(KafkaConstants.OFFSET, Long.class));
                insert.setString(4, message.getHeader(KafkaConstants.KEY, String.class));
                insert.setBytes(5, message.getBody(byte[].class));
                insert.addBatch();
                lastPerPartition.put(partition, message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
            }
            insert.executeBatch();
            database.commit();
        } catch (SQLException e) {
            database.rollback();
            throw e;
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
        stored.addAndGet(polled.size());
    }

    long stored() {
        return stored.get();
    }

    @Override
    public void close() throws Exception {
        camel.close();
        database.close();
    }
}
