package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.StandaloneHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A webhook push whose record the index cannot store for a reason that is not the record's (the index database
 * refusing connections: the pool's password no longer valid) is answered 503 at once, with Retry-After and its
 * request id, instead of waiting through the store's retries (casehub.store, ~90 s); sent again once the database is
 * back, it is stored. A hub of its own, as its whole index goes away for a moment.
 */
class WebhookOutageIT {

    private static final String SECRET = "webhook-outage-it-secret";

    private static ConfigurableApplicationContext hub;
    private static HubHttp http;

    @BeforeAll
    static void startAHubWhosePoolCanBeSuspended() {
        hub = new StandaloneHub()
                .with("casehub.access.webhook-secret", SECRET)
                // how long a store waits for a connection the pool cannot make (30 s by default)
                .with("spring.datasource.hikari.connection-timeout", 1000)
                .start();
        http = new HubHttp(((WebServerApplicationContext) hub).getWebServer().getPort());
    }

    @AfterAll
    static void stopTheHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static HttpResponse<String> push(String body, String requestId) {
        return http.post("/ingest/livelihood", Map.of("X-Webhook-Secret", SECRET, "Content-Type", "application/json",
                "X-Request-Id", requestId), body);
    }

    @Test
    void aPushTheIndexCannotStoreNowIsAnswered503AtOnceAndStoredWhenSentAgain() {
        String orderNo = "GD12345-20261124-000001";
        String order = FakeWorkOrderPlatform.order(orderNo, "2026-11-24 10:00:00", "已派单").toString();
        HikariDataSource pool = hub.getBean(HikariDataSource.class);

        String password = pool.getPassword();
        // the database refuses every new connection, and the pool lets go of those it has
        pool.setPassword(password + "-not-any-more");
        pool.getHikariPoolMXBean().softEvictConnections();
        HttpResponse<String> refused;
        long took;
        try {
            long start = System.nanoTime();
            refused = push(order, "outage-push-1");
            took = System.nanoTime() - start;
        } finally {
            pool.setPassword(password);
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(10));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("outage-push-1");
        assertThat(HubHttp.json(refused).path("requestId").asText()).isEqualTo("outage-push-1");
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        // the pool makes connections again within moments
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?", Integer.class, orderNo))
                .isZero());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(push(order, "outage-push-1").statusCode()).isEqualTo(202));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isZero();
    }

    @Test
    void aBadPushIsStillQuarantinedAndAnswered400() {
        String orderNo = "GD12345-20261124-000002";
        String twice = "{\"orderNo\": \"" + orderNo + "\", \"orderNo\": \"GD12345-20261124-000003\"}";

        HttpResponse<String> refused = push(twice, "bad-push-1");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(hub.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM quarantine WHERE feed = 'livelihood' AND stage = 'decode'", Integer.class)).isOne();
    }
}
