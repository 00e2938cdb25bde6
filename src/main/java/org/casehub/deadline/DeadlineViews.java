package org.casehub.deadline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Shows the cases' deadlines where the case API and Open311 show a case: under {@code deadlines}, every deadline with
 * its state as of the request ({@code statutory}) and the one that runs out first ({@code current}).
 */
@Component
public class DeadlineViews {

    private final DeadlineRepository repository;
    private final ObjectMapper json;

    public DeadlineViews(DeadlineRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** Adds their deadlines to the cases (by case id), with one query for all of them. */
    public void show(Map<String, ObjectNode> cases) {
        Map<String, Map<String, Deadline>> found = repository.byCase(cases.keySet());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        cases.forEach((caseId, data) -> show(data, found.getOrDefault(caseId, Map.of()).values(), now));
    }

    void show(ObjectNode data, Collection<Deadline> deadlines, OffsetDateTime now) {
        if (deadlines.isEmpty()) {
            return;
        }
        ObjectNode shown = data.withObject("/deadlines");
        shown.set("statutory", json.valueToTree(deadlines.stream()
                .sorted(Comparator.comparing(Deadline::dueAt)).map(d -> d.view(now)).toList()));
        deadlines.stream().filter(d -> Deadline.RUNNING.equals(d.state())).min(Comparator.comparing(Deadline::dueAt))
                .ifPresent(current -> shown.put("current", current.dueAt().toInstant().toString()));
    }
}
