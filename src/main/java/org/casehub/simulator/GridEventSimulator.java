package org.casehub.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.casehub.home.CasehubHome;
import org.casehub.network.DivisionDirectory;
import org.casehub.security.IdNumbers;
import org.springframework.stereotype.Component;

/**
 * Plays the 深平安 platform for newcomers and demos ({@code casehub.simulator.enabled=true}): grid
 * events in the contract's format, placed in real Shenzhen communities, now and then a newer version
 * of an earlier event, as the platform re-sends changed events. Texts come from config/simulator/.
 */
@Component("gridEventSimulator")
public class GridEventSimulator {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    // always with seconds, as RFC 3339 requires (OffsetDateTime.toString drops zero seconds)
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ObjectMapper json;
    private final Templates templates;
    private final List<String> communities;
    private final AtomicLong sequence = new AtomicLong();
    private final Deque<ObjectNode> recent = new ArrayDeque<>();

    public GridEventSimulator(ObjectMapper json, CasehubHome home, DivisionDirectory divisions) {
        this.json = json;
        this.communities = divisions.codesUnder("4403", 12);
        try {
            this.templates = json.readValue(home.read("config/simulator/grid-events.json"), Templates.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config/simulator/grid-events.json", e);
        }
    }

    /** Puts the next grid event (JSON) in the body, keyed by its eventId as the platform does. */
    public void next(Exchange exchange) {
        ObjectNode event = ThreadLocalRandom.current().nextInt(10) == 0 && !recent.isEmpty() ? newerVersion() : newEvent();
        exchange.getMessage().setHeader(KafkaConstants.KEY, event.path("eventId").asText());
        exchange.getMessage().setBody(event.toString());
    }

    ObjectNode newEvent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        OffsetDateTime now = OffsetDateTime.now(BEIJING).truncatedTo(ChronoUnit.SECONDS);
        String community = communities.get(random.nextInt(communities.size()));
        String type = pick(List.copyOf(templates.events().keySet()));
        String address = pick(templates.roads()) + (1 + random.nextInt(300)) + "号";
        String content = pick(templates.events().get(type))
                .replace("{address}", address)
                .replace("{company}", pick(templates.companies()))
                .replace("{count}", String.valueOf(2 + random.nextInt(60)))
                .replace("{months}", String.valueOf(1 + random.nextInt(12)))
                .replace("{amount}", String.valueOf((1 + random.nextInt(500)) * 1000));

        ObjectNode event = json.createObjectNode();
        event.put("eventId", "PA" + now.toLocalDate().format(DAY) + String.format("%06d", sequence.incrementAndGet() % 1_000_000));
        event.put("version", 1);
        event.put("eventType", type);
        event.put("title", content.substring(0, Math.min(14, content.length())));
        event.put("content", content);
        event.put("gridCode", community + "-" + String.format("%02d", 1 + random.nextInt(12)));
        event.putObject("location").put("address", address);
        event.put("occurTime", TIME.format(now.minusHours(1 + random.nextInt(48))));
        event.put("reportTime", TIME.format(now));
        event.put("updatedAt", TIME.format(now));
        event.putObject("reporter").put("name", personName()).put("role", "网格员");
        ArrayNode parties = event.putArray("parties");
        if (random.nextInt(3) > 0) {
            parties.addObject().put("name", personName()).put("idCard", idNumber()).put("phone", mobile());
        }
        event.put("severity", 1 + random.nextInt(4));
        event.put("status", templates.statuses().get(0));
        remember(event);
        return event;
    }

    private ObjectNode newerVersion() {
        ObjectNode event = recent.pollFirst().deepCopy();
        int version = event.path("version").asInt() + 1;
        List<String> statuses = templates.statuses();
        event.put("version", version);
        event.put("status", statuses.get(Math.min(version - 1, statuses.size() - 1)));
        event.put("updatedAt", TIME.format(OffsetDateTime.now(BEIJING).truncatedTo(ChronoUnit.SECONDS)));
        if (version < statuses.size()) {
            remember(event);
        }
        return event;
    }

    private void remember(ObjectNode event) {
        recent.addLast(event);
        if (recent.size() > 100) {
            recent.pollFirst();
        }
    }

    private String personName() {
        return pick(templates.surnames()) + pick(templates.givenNames());
    }

    /** A resident ID of a Shenzhen district with a correct GB 11643 check character. */
    private static String idNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        String first17 = "4403" + String.format("%02d", 3 + random.nextInt(8)) + birth.format(DAY)
                + String.format("%03d", random.nextInt(1000));
        return first17 + IdNumbers.checkCharacter(first17);
    }

    private static String mobile() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    record Templates(List<String> surnames, List<String> givenNames, List<String> roads, List<String> companies,
                     List<String> statuses, Map<String, List<String>> events) {
    }
}
