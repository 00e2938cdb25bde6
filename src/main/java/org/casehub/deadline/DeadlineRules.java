package org.casehub.deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.casehub.deadline.WorkingCalendar.Counting;

/**
 * The limits per feed, as {@code config/deadlines.yaml} writes them (its header explains each field): data, so that
 * IT staff change a limit without a release. Checked when read: a rule that could not compute a deadline fails the
 * start, naming the feed and kind.
 */
public final class DeadlineRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A test on one field of the case: its text is (or is not) one of the values. */
    public record Condition(String field, @JsonProperty("in") List<String> in, @JsonProperty("not-in") List<String> notIn) {

        boolean holds(JsonNode data) {
            JsonNode value = data.at(field);
            String text = value.isMissingNode() || value.isNull() ? null : value.asText();
            return in != null ? in.contains(text) : !notIn.contains(text);
        }
    }

    /**
     * An extension of the limit, granted when the case's field is true.
     *
     * @param rule the rule shown with an extended deadline, saying so (none: the deadline's own rule)
     */
    public record Extension(String field, int days, String rule) {
    }

    /** One deadline of the feed's cases. */
    public record Rule(String kind, String rule, String sourceDue, JsonNode starts, String counting, Integer limit,
                       String limitKey, Map<String, Integer> limits, Integer defaultLimit, Boolean holidayEndMoves,
                       Extension extension, Condition metWhen) {

        /** Null: the clock starts at the case's reportedAt; else the condition whose first holding starts it. */
        Condition startCondition() {
            return starts.isTextual() ? null : YAML.convertValue(starts, Condition.class);
        }

        boolean inHours() {
            return "hours".equals(counting);
        }

        Counting calendarCounting() {
            return "working-days".equals(counting) ? Counting.WORKING_DAYS : Counting.CALENDAR_DAYS;
        }

        boolean movesHolidayEnd() {
            return Boolean.TRUE.equals(holidayEndMoves);
        }

        /** The limit for this case, or null when the rule has none for it. */
        Integer limitFor(JsonNode data) {
            if (limit != null) {
                return limit;
            }
            JsonNode value = data.at(limitKey);
            String key = value.isMissingNode() || value.isNull() ? "" : value.asText();
            int slash = key.indexOf('/');
            return limits.getOrDefault(slash < 0 ? key : key.substring(0, slash), defaultLimit);
        }

        private void check(String feed, List<String> problems) {
            String at = feed + " " + kind + ": ";
            if (kind == null || rule == null || starts == null || metWhen == null) {
                problems.add(at + "kind, rule, starts and met-when are required");
                return;
            }
            if (!List.of("working-days", "calendar-days", "hours").contains(counting)) {
                problems.add(at + "counting must be working-days, calendar-days or hours, not " + counting);
            }
            if ((limit == null) == (limitKey == null || limits == null)) {
                problems.add(at + "give either limit, or limit-key with limits");
            }
            if (starts.isTextual() ? !"reported".equals(starts.asText()) : !conditionValid(YAML.convertValue(starts, Condition.class))) {
                problems.add(at + "starts must be 'reported' or a condition {field, in | not-in}");
            }
            if (!conditionValid(metWhen)) {
                problems.add(at + "met-when must be a condition {field, in | not-in}");
            }
        }

        private static boolean conditionValid(Condition condition) {
            return condition.field() != null && condition.field().startsWith("/")
                    && (condition.in() == null) != (condition.notIn() == null);
        }
    }

    private record File(Map<String, List<Rule>> feeds) {
    }

    private final Map<String, List<Rule>> feeds;

    private DeadlineRules(Map<String, List<Rule>> feeds) {
        this.feeds = feeds;
    }

    /**
     * @throws IllegalArgumentException naming every rule that cannot compute a deadline
     */
    public static DeadlineRules parse(String origin, String yaml) {
        File file;
        try {
            file = YAML.readValue(yaml, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deadline rules " + origin + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<Rule>> feeds = file.feeds() == null ? Map.of() : file.feeds();
        feeds.forEach((feed, rules) -> rules.forEach(rule -> rule.check(feed, problems)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("deadline rules " + origin + ": " + String.join("; ", problems));
        }
        return new DeadlineRules(feeds);
    }

    /** The rules of a feed's cases (none for a feed without any). */
    public List<Rule> of(String feed) {
        return feeds.getOrDefault(feed, List.of());
    }
}
