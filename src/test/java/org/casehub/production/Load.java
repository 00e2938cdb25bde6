package org.casehub.production;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.GridEvents;
import org.casehub.support.PetitionRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Grievances offered through all three feeds at a steady pace, each a different person's, all placed in community
 * {@link ArtemisBroker#UNIT} (so that its own user's queue sees every one): grid events on Kafka, work orders on the
 * 12345 stub, rows in the exchange table. Each feed is fed by its own thread, and an offer that fails because its
 * service is down (a fault) is tried again at the next tick, so an outage of one source never pauses the others.
 */
final class Load implements AutoCloseable {

    private static final String GRID = ArtemisBroker.UNIT + "-01";
    /** Work-order numbers no other load of this JVM used: a number used again would be a change of that order. */
    private static final AtomicLong ORDERS = new AtomicLong();

    final List<String> gridEvents = new CopyOnWriteArrayList<>();
    final List<String> workOrders = new CopyOnWriteArrayList<>();
    final List<String> petitions = new CopyOnWriteArrayList<>();

    private final int perFeed;
    private final ProductionServices services;
    private final GridEvents grid;
    private final JdbcTemplate exchange;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(3);

    private Load(ProductionServices services, int perFeed) {
        this.services = services;
        this.perFeed = perFeed;
        this.grid = new GridEvents(services.kafka.bootstrap());
        this.exchange = new JdbcTemplate(new DriverManagerDataSource(services.postgres.url(ProductionServices.EXCHANGE_DB),
                "postgres", PostgresCluster.SUPERUSER_PASSWORD));
    }

    /** Starts offering {@code perFeed} grievances through each feed, one per feed every {@code periodMillis}. */
    static Load start(ProductionServices services, int perFeed, long periodMillis) {
        Load load = new Load(services, perFeed);
        load.ticks.scheduleAtFixedRate(load::offerGridEvent, 0, periodMillis, TimeUnit.MILLISECONDS);
        load.ticks.scheduleAtFixedRate(load::offerWorkOrder, 0, periodMillis, TimeUnit.MILLISECONDS);
        load.ticks.scheduleAtFixedRate(load::offerPetition, 0, periodMillis, TimeUnit.MILLISECONDS);
        return load;
    }

    private void offerGridEvent() {
        if (gridEvents.size() < perFeed) {
            String id = GridEvents.newEventId();
            try {
                grid.send(id, GridEvents.eventAt(id, 1, "MD-LL", GRID));
                gridEvents.add(id);
            } catch (RuntimeException kafkaDown) {
                // offered again at the next tick, under a new id: this one may or may not have reached the topic
            }
        }
    }

    private void offerWorkOrder() {
        if (workOrders.size() < perFeed) {
            FakeWorkOrderPlatform platform = services.livelihood;
            String orderNo = "GD12345-20261205-" + String.format("%06d", ORDERS.incrementAndGet());
            platform.put(orderNo, platform.tick(false), "已派单");
            workOrders.add(orderNo);
        }
    }

    private void offerPetition() {
        if (petitions.size() < perFeed) {
            String xfjbh = PetitionRows.newXfjbh();
            try {
                PetitionRows.insert(exchange, xfjbh, ArtemisBroker.UNIT, "南山区粤海街道京光社区科技园路1号",
                        LocalDateTime.now().withNano(0));
                petitions.add(xfjbh);
            } catch (RuntimeException databaseDown) {
                // tried again at the next tick
            }
        }
    }

    boolean offeredAll() {
        return gridEvents.size() == perFeed && workOrders.size() == perFeed && petitions.size() == perFeed;
    }

    int offered() {
        return gridEvents.size() + workOrders.size() + petitions.size();
    }

    /** How many of the offered records the index holds (each once: the primary key is feed and record id). */
    long indexed(Connection index) throws SQLException {
        return IndexQueries.count(index, "SELECT COUNT(*) FROM source_record WHERE (feed = 'public-safety' AND record_id = ANY (?))"
                + " OR (feed = 'livelihood' AND record_id = ANY (?)) OR (feed = 'provincial-petition' AND record_id = ANY (?))",
                array(index, gridEvents), array(index, workOrders), array(index, petitions));
    }

    /**
     * What became of the offered records the index does not hold, for a failure's message: each one's quarantine
     * rows (stage and reasons) or "nowhere", and the exchange rows not yet flagged taken.
     */
    String missing(Connection index) throws SQLException {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> offered = Map.of("public-safety", gridEvents, "livelihood", workOrders,
                "provincial-petition", petitions);
        for (Map.Entry<String, List<String>> feed : offered.entrySet()) {
            List<String> stored = IndexQueries.strings(index, "SELECT record_id FROM source_record WHERE feed = ?"
                    + " AND record_id = ANY (?)", feed.getKey(), array(index, feed.getValue()));
            for (String recordId : feed.getValue()) {
                if (!stored.contains(recordId)) {
                    List<String> quarantined = IndexQueries.strings(index, "SELECT stage || ' ' || state || ': ' || reasons"
                            + " FROM quarantine WHERE feed = ? AND record_id = ?", feed.getKey(), recordId);
                    lines.add(feed.getKey() + " " + recordId + " -> " + (quarantined.isEmpty() ? "nowhere" : quarantined));
                }
            }
        }
        lines.add(petitionsNotFlagged() + " exchange row(s) not flagged taken");
        return String.join("\n", lines);
    }

    /** How many different cases the offered records are in: one per grievance. */
    long cases(Connection index) throws SQLException {
        return IndexQueries.count(index, "SELECT COUNT(DISTINCT case_id) FROM source_record WHERE (feed = 'public-safety'"
                + " AND record_id = ANY (?)) OR (feed = 'livelihood' AND record_id = ANY (?))"
                + " OR (feed = 'provincial-petition' AND record_id = ANY (?))",
                array(index, gridEvents), array(index, workOrders), array(index, petitions));
    }

    /** The exchange rows offered and not flagged taken ('1'). */
    long petitionsNotFlagged() {
        return exchange.queryForObject("SELECT COUNT(*) FROM XF_JBXX_EXCHANGE WHERE CLBZ <> '1' AND XFJBH = ANY (?)",
                Long.class, (Object) petitions.toArray(String[]::new));
    }

    private static java.sql.Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray());
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        grid.close();
    }
}
