package org.casehub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.sessions.JqwikSession;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.casehub.core.GbkText;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.hostile.HostileRecords.Input;
import org.casehub.security.PiiCipher;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hostile-input suite (issue 15): generated (jqwik) and hand-written bad records on all three transports — grid
 * events on Kafka, 12345 work orders pushed to the webhook, petition rows in the exchange table. For every input,
 * either it is stored verbatim (its source record holds exactly the bytes sent) or it is quarantined with a reason —
 * never lost, never a 500, and a good record sent after them all still arrives (the feed is not stuck). The seed is
 * fixed so that CI is repeatable; {@code -Dcasehub.hostile.seed=N} tries another, {@code -Dcasehub.hostile.tries=N}
 * more.
 */
class HostileInputsIT extends HubTestSupport {

    private static final long SEED = Long.getLong("casehub.hostile.seed", 20261205L);
    private static final int TRIES = Integer.getInteger("casehub.hostile.tries", 100);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    PiiCipher cipher;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    /** stored, quarantined, refused at the HTTP door (413), or what went wrong */
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /** jqwik's generators outside a property: the session they need (this is a Jupiter test, for the hub's context) */
    @BeforeEach
    void jqwik() {
        JqwikSession.start();
    }

    @AfterEach
    void endJqwik() {
        JqwikSession.finish();
    }

    private void outcome(String kind, Input input, String detail) {
        outcomes.merge(kind, 1, Integer::sum);
        if (kind.startsWith("FAILED")) {
            failures.add(kind + " " + input.what() + ": " + detail);
        }
    }

    private void report(String transport) {
        System.out.printf("hostile %s (seed %d): %d inputs, %s%n", transport, SEED, TRIES, outcomes);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(TRIES);
    }

    private boolean storedVerbatim(String feed, String recordId, byte[] sent) {
        return jdbc.queryForList("SELECT payload_sealed FROM source_record WHERE feed = ? AND record_id = ?", byte[].class,
                feed, recordId).stream().map(cipher::open).anyMatch(stored -> Arrays.equals(stored, sent));
    }

