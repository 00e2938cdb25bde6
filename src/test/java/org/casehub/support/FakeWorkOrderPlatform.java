package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.casehub.embedded.FreePorts;
import org.casehub.simulator.LivelihoodFeedbackBook;

/**
 * Plays the 12345 platform's work-order API for the tests, on a free port: orders ordered by
 * (updateTime, orderNo), an order that changes moving to the end, X-Api-Key checked, and answers
 * scripted by the test (429 with Retry-After, 503, 401) before the next real ones, or 503 to every request while
 * it is {@link #down(boolean) down}; and its feedback API (contracts §4.1, {@link LivelihoodFeedbackBook}), with its
 * own scripted answers.
 */
public final class FakeWorkOrderPlatform {

    public static final String API_KEY = "it-livelihood-key";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the platform saw it. */
    public record Request(Instant at, String updatedSince, int page, int size, int status) {
    }

    private record Scripted(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final Map<String, ObjectNode> orders = new HashMap<>();
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    /** answers to the feedback API scripted by the test, before the platform's own (apart from the pull's) */
    private final Deque<Scripted> scriptedFeedback = new ArrayDeque<>();
    private final LivelihoodFeedbackBook feedback = new LivelihoodFeedbackBook();
    /** every feedback request: its order and the status answered */
    private final List<String> feedbackRequests = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private Consumer<FakeWorkOrderPlatform> afterNextPage;
    private boolean down;
    // every order gets a later time than any before it, so that tests never write below the hub's watermark
    private LocalDateTime clock = LocalDateTime.parse("2026-11-20T08:00:00");

    private FakeWorkOrderPlatform(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/workorders", this::handle);
        server.start();
    }

    public static FakeWorkOrderPlatform start() {
        return new FakeWorkOrderPlatform(FreePorts.free());
    }

    /** Stops serving (the port is free again). */
    public void stop() {
        server.stop(0);
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The next update time; {@code sameSecond} keeps the current one, for runs of equal updateTimes. */
    public synchronized String tick(boolean sameSecond) {
        if (!sameSecond) {
            clock = clock.plusSeconds(1);
        }
        return TIME.format(clock);
    }

    /** A new order, or a change of a known one (which then moves to the end of the ordering). */
    public synchronized ObjectNode put(String orderNo, String updateTime, String state) {
        ObjectNode order = order(orderNo, updateTime, state);
        orders.put(orderNo, order);
        return order;
    }

    /** An order as given (the contract's samples), keyed by its orderNo. */
    public synchronized void put(ObjectNode order) {
        orders.put(order.path("orderNo").asText(), order);
    }

    /** An order written by the test, at the platform's next update time. */
    public synchronized void putNow(ObjectNode order) {
        order.put("updateTime", tick(false));
        put(order);
    }

    /**
     * A work order in the contract's format: a noise complaint, placed by division names, with a citizen named 周娜;
     * her mobile, her resident ID number and the house number are derived from the order number: every order is
     * another person's grievance, so deduplication never joins two of them.
     */
    public static ObjectNode order(String orderNo, String updateTime, String state) {
        ObjectNode order = JSON.createObjectNode();
        order.put("orderNo", orderNo);
        order.put("updateTime", updateTime);
        order.put("acceptTime", updateTime);
        order.put("deadline", "2026-12-31 18:00:00");
        order.put("channel", "12345热线");
        order.put("category", "投诉");
        order.put("matterType", "城市管理/噪声");
        order.put("title", "夜间施工噪声扰民");
        String digits = orderNo.replaceAll("\\D", "");
        int house = Integer.parseInt(digits.substring(Math.max(0, digits.length() - 6))) % 10_000;
        order.put("content", "南山区粤海街道京光社区梅观路" + house + "号周边夜间施工噪声严重。");
        order.putObject("citizen").put("name", "周娜").put("mobile", mobileOf(orderNo)).put("certType", "身份证")
                .put("certNo", idNumberOf(orderNo));
        order.put("districtName", "南山区");
        order.put("streetName", "粤海街道");
        order.put("communityName", "京光社区");
        order.put("address", "南山区粤海街道京光社区梅观路" + house + "号");
        order.put("handleDept", "南山区相关职能部门");
        order.put("state", state);
        return order;
    }

    /** The citizen's resident ID number in the order of this number. */
    public static String idNumberOf(String orderNo) {
        String digits = orderNo.replaceAll("\\D", "");
        return TestPersons.idNumber("440305", Long.parseLong(digits.substring(Math.max(0, digits.length() - 9))));
    }

    /** The citizen's mobile in the order of this number. */
    public static String mobileOf(String orderNo) {
        String digits = orderNo.replaceAll("\\D", "");
        return "177" + digits.substring(Math.max(0, digits.length() - 8));
    }

    /** While down, every request is answered 503 (after the scripted answers). */
    public synchronized void down(boolean down) {
        this.down = down;
    }

    public synchronized void answerNext(int status, String retryAfter) {
        scripted.addLast(new Scripted(status, retryAfter));
    }

    /** Runs once, right after the next page with items was served. */
    public synchronized void afterNextPage(Consumer<FakeWorkOrderPlatform> action) {
        afterNextPage = action;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next answer of the feedback API (contracts §4.1), before the platform's own. */
    public synchronized void answerNextFeedback(int status, String retryAfter) {
        scriptedFeedback.addLast(new Scripted(status, retryAfter));
    }

    /** The feedback an order took, in order. */
    public List<JsonNode> feedbackOf(String orderNo) {
        return feedback.taken(orderNo);
    }

    /** Every feedback request as {@code <orderNo> <status>}, in order. */
    public List<String> feedbackRequests() {
        return List.copyOf(feedbackRequests);
    }

    private void handleFeedback(HttpExchange exchange, String orderNo) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        LivelihoodFeedbackBook.Answer answer;
        synchronized (this) {
            Scripted next = scriptedFeedback.pollFirst();
            if (next != null) {
                answer = new LivelihoodFeedbackBook.Answer(next.status(), "{}");
                if (next.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
                }
            } else if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                answer = new LivelihoodFeedbackBook.Answer(401, "{}");
            } else {
                answer = feedback.feedback(orderNo, orders.containsKey(orderNo), body);
            }
        }
        feedbackRequests.add(orderNo + " " + answer.status());
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/feedback")) {
            String[] parts = path.split("/");
            handleFeedback(exchange, parts[parts.length - 2]);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int page = Integer.parseInt(query.getOrDefault("page", "0"));
        int size = Integer.parseInt(query.getOrDefault("size", "20"));
        String since = query.getOrDefault("updatedSince", "1970-01-01 00:00:00");
        byte[] body = new byte[0];
        int status;
        Consumer<FakeWorkOrderPlatform> after = null;
        synchronized (this) {
            Scripted next = scripted.pollFirst();
            if (next != null) {
                status = next.status();
                if (next.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
                }
            } else if (down) {
                status = 503;
            } else if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                status = 401;
            } else {
                status = 200;
                List<ObjectNode> matching = new ArrayList<>(orders.values().stream()
                        .filter(o -> o.path("updateTime").asText().compareTo(since) >= 0)
                        .sorted(Comparator.comparing((ObjectNode o) -> o.path("updateTime").asText())
                                .thenComparing(o -> o.path("orderNo").asText()))
                        .toList());
                ObjectNode answer = JSON.createObjectNode().put("total", matching.size()).put("page", page).put("size", size);
                ArrayNode items = answer.putArray("items");
                matching.stream().skip((long) page * size).limit(size).forEach(items::add);
                body = JSON.writeValueAsBytes(answer);
                if (!items.isEmpty() && afterNextPage != null) {
                    after = afterNextPage;
                    afterNextPage = null;
                }
            }
        }
        requests.add(new Request(Instant.now(), since, page, size, status));
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
        if (after != null) {
            after.accept(this);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
