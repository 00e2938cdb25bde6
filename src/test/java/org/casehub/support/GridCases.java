package org.casehub.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/** Cases made from grid events for ITs that act on cases (units' reports, timelines): each event a case of its own. */
public final class GridCases implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GridEvents grid;
    private final JdbcTemplate jdbc;

    public GridCases(String bootstrapServers, JdbcTemplate jdbc) {
        this.grid = new GridEvents(bootstrapServers);
        this.jdbc = jdbc;
    }

    /** A new case in 东门街道书院街社区 (440303003022), once indexed. */
    public String newCase() {
        return newCase(GridEvents.newEventId());
    }

    public String newCase(String eventId) {
        send(eventId, 1);
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, eventId);
    }

    /** A version of the event, once indexed. */
    public void send(String eventId, int version) {
        send(eventId, version, GridEvents.event(eventId, version, "MD-LL"));
    }

    /** A version of the event placed in another grid (community code + grid number), once indexed. */
    public void sendAt(String eventId, int version, String gridCode) {
        send(eventId, version, GridEvents.eventAt(eventId, version, "MD-LL", gridCode));
    }

    private void send(String eventId, int version, String event) {
        grid.send(eventId, event);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM processed_id WHERE idempotency_key = ?",
                Integer.class, "public-safety:" + eventId + ":" + version) == 1);
    }

    public int revision(String caseId) {
        return jdbc.queryForObject("SELECT revision FROM hub_case WHERE case_id = ?", Integer.class, caseId);
    }

    /** The case's last event as published. */
    public JsonNode lastEvent(String caseId) {
        List<String> events = jdbc.queryForList("SELECT event_json FROM case_event WHERE case_id = ? ORDER BY revision DESC",
                String.class, caseId);
        try {
            return JSON.readTree(events.get(0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        grid.close();
    }
}