    private boolean stored(String feed, String recordId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = ? AND record_id = ?", Integer.class,
                feed, recordId) > 0;
    }

    private List<String> quarantineReasons(String feed, String where, Object value) {
        return jdbc.queryForList("SELECT reasons FROM quarantine WHERE feed = ? AND " + where, String.class, feed, value);
    }

    @Test
    void everyHostileGridEventIsStoredVerbatimOrQuarantinedWithAReasonAndTheFeedFlowsOn() {
        HostileValues values = new HostileValues(SEED);
        HostileRecords records = new HostileRecords(values, Set.of("/eventId", "/version"));
        Map<RecordMetadata, Map.Entry<String, Input>> sent = new LinkedHashMap<>();
        String sentinel = GridEvents.newEventId();
        try (GridEvents grid = new GridEvents(bootstrapServers())) {
            for (int i = 0; i < TRIES; i++) {
                String eventId = GridEvents.newEventId();
                Input input = records.variant((ObjectNode) tree(GridEvents.event(eventId, 1, "HJ-ZS")));
                boolean tombstone = input.bytes().length == 0 && values.below(2) == 0;
                sent.put(grid.send(eventId, tombstone ? null : input.bytes()),
                        Map.entry(eventId, tombstone ? new Input("tombstone", new byte[0]) : input));
            }
            grid.send(sentinel, GridEvents.event(sentinel, 1, "HJ-ZS").getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(PATIENCE).until(() -> stored("public-safety", sentinel));

        sent.forEach((at, record) -> {
            Input input = record.getValue();
            List<String> reasons = quarantineReasons("public-safety", "position LIKE ?", "%\"offset\":" + at.offset() + "}%");
            if (storedVerbatim("public-safety", record.getKey(), input.bytes())) {
                outcome("stored", input, null);
            } else if (!reasons.isEmpty() && reasons.stream().allMatch(r -> r.length() > 4)) {
                outcome("quarantined", input, null);
            } else {
                outcome("FAILED lost", input, "offset " + at.offset() + ", reasons " + reasons);
            }
        });
        report("grid events (Kafka)");
    }

    @Test
    void everyHostileWorkOrderPushIsAnsweredStoredOrQuarantinedNeverA500AndTheFeedFlowsOn() {
        HostileValues values = new HostileValues(SEED + 1);
        HostileRecords records = new HostileRecords(values, Set.of("/orderNo", "/updateTime"));
        HubHttp http = new HubHttp(port);
        Map<String, String> headers = new HashMap<>(webhookHeaders());
        for (int i = 0; i < TRIES; i++) {
            String orderNo = String.format("GD12345-20261123-%06d", 900_000 + i);
            Input input = records.variant(FakeWorkOrderPlatform.order(orderNo, "2026-11-23 10:00:00", "已派单"));
            long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM quarantine", Long.class);
            HttpResponse<String> response = http.send("POST", "/ingest/livelihood", headers,
                    HttpRequest.BodyPublishers.ofByteArray(input.bytes()));
            int status = response.statusCode();
            if (status == 202 && storedVerbatim("livelihood", orderNo, input.bytes())) {
                outcome("stored", input, null);
            } else if (status == 400 && HubHttp.json(response).path("errors").size() > 0
                    && jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'livelihood' AND id > ?",
                            Integer.class, before) == 1) {
                outcome("quarantined", input, null);
            } else if (status == 413 && HubHttp.json(response).path("message").asText().contains("max-body")) {
                outcome("refused 413", input, null);
            } else {
                outcome("FAILED " + status, input, response.body());
            }
        }
        String sentinel = "GD12345-20261123-999999";
        assertThat(http.post("/ingest/livelihood", headers, FakeWorkOrderPlatform.order(sentinel, "2026-11-23 11:00:00",
                "已派单").toString()).statusCode()).isEqualTo(202);
        report("work orders (webhook)");
    }

    @Test
    void everyHostilePetitionRowIsTakenOrMarkedRefusedWithAReasonAndTheFeedFlowsOn() {
        HostileValues values = new HostileValues(SEED + 2);
        LocalDateTime sjc = LocalDateTime.of(2026, 11, 24, 9, 0);
        Map<String, Input> inserted = new LinkedHashMap<>();
        int refusedBySourceDatabase = 0;
        while (inserted.size() + refusedBySourceDatabase < TRIES) {
            String xfjbh = PetitionRows.newXfjbh();
            Map<String, Object> row = petition(xfjbh, sjc = sjc.plusSeconds(1));
            List<String> changed = new ArrayList<>();
            for (int k = 1 + values.below(3); k > 0; k--) {
                changed.add(hostileColumn(row, values));
            }
            Input input = new Input(String.join(", ", changed), new byte[0]);
            try {
                insert(row);
                inserted.put(xfjbh, input);
            } catch (DataAccessException e) {
                refusedBySourceDatabase++; // the exchange table's own types refuse it: never the hub's to see
                outcome("refused by the exchange table", input, null);
            }
        }
        String sentinel = PetitionRows.newXfjbh();
        PetitionRows.insert(exchange, sentinel, "440303", "罗湖区东门街道", sjc.plusSeconds(1));

        await().atMost(PATIENCE).until(() -> "1".equals(PetitionRows.clbz(exchange, sentinel)));

        inserted.forEach((xfjbh, input) -> {
            Map<String, Object> flags = exchange.queryForMap("SELECT CLBZ, CLSM FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", xfjbh);
            String clbz = String.valueOf(flags.get("CLBZ")).strip();
            if ("1".equals(clbz) && stored("provincial-petition", xfjbh)) {
                outcome("stored", input, null);
            } else if ("2".equals(clbz) && flags.get("CLSM") != null && (!quarantineReasons("provincial-petition",
                    "record_id = ?", xfjbh).isEmpty()
                    || !quarantineReasons("provincial-petition", "position LIKE ?", "%" + xfjbh + "%").isEmpty())) {
                outcome("quarantined", input, null);
            } else {
                outcome("FAILED CLBZ " + clbz, input, xfjbh + " " + flags.get("CLSM"));
            }
        });
        report("petition rows (exchange table)");
    }

    private static Map<String, Object> petition(String xfjbh, LocalDateTime sjc) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("XFJBH", xfjbh);
        row.put("XFXS", "2");
        row.put("XFMD", "3");
        row.put("XFRXM", "冯红兰");
        row.put("ZJHM", PetitionRows.idNumberOf(xfjbh));
        row.put("LXDH", PetitionRows.phoneOf(xfjbh));
        row.put("RS", 1);
        row.put("WTSDD", "440303");
        row.put("XXDZ", "罗湖区东门街道");
        row.put("NRFL", "0101");
        row.put("BT", "集体反映问题");
        row.put("XFNR", PetitionRows.gbk("老板拖欠工资三个月。"));
        row.put("SFSFSS", "0");
        row.put("DJSJ", sjc);
        row.put("BLZT", "01");
        row.put("SJC", sjc);
        return row;
    }

    /** the exchange table's text columns and their lengths (contracts/xf_exchange.sql) */
    private static final Map<String, Integer> TEXT_COLUMNS = Map.ofEntries(Map.entry("XFXS", 1), Map.entry("XFMD", 1),
            Map.entry("XFRXM", 50), Map.entry("ZJHM", 18), Map.entry("LXDH", 20), Map.entry("WTSDD", 12),
            Map.entry("XXDZ", 200), Map.entry("NRFL", 4), Map.entry("BT", 200), Map.entry("SFSFSS", 1),
            Map.entry("BLZT", 2));

    /**
     * Sets one column (not the key, not SJC: the exchange table's own order) to something hostile that the column's
     * type still takes (text cut to its length), or now and then to NULL; says which.
     */
    private static String hostileColumn(Map<String, Object> row, HostileValues values) {
        String column = values.pick(List.of("XFXS", "XFMD", "XFRXM", "ZJHM", "LXDH", "RS", "WTSDD", "XXDZ", "NRFL", "BT",
                "XFNR", "SFSFSS", "DJSJ", "BLZT"));
        if (values.below(10) == 0) {
            row.put(column, null);
            return column + "=NULL";
        }
        Object value = switch (column) {
            case "RS" -> values.below(3) == 0 ? 0 : values.below(2) == 0 ? -values.below(100) : values.below(100_000);
            case "DJSJ" -> LocalDateTime.of(1 + values.below(9999), 1 + values.below(12), 1 + values.below(28),
                    values.below(24), values.below(60));
            case "XFNR" -> switch (values.below(3)) {
                case 0 -> values.bytes(200);
                case 1 -> new byte[0];
                default -> gbkOrRandom(values.text(), values);
            };
            default -> {
                String text = values.text();
                yield text.length() > TEXT_COLUMNS.get(column) ? text.substring(0, TEXT_COLUMNS.get(column)) : text;
            }
        };
        row.put(column, value);
        return column + "=" + (value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value));
    }

    private static byte[] gbkOrRandom(String text, HostileValues values) {
        try {
            return GbkText.encode(text);
        } catch (CharacterCodingException e) {
            return values.bytes(50);
        }
    }

    private void insert(Map<String, Object> row) {
        exchange.update("INSERT INTO XF_JBXX_EXCHANGE (" + String.join(", ", row.keySet()) + ", CLBZ) VALUES ("
                + "?, ".repeat(row.size()) + "'0')", row.values().toArray());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
