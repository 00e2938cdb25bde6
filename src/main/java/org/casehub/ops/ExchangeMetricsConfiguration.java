package org.casehub.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps camel-micrometer's exchange event notifier (it gives the dashboard's {@code camel_exchanges_inflight}) to the
 * exchanges the routes receive, not the copies a route makes of one: a batch split into its records made one copy per
 * record, and for each the notifier looked its "last exchange" gauge up with a search of every meter of the registry
 * ({@code MeterRegistry.find(…).gauge()}): 10–15 % of the hub's CPU samples in the throughput benchmark (issue 18). The
 * route policy still counts every exchange of every route, and the in-flight gauges read Camel's in-flight registry,
 * copies included.
 */
@Component
public class ExchangeMetricsConfiguration implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExchangeMetricsConfiguration.class);

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        camel.getManagementStrategy().getEventNotifiers().stream()
                .filter(MicrometerExchangeEventNotifier.class::isInstance).map(MicrometerExchangeEventNotifier.class::cast)
                .forEach(notifier -> {
                    notifier.setIgnoreExchanges(notifier.getIgnoreExchanges().or(ExchangeMetricsConfiguration::copy));
                    log.info("Camel's exchange metrics time the routes' own exchanges, not the copies a route makes");
                });
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // nothing after the start
    }

    /** A copy a route made of an exchange (a split's part, a multicast's branch): it carries the original's id. */
    static boolean copy(Exchange exchange) {
        return exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null;
    }
}
