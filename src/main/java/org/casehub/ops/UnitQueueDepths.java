package org.casehub.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.postoffice.Binding;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.casehub.network.UnitResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How many messages wait in the units' Artemis queues (casehub.unit.*), asked of the broker's management: the
 * embedded broker in-process, an external one through its management address ({@code activemq.management}, which
 * needs the hub's user to have the {@code manage} permission). Fails soft: unknown when the broker does not answer.
 */
@Component
public class UnitQueueDepths {

    private static final Logger log = LoggerFactory.getLogger(UnitQueueDepths.class);
    /** queues holding messages, deepest first: a unit whose system consumes keeps its queue near empty */
    private static final String NON_EMPTY_QUEUES = "{\"field\":\"messageCount\",\"operation\":\"GREATER_THAN\",\"value\":\"0\","
            + "\"sortField\":\"messageCount\",\"sortOrder\":\"desc\"}";
    private static final int MAX_QUEUES = 5000;

    private final ArtemisManagement management;
    private final ObjectMapper json;

    UnitQueueDepths(ArtemisManagement management, ObjectMapper json) {
        this.management = management;
        this.json = json;
    }

    /** The unit queues holding messages, deepest first; {@code available} false when the broker did not answer. */
    public Depths depths() {
        try {
            Optional<ActiveMQServer> embedded = management.embedded();
            return new Depths(true, null, embedded.isPresent() ? embeddedDepths(embedded.get()) : externalDepths());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("unit queue depths unknown: {}", e.getMessage());
            return new Depths(false, e.getMessage(), List.of());
        }
    }

    /**
     * The embedded broker's unit queues read from its post office, in the hub's own process: asked every
     * {@code casehub.ops.refresh}, its management's listQueues rendered every queue of ~900 units as JSON that this
     * class parsed again (a twentieth of the embedded hub's CPU under load).
     */
    private static List<Depth> embeddedDepths(ActiveMQServer server) throws Exception {
        List<Depth> units = new ArrayList<>();
        for (Binding binding : server.getPostOffice().getAllBindings().toList()) {
            if (binding instanceof QueueBinding queueBinding) {
                Queue queue = queueBinding.getQueue();
                String name = queue.getName().toString();
                long messages = queue.getMessageCount();
                if (messages > 0 && name.startsWith(UnitResolver.ADDRESS_PREFIX)) {
                    units.add(new Depth(name.substring(UnitResolver.ADDRESS_PREFIX.length()), name, messages,
                            queue.getConsumerCount()));
                }
            }
        }
        units.sort(Comparator.comparingLong(Depth::messages).reversed());
        return units.size() > MAX_QUEUES ? List.copyOf(units.subList(0, MAX_QUEUES)) : units;
    }

    /**
     * An external broker's, through its management address: the non-empty queues, deepest first. The answer is read
     * once and reused as read ({@code casehub.ops.broker-refresh}), not parsed again at every health refresh.
     */
    private List<Depth> externalDepths() throws Exception {
        return management.invoke(String.class, this::parse, ResourceNames.BROKER, "listQueues", NON_EMPTY_QUEUES, 1,
                MAX_QUEUES);
    }

    private List<Depth> parse(String answer) throws Exception {
        List<Depth> units = new ArrayList<>();
        for (JsonNode queue : json.readTree(answer).path("data")) {
            String name = queue.path("name").asText();
            if (name.startsWith(UnitResolver.ADDRESS_PREFIX)) {
                units.add(new Depth(name.substring(UnitResolver.ADDRESS_PREFIX.length()), name,
                        queue.path("messageCount").asLong(), queue.path("consumerCount").asInt()));
            }
        }
        return List.copyOf(units);
    }

    /** One unit's queue: its unit code, queue name, messages waiting and consumers attached. */
    public record Depth(String unit, String queue, long messages, int consumers) {
    }

    public record Depths(boolean available, String error, List<Depth> units) {

        public long total() {
            return units.stream().mapToLong(Depth::messages).sum();
        }
    }
}
