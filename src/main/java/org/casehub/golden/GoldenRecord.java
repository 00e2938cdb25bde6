package org.casehub.golden;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The golden record: a case of several source records shows each field (title, description, category, place, times,
 * persons, status, deadline) from the most trusted source that has it — per field an order of feeds
 * ({@link GoldenProperties}), ties to the most recently received record — instead of all of them from the record that
 * opened the case. The case says where each field came from and why ({@code provenance}: feed, record id, version,
 * reason). Applied whenever a case is composed, so it is computed again on every new version, merge and split. The
 * persons are those of every source, the chosen source's first. The other properties stay the case's own.
 */
@Component
public class GoldenRecord {

    private final GoldenProperties properties;

    public GoldenRecord(GoldenProperties properties) {
        this.properties = properties;
    }

    /** One source record of the case as mapped (persons masked and hashed). */
    public record Source(String feed, String recordId, long version, Instant receivedAt, JsonNode canonical) {
    }

    /** Sets each golden field of the case from its source, the persons of all sources, and {@code provenance}. */
    public void apply(ObjectNode data, List<Source> sources) {
        ObjectNode provenance = data.objectNode();
        for (GoldenField field : GoldenField.values()) {
            List<String> order = properties.trust().of(field);
            List<Source> ranked = sources.stream().sorted(byTrust(order)).toList();
            Source chosen = chosen(field, ranked).orElse(null);
            if (chosen == null) {
                continue;
            }
            if (field == GoldenField.PERSONS) {
                data.set("persons", persons(data, ranked, chosen));
            } else {
                for (String property : field.properties()) {
                    JsonNode value = chosen.canonical().get(property);
                    if (value == null || value.isNull()) {
                        data.remove(property);
                    } else {
                        data.set(property, value.deepCopy());
                    }
                }
            }
            provenance.putObject(field.label())
                    .put("feed", chosen.feed())
                    .put("recordId", chosen.recordId())
                    .put("version", chosen.version())
                    .put("reason", reason(field, order, ranked, chosen));
        }
        data.set("provenance", provenance);
    }

    /** The canonical record of the source the case's place comes from, or empty when no source has one. */
    public Optional<JsonNode> place(List<Source> sources) {
        return chosen(GoldenField.PLACE, sources.stream().sorted(byTrust(properties.trust().of(GoldenField.PLACE))).toList())
                .map(Source::canonical);
    }

    private static Optional<Source> chosen(GoldenField field, List<Source> ranked) {
        return ranked.stream().filter(s -> has(s.canonical(), field.properties().get(0))).findFirst();
    }

    /** Most trusted first (feeds not in the order after those in it), then the most recently received. */
    private static Comparator<Source> byTrust(List<String> order) {
        return Comparator.<Source>comparingInt(s -> rank(order, s.feed()))
                .thenComparing(Source::receivedAt, Comparator.reverseOrder())
                .thenComparing(Source::version, Comparator.reverseOrder());
    }

    private static int rank(List<String> order, String feed) {
        int rank = order.indexOf(feed);
        return rank < 0 ? order.size() : rank;
    }

    private static boolean has(JsonNode canonical, String property) {
        JsonNode value = canonical.get(property);
        if (value == null || value.isNull()) {
            return false;
        }
        return value.isTextual() ? !value.asText().isBlank() : !value.isContainerNode() || !value.isEmpty();
    }

    /** The chosen source's persons, then those of the others (in order of trust) not already there. */
    private static ArrayNode persons(ObjectNode data, List<Source> ranked, Source chosen) {
        Set<JsonNode> persons = new LinkedHashSet<>();
        chosen.canonical().path("persons").forEach(persons::add);
        ranked.forEach(s -> s.canonical().path("persons").forEach(persons::add));
        return data.arrayNode().addAll(persons);
    }

    /** Why the field came from that source, in the words an operator reads. */
    private static String reason(GoldenField field, List<String> order, List<Source> ranked, Source chosen) {
        List<String> lacking = new ArrayList<>();
        for (Source source : ranked) {
            if (source == chosen) {
                break;
            }
            lacking.add(source.feed() + ":" + source.recordId());
        }
        String label = field.label();
        if (order.isEmpty()) {
            return "the most recently received record that has the " + label + " (no order of trust for " + label + ")";
        }
        String trust = " (order of trust for " + label + ": " + String.join(" > ", order) + ")";
        int rank = rank(order, chosen.feed());
        String why = rank < order.size() ? chosen.feed() + " is the most trusted feed that has the " + label + trust
                : "no feed of the order has the " + label + trust + ": the most recently received record that has it";
        long peers = ranked.stream().filter(s -> rank(order, s.feed()) == rank && has(s.canonical(), field.properties().get(0)))
                .count();
        return why + (peers > 1 && rank < order.size() ? "; of its " + peers + " records the most recently received" : "")
                + (lacking.isEmpty() ? "" : "; ranked higher but without it: " + String.join(", ", lacking));
    }
}
