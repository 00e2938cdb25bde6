package org.casehub.feed;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of {@code GET /api/v1/workorders}: the orders as the platform sent them. */
public record WorkOrderPage(long total, int page, int size, List<JsonNode> items) {
}
