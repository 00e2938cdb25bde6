package org.casehub.feed;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;

/**
 * The pollers' routes loop while batches are due (routes/feeds/*.camel.yaml), and that whole loop is one
 * exchange: without a check, a stopping route or hub would wait for every waiting row or page before it stops.
 */
final class FeedLoops {

    private FeedLoops() {
    }

    /** Whether the hub or the route running this loop is stopping: end the loop after the batch in hand. */
    static boolean stopping(Exchange exchange) {
        if (exchange == null) {
            return false;
        }
        CamelContext camel = exchange.getContext();
        if (camel.isStopping() || camel.isStopped()) {
            return true;
        }
        String route = exchange.getFromRouteId();
        ServiceStatus status = route == null ? null : camel.getRouteController().getRouteStatus(route);
        return status != null && (status.isStopping() || status.isStopped());
    }
}
