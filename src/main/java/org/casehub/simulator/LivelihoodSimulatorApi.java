package org.casehub.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.feed.LivelihoodProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated 12345 platform's API, {@code GET /simulator/livelihood/api/v1/workorders}, as the
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
}
