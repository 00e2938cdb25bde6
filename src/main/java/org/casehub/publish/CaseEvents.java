package org.casehub.publish;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/** Builds the CloudEvents 1.0 envelope (structured JSON) of a case change, as schemas/events/ describes it. */
@Component
public class CaseEvents {

    public static final String CREATED = "org.casehub.case.created";
    public static final String UPDATED = "org.casehub.case.updated";
    public static final String MERGED = "org.casehub.case.merged";
    public static final String REASSIGNED = "org.casehub.case.reassigned";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private static final String DATA_SCHEMA = "https://casehub.org/schemas/case.schema.json";

    private final ObjectMapper json;

    public CaseEvents(ObjectMapper json) {
        this.json = json;
    }

    public static String eventId(String caseId, int revision) {
        return caseId + ":" + revision;
    }

    /** Operators' decisions come from /casehub/operators, units' reports from /casehub/units, records from their feed. */
    public static String sourceOf(String feed) {
        return "operators".equals(feed) || "units".equals(feed) ? "/casehub/" + feed : "/casehub/feeds/" + feed;
    }

    public ObjectNode envelope(String type, String feed, ObjectNode caseData, OffsetDateTime time) {
        String caseId = caseData.path("caseId").asText();
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId(caseId, caseData.path("revision").asInt()));
        event.put("source", sourceOf(feed));
        event.put("type", type);
        event.put("subject", caseId);
        event.put("time", time.toInstant().toString());
        event.put("datacontenttype", "application/json");
        event.put("dataschema", DATA_SCHEMA);
        event.put("casehubfeed", feed);
        event.set("data", caseData);
        return event;
    }
}
