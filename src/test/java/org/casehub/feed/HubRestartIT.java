package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casehub.embedded.FreePorts;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.FakeWorkOrderPlatform.Request;
import org.casehub.support.HubInstances;
import org.casehub.support.PetitionRows;
import org.casehub.support.Revisions;
import org.h2.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The whole hub stopped and started again on the same data folder (and index database), as an operator's
 * restart does: what it had taken is neither lost nor taken twice. Each test runs its own two hubs one after the
 * other (not the cached context of the other ITs), with their own ports and platform.
 */
class HubRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path data = HubInstances.freshDataFolder();
    private final FakeWorkOrderPlatform platform = FakeWorkOrderPlatform.start();
    private final Map<String, Object> properties = HubInstances.properties(data, HubInstances.homeCopy(), FreePorts.free(),
            FreePorts.free(), platform.baseUrl(), HubInstances.database());
    private ConfigurableApplicationContext hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void thePetitionFeedStoppedMidBatchAndRestartedLosesNothingAndRepeatsNothing() {
        properties.put("casehub.exchange.batch-size", 20);
        int rows = 1000;
        hub = HubInstances.start(properties);
        List<String> ids = new ArrayList<>();
        LocalDateTime sjc = LocalDateTime.parse("2026-11-24T08:00:00");
        for (int i = 0; i < rows; i++) {
            String xfjbh = PetitionRows.newXfjbh();
            ids.add(xfjbh);
            PetitionRows.insert(exchange(), xfjbh, "440303001", "罗湖区桂园街道", sjc.plusSeconds(i));
        }
        await().atMost(PATIENCE).until(() -> taken() >= 60);

        hub.close();
        int takenBefore = taken();
        assertThat(takenBefore).as("stopped in the middle of the rows").isLessThan(rows);
        hub = HubInstances.start(properties);

        await().atMost(PATIENCE).until(() -> taken() == rows);
        JdbcTemplate index = hub.getBean(JdbcTemplate.class);
        assertThat(index.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'provincial-petition'", Integer.class))
                .isEqualTo(rows);
        assertThat(index.queryForList("SELECT outcome FROM processed_id WHERE idempotency_key LIKE 'provincial-petition:%'",
                String.class)).hasSize(rows).containsOnly("CREATED");
        assertThat(index.queryForObject("SELECT COUNT(*) FROM hub_case WHERE revision <> 1", Integer.class)).isZero();
        // one revision per case (the history also holds notices about it, such as a mediation offer)
        assertThat(index.queryForObject("SELECT COUNT(*) FROM case_event WHERE " + Revisions.ONLY, Integer.class))
                .isEqualTo(rows);
        assertThat(index.queryForObject("SELECT COUNT(*) FROM quarantine", Integer.class)).isZero();
        assertThat(exchange().queryForObject("SELECT COUNT(*) FROM XF_JBXX_EXCHANGE WHERE CLBZ <> '1'", Integer.class)).isZero();
        assertThat(ids).allSatisfy(id -> assertThat(index.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE record_id = ?", Integer.class, id)).isEqualTo(1));
    }

    @Test
    void aHubRestartedBetweenLivelihoodPagesGoesOnFromItsWatermarkAndLosesAndRepeatsNothing() {
        List<String> orderNos = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String orderNo = String.format("GD12345-20261124-%06d", 700_000 + i);
            orderNos.add(orderNo);
            platform.put(orderNo, platform.tick(i % 4 != 0), "已派单");
        }
        // the platform goes down right after serving the first page (page size 3): the hub has stored that page only
        platform.afterNextPage(p -> p.down(true));
        hub = HubInstances.start(properties);
        WatermarkRepository watermarks = hub.getBean(WatermarkRepository.class);
        await().atMost(PATIENCE).until(() -> watermarks.load(LivelihoodPull.FEED).map(Watermark::recordId)
                .filter(orderNos.get(2)::equals).isPresent());
        // asked again from the watermark's second less casehub.livelihood.reread-overlap (1 s): an order written in
        // that second after the hub read it may sort below the watermark
        String askFrom = watermarks.load(LivelihoodPull.FEED).map(Watermark::time).map(t -> t.minusSeconds(1))
                .map(TIME::format).orElseThrow();
        assertThat(storedOrders()).as("only the first page is stored").isEqualTo(3);

        hub.close();
        int before = platform.requests().size();
        platform.down(false);
        hub = HubInstances.start(properties);

        await().atMost(PATIENCE).until(() -> storedOrders() == orderNos.size());
        JdbcTemplate index = hub.getBean(JdbcTemplate.class);
        assertThat(index.queryForList("SELECT outcome FROM processed_id WHERE idempotency_key LIKE 'livelihood:%'", String.class))
                .hasSize(orderNos.size()).containsOnly("CREATED");
        assertThat(index.queryForObject("SELECT COUNT(*) FROM hub_case WHERE revision <> 1", Integer.class)).isZero();
        Optional<Request> first = platform.requests().subList(before, platform.requests().size()).stream().findFirst();
        assertThat(first).as("the restarted hub asked from its stored watermark, page 0").hasValueSatisfying(asked -> {
            assertThat(asked.page()).isZero();
            assertThat(asked.updatedSince()).isEqualTo(askFrom);
        });
        await().atMost(PATIENCE).until(() -> watermarks(orderNos.get(orderNos.size() - 1)));
    }

    private JdbcTemplate exchange() {
        return hub.getBean(ExchangeDatabaseConfiguration.JDBC, JdbcTemplate.class);
    }

    private int taken() {
        // the exchange database is the hub's own H2 file: read it through the running hub, or after a stop by opening it
        return hub.isActive()
                ? exchange().queryForObject("SELECT COUNT(*) FROM XF_JBXX_EXCHANGE WHERE CLBZ = '1'", Integer.class)
                : new JdbcTemplate(new SimpleDriverDataSource(new Driver(), "jdbc:h2:file:" + data + "/exchange", "casehub", ""))
                        .queryForObject(
                        "SELECT COUNT(*) FROM XF_JBXX_EXCHANGE WHERE CLBZ = '1'", Integer.class);
    }

    private int storedOrders() {
        return hub.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood'", Integer.class);
    }

    private boolean watermarks(String orderNo) {
        return hub.getBean(WatermarkRepository.class).load(LivelihoodPull.FEED).map(Watermark::recordId)
                .filter(orderNo::equals).isPresent();
    }
}
