package org.casehub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A dependency's health answers at once whatever the dependency does: a PostgreSQL that accepts connections and never
 * answers (a hung server, a dead network path) keeps the pool waiting 30 s; its health says DOWN within a second.
 */
class BackgroundHealthTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinASecondNotAfterThePoolsTimeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0); HikariDataSource pool = new HikariDataSource()) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            pool.setJdbcUrl("jdbc:postgresql://localhost:" + silent.getLocalPort() + "/casehub");
            pool.setUsername("casehub");
            pool.setInitializationFailTimeout(-1);
            BackgroundHealth health = new BackgroundHealth("the index database", new DataSourceHealthIndicator(pool),
                    Duration.ofMillis(200), Duration.ofMillis(800));
            try {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    long start = System.nanoTime();
                    Health answer = health.health();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                    assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(answer.getDetails().get("error").toString()).contains("did not answer within 800 ms");
                });
            } finally {
                health.destroy();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aDatabaseThatAnswersIsUpWithTheAgeOfItsLastCheck() throws Exception {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:health;DB_CLOSE_DELAY=-1", "sa", "");
        BackgroundHealth health = new BackgroundHealth("the index database", new DataSourceHealthIndicator(h2),
                Duration.ofMillis(200), Duration.ofMillis(800));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));

            assertThat(health.health().getDetails()).containsKeys("checkedAt", "ageMillis", "database");
        } finally {
            health.destroy();
        }
    }
}
