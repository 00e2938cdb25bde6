package org.casehub.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 12345 platform's side of the feedback API (contracts §4.1), shared by the simulated platform and the tests' fake
 * one: a feedbackId is taken once (409 {@code DUPLICATE} after), an unknown order is 404, and the states follow the
 * order's: 已受理 (or 退回 instead) → 办理中 (any number) → 已办结, nothing after 已办结 (422 {@code STATE}).
 */
public final class LivelihoodFeedbackBook {

    private static final Set<String> STATES = Set.of("已受理", "办理中", "已办结", "退回");

    /** The platform's answer: its HTTP status and JSON body. */
    public record Answer(int status, String body) {
    }

    private final Set<String> feedbackIds = new HashSet<>();
    private final Map<String, List<JsonNode>> taken = new HashMap<>();

    /** Takes one feedback for an order the platform has ({@code known}) or has not. */
    public synchronized Answer feedback(String orderNo, boolean known, JsonNode body) {
        String feedbackId = body.path("feedbackId").asText("");
        String state = body.path("state").asText("");
        if (feedbackId.isEmpty() || feedbackId.length() > 64 || !STATES.contains(state)
                || body.path("deptCode").asText("").isEmpty() || body.path("deptName").asText("").isEmpty()
                || body.path("content").asText("").length() > 2000) {
            return new Answer(400, "{\"code\": \"INVALID\"}");
        }
        if (feedbackIds.contains(feedbackId)) {
            return new Answer(409, "{\"code\": \"DUPLICATE\"}");
        }
        if (!known) {
            return new Answer(404, "{\"code\": \"NOT_FOUND\"}");
        }
        List<JsonNode> before = taken.computeIfAbsent(orderNo, o -> new ArrayList<>());
        String last = before.isEmpty() ? null : before.get(before.size() - 1).path("state").asText();
        if (!follows(last, state)) {
            return new Answer(422, "{\"code\": \"STATE\", \"message\": \"" + state + " does not follow "
                    + (last == null ? "a new order" : last) + "\"}");
        }
        feedbackIds.add(feedbackId);
        before.add(body);
        return new Answer(200, "{\"accepted\": true}");
    }

    /** The feedback an order took, in order. */
    public synchronized List<JsonNode> taken(String orderNo) {
        return List.copyOf(taken.getOrDefault(orderNo, List.of()));
    }

    private static boolean follows(String last, String state) {
        if (last == null) {
            return state.equals("已受理") || state.equals("退回");
        }
        return switch (last) {
            case "已受理", "办理中" -> state.equals("办理中") || state.equals("已办结");
            default -> false;
        };
    }
}
