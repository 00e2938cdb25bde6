package org.casehub.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.home.CasehubHome;
import org.casehub.network.DivisionDirectory;
import org.springframework.stereotype.Component;

/**
 * Plays the 12345 platform's work-order store ({@code casehub.simulator.enabled=true}): new orders in
 * real Shenzhen divisions, given by NAME as the platform does, and now and then a change of an earlier
 * one, which moves it to the end of the (updateTime, orderNo) ordering. Served by {@link LivelihoodSimulatorApi}.
 */
@Component("livelihoodSimulator")
public class LivelihoodSimulator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Comparator<JsonNode> ORDERING = Comparator.comparing((JsonNode o) -> o.path("updateTime").asText())
            .thenComparing(o -> o.path("orderNo").asText());

    private final ObjectMapper json;
    private final SimulatedTexts texts;
    private final DivisionDirectory divisions;
    private final JsonNode templates;
    private final List<ObjectNode> orders = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 1000 % 1_000_000);

    public LivelihoodSimulator(ObjectMapper json, CasehubHome home, DivisionDirectory divisions) {
        this.json = json;
        this.divisions = divisions;
        this.texts = new SimulatedTexts(json, home, divisions);
        this.templates = SimulatedTexts.read(json, home, "config/simulator/livelihood.json");
    }

    public synchronized void next() {
        LocalDateTime now = LocalDateTime.now(BeijingTime.ZONE).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> open = orders.stream().filter(o -> !"已回访".equals(o.path("state").asText())).toList();
        if (!open.isEmpty() && ThreadLocalRandom.current().nextInt(5) == 0) {
            ObjectNode order = open.get(ThreadLocalRandom.current().nextInt(open.size()));
            List<String> states = new ArrayList<>();
            templates.path("states").forEach(s -> states.add(s.asText()));
            order.put("state", states.get(Math.min(states.indexOf(order.path("state").asText()) + 1, states.size() - 1)));
            order.put("updateTime", TIME.format(now));
        } else {
            orders.add(newOrder(now));
        }
    }

    private final LivelihoodFeedbackBook feedback = new LivelihoodFeedbackBook();

    /** {@code POST /api/v1/workorders/{orderNo}/feedback}: a result for one of the platform's orders. */
    public LivelihoodFeedbackBook.Answer feedback(String orderNo, JsonNode body) {
        boolean known;
        synchronized (this) {
            known = orders.stream().anyMatch(o -> o.path("orderNo").asText().equals(orderNo));
        }
        return feedback.feedback(orderNo, known, body);
    }

    /** A page as {@code GET /api/v1/workorders} answers it. */
    public synchronized ObjectNode page(String updatedSince, int page, int size) {
        List<ObjectNode> matching = orders.stream()
                .filter(o -> o.path("updateTime").asText().compareTo(updatedSince) >= 0)
                .sorted(ORDERING)
                .toList();
        ObjectNode answer = json.createObjectNode().put("total", matching.size()).put("page", page).put("size", size);
        var items = answer.putArray("items");
        matching.stream().skip((long) page * size).limit(size).forEach(o -> items.add(o.deepCopy()));
        return answer;
    }

    private ObjectNode newOrder(LocalDateTime now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String community = texts.community();
        String district = divisions.name(community.substring(0, 6)).orElse("");
        String street = divisions.name(community.substring(0, 9)).orElse("");
        // the platform writes community names loosely: 光明社区 for 光明社区居委会
        String communityName = divisions.name(community).orElse("").replaceAll("(居民委员会|居委会)$", "");
        String address = district + street + communityName + texts.road();
        List<String> matterTypes = new ArrayList<>();
        templates.path("matters").fieldNames().forEachRemaining(matterTypes::add);
        String matterType = matterTypes.get(random.nextInt(matterTypes.size()));
        JsonNode matter = templates.path("matters").path(matterType);
        String category = matter.path("category").asText();
        String content = texts.fill(SimulatedTexts.pick(matter.path("texts")), address);

        ObjectNode order = json.createObjectNode();
        order.put("orderNo", "GD12345-" + now.format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + String.format("%06d", sequence.incrementAndGet() % 1_000_000));
        order.put("updateTime", TIME.format(now));
        order.put("acceptTime", TIME.format(now));
        order.put("deadline", TIME.format(now.plusDays(templates.path("answerDays").path(category).asInt(15))));
        order.put("channel", SimulatedTexts.pick(templates.path("channels")));
        order.put("category", category);
        order.put("matterType", matterType);
        order.put("title", content.substring(0, Math.min(16, content.length())));
        order.put("content", content);
        ObjectNode citizen = order.putObject("citizen");
        if (random.nextInt(4) > 0) {
            citizen.put("name", texts.personName()).put("mobile", SimulatedTexts.mobile());
            if (random.nextBoolean()) {
                citizen.put("certType", "身份证").put("certNo", SimulatedTexts.idNumber());
            }
        }
        order.put("districtName", district);
        order.put("streetName", street);
        if (random.nextInt(5) > 0) {
            order.put("communityName", communityName);
        }
        order.put("address", address);
        order.put("handleDept", district + "相关职能部门");
        order.put("state", templates.path("states").get(random.nextInt(2)).asText());
        return order;
    }
}
