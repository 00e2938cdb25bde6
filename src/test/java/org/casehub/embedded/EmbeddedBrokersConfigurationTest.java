package org.casehub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedBrokersConfigurationTest {

    @TempDir
    Path dataDirectory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArtemisAutoConfiguration.class))
            .withUserConfiguration(EmbeddedBrokersConfiguration.class)
            .withPropertyValues("spring.artemis.mode=embedded", "spring.artemis.embedded.persistent=true");

    @Test
    void nothingStartsWhenDisabled() {
        runner.withPropertyValues("casehub.embedded.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
            assertThat(context).doesNotHaveBean(EmbeddedArtemisCustomizer.class);
        });
    }

    @Test
    void brokersAreUpForTheWholeLifeOfTheCamelContext() {
        int kafkaPort = FreePorts.free();
        int artemisPort = FreePorts.free();
        List<Boolean> brokersListening = new CopyOnWriteArrayList<>();

        runner.withPropertyValues(
                        "casehub.embedded.data-directory=" + dataDirectory,
                        "casehub.embedded.kafka.port=" + kafkaPort,
                        "casehub.embedded.artemis.port=" + artemisPort)
                .withBean(EmbeddedBrokersConfiguration.CAMEL_CONTEXT, CamelStandIn.class,
                        () -> new CamelStandIn(brokersListening, kafkaPort, artemisPort))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeanFactory().getBeanDefinition(EmbeddedBrokersConfiguration.CAMEL_CONTEXT)
                            .getDependsOn())
                            .contains(EmbeddedBrokersConfiguration.KAFKA_BROKER, "embeddedActiveMq");
                    assertThat(context.getBean(EmbeddedActiveMQ.class).getActiveMQServer().getConfiguration()
                            .getJournalLocation().toPath())
                            .isEqualTo(dataDirectory.resolve("artemis/journal"));
                });

        assertThat(brokersListening).containsExactly(true, true);
    }

    @Test
    void failsToStartWhenArtemisCannotOpenItsPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            runner.withPropertyValues(
                            "casehub.embedded.data-directory=" + dataDirectory,
                            "casehub.embedded.kafka.port=" + FreePorts.free(),
                            "casehub.embedded.artemis.port=" + taken.getLocalPort())
                    .run(context -> assertThat(context).getFailure()
                            .hasRootCauseMessage("Embedded Artemis did not start: see the AMQ errors logged above"
                                    + " (is its port taken?)"));
        }
    }

    /** Notes, when created and when destroyed, whether both brokers accept connections. */
    static class CamelStandIn implements DisposableBean {

        private final List<Boolean> brokersListening;
        private final int kafkaPort;
        private final int artemisPort;

        CamelStandIn(List<Boolean> brokersListening, int kafkaPort, int artemisPort) {
            this.brokersListening = brokersListening;
            this.kafkaPort = kafkaPort;
            this.artemisPort = artemisPort;
            brokersListening.add(listening(kafkaPort) && listening(artemisPort));
        }

        @Override
        public void destroy() {
            brokersListening.add(listening(kafkaPort) && listening(artemisPort));
        }

        private static boolean listening(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
