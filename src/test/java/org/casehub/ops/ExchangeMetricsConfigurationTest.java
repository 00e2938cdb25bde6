package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * camel-micrometer's exchange notifier, as the hub configures it, times what a route's exchange sends but not what the
 * copies a split makes of it send: one search of the whole registry per record was the cost.
 */
class ExchangeMetricsConfigurationTest {

    @Test
    void theSendsOfASplitsRecordsAreNotTimedWhileTheBatchsOwnAre() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            MicrometerExchangeEventNotifier notifier = new MicrometerExchangeEventNotifier();
            notifier.setMeterRegistry(meters);
            camel.getManagementStrategy().addEventNotifier(notifier);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:batch").split(body()).to("direct:record").end().to("direct:stored");
                    from("direct:record").log("record ${body}");
                    from("direct:stored").log("batch stored");
                }
            });
            new ExchangeMetricsConfiguration().beforeApplicationStart(camel);
            camel.start();

            camel.createProducerTemplate().sendBody("direct:batch", List.of("a", "b", "c"));

            assertThat(sends(meters, "direct://stored")).as("the batch's own send").isEqualTo(1);
            assertThat(sends(meters, "direct://record")).as("its records' sends").isZero();
        }
    }

    private static long sends(SimpleMeterRegistry meters, String endpoint) {
        return meters.find("camel.exchange.event.notifier").tag("endpointName", endpoint).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
