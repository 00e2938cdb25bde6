package org.casehub.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Route;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedProperties.Feed;
import org.casehub.feed.DryRun;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The bean behind routes/api/feeds.camel.yaml: every feed's health (state, throughput, lag, silence) with the
 * outbox backlog and the units' queues; one feed as the registry, Camel, its health and the hot reload see it; and
 * the dry run of sample records through its pipeline.
 */
@Component("feedStatusApi")
public class FeedStatusApi {

    private final FeedProperties feeds;
    private final FeedReloads reloads;
    private final DryRun dryRun;
    private final CamelContext camel;
    private final ObjectMapper json;
    private final FeedHealth health;

    public FeedStatusApi(FeedProperties feeds, FeedReloads reloads, DryRun dryRun, CamelContext camel, ObjectMapper json,
                         FeedHealth health) {
        this.health = health;
        this.feeds = feeds;
        this.reloads = reloads;
        this.dryRun = dryRun;
        this.camel = camel;
        this.json = json;
    }

    public record RouteState(String id, String status) {
    }

    /** Every feed's health, the outbox backlog, the units' undelivered messages and the alarms raised. */
    public FeedHealth.Snapshot list() {
        return health.snapshot();
    }

    /** The feed's entry, its health, the status of its routes ({@code feed-<id>}, {@code feed-<id>-…}) and its last reload. */
    public Map<String, Object> status(@Header("id") String id, Exchange exchange) {
        Feed feed = feeds.feeds().get(id);
        if (feed == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HttpStatus.NOT_FOUND.value());
            return error(HttpStatus.NOT_FOUND, "no feed '" + id + "' in config/feeds.yaml");
        }
        String mainRoute = "feed-" + id;
        List<RouteState> routes = camel.getRoutes().stream()
                .map(Route::getRouteId)
                .filter(r -> r.equals(mainRoute) || r.startsWith(mainRoute + "-"))
                .sorted()
                .map(r -> new RouteState(r, camel.getRouteController().getRouteStatus(r).name()))
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("name", feed.name());
        answer.put("transport", feed.transport());
        answer.put("source", feed.source());
        answer.put("owner", feed.owner());
        answer.put("contact", feed.contact());
        answer.put("expectedCadence", feed.expectedCadence().toString());
        answer.put("enabled", feed.enabled());
        health.snapshot().feed(id).ifPresent(view -> {
            answer.put("state", view.state());
            answer.put("up", view.up());
            answer.put("reason", view.reason());
            answer.put("perMinute", view.perMinute());
            answer.put("outcomes", view.outcomes());
            answer.put("totals", view.totals());
            answer.put("sparkline", view.sparkline());
            answer.put("lastRecordAt", view.lastRecordAt());
            answer.put("lag", view.lag());
            answer.put("silence", view.silence());
            answer.put("unmapped", view.unmapped());
        });
        answer.put("routeStatus", camel.getRoute(mainRoute) == null ? "absent"
                : camel.getRouteController().getRouteStatus(mainRoute).name());
        answer.put("routes", routes);
        answer.put("lastReload", reloads.last(id).orElse(null));
        return answer;
    }

    /** The dry run's report on the request body. */
    public byte[] dryRun(@Header("id") String id, Exchange exchange) throws JsonProcessingException {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        DryRun.Report report;
        try {
            report = dryRun.report(id, body == null ? new byte[0] : body);
        } catch (IllegalArgumentException e) {
            // the route answers raw bytes (no JSON binding, to read the body as sent), so it answers its errors itself
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HttpStatus.BAD_REQUEST.value());
            return json.writeValueAsBytes(error(HttpStatus.BAD_REQUEST, e.getMessage()));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HttpStatus.OK.value());
        return json.writeValueAsBytes(report);
    }

    private static Map<String, Object> error(HttpStatus status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status.value());
        error.put("error", status.getReasonPhrase());
        error.put("message", message);
        return error;
    }
}
