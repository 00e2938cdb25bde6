package org.casehub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.feed.LivelihoodProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated 12345 platform's API, {@code GET /simulator/livelihood/api/v1/workorders} and the feedback the hub
 * writes back ({@code POST …/workorders/{orderNo}/feedback}, {@link LivelihoodFeedbackBook}), as the
 * contract describes it (X-Api-Key, updatedSince inclusive, page from 0, size 1–500). Only with the simulator on.
 */
@RestController
@ConditionalOnProperty(name = "casehub.simulator.enabled", havingValue = "true")
public class LivelihoodSimulatorApi {

    private final LivelihoodSimulator platform;
    private final LivelihoodProperties properties;

    public LivelihoodSimulatorApi(LivelihoodSimulator platform, LivelihoodProperties properties) {
        this.platform = platform;
        this.properties = properties;
    }

    @GetMapping(path = "/simulator/livelihood/api/v1/workorders", produces = "application/json;charset=UTF-8")
    public ResponseEntity<ObjectNode> workOrders(@RequestHeader(name = "X-Api-Key", required = false) String apiKey,
                                                 @RequestParam(defaultValue = "1970-01-01 00:00:00") String updatedSince,
                                                 @RequestParam(defaultValue = "0") int page,
                                                 @RequestParam(defaultValue = "20") int size) {
        if (apiKey == null || !apiKey.equals(properties.apiKey())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (page < 0 || size < 1 || size > 500) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(platform.page(updatedSince, page, size));
    }

    /** The feedback API (contracts §4.1): what a unit did on an order, as the hub writes it back. */
    @PostMapping(path = "/simulator/livelihood/api/v1/workorders/{orderNo}/feedback", produces = "application/json;charset=UTF-8")
    public ResponseEntity<String> feedback(@RequestHeader(name = "X-Api-Key", required = false) String apiKey,
                                           @PathVariable String orderNo, @RequestBody JsonNode body) {
        if (apiKey == null || !apiKey.equals(properties.apiKey())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        LivelihoodFeedbackBook.Answer answer = platform.feedback(orderNo, body);
        return ResponseEntity.status(answer.status()).body(answer.body());
    }
}
