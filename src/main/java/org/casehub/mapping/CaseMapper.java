package org.casehub.mapping;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.home.CasehubHome;
import org.casehub.security.Masking;
import org.springframework.stereotype.Component;

/**
 * Maps a source record to the canonical case with the feed's JSONata expression, mappings/&lt;feed&gt;.jsonata.
 * Each expression is compiled once per feed and evaluated in a fresh frame per record, so evaluations
 * share no state (jsonata-java before 0.9.10 grew its frame chain with every evaluation; the pom pins
 * 0.9.10). Besides JSONata's own, expressions can call {@code $code(list, code)} (a code list lookup, bound per
 * record: see {@link CodeLists.Lookups}) and {@code $beijingTime(text)} (a source time without offset →
 * RFC 3339 at +08:00). A record with a strict list's unknown codes is refused naming every one of them; a
 * classification list's unknown code is kept in the case's {@code unmappedCodes} with the code used instead.
 */
@Component("caseMapper")
public class CaseMapper {

    private final CasehubHome home;
    private final CodeLists codeLists;
    private final ObjectMapper json;
    private final Map<String, Jsonata> compiled = new ConcurrentHashMap<>();

    public CaseMapper(CasehubHome home, CodeLists codeLists, ObjectMapper json) {
        this.home = home;
        this.codeLists = codeLists;
        this.json = json;
    }

    public void map(FeedRecord record) {
        record.mapped(apply(record.feed(), record.source()));
    }

    /** The canonical case of one source record, or a rejection naming what failed. */
    public ObjectNode apply(String feed, JsonNode source) {
        return apply(compiled.computeIfAbsent(feed, f -> compile(home.read("mappings/" + f + ".jsonata"))), feed, source);
    }

    /** The canonical case of one source record by the given expression (a candidate not yet installed, say). */
    public ObjectNode apply(Jsonata expression, String feed, JsonNode source) {
        CodeLists.Lookups lookups = codeLists.lookups();
        Jsonata.Frame frame = expression.createFrame();
        frame.bind("code", (Jsonata.Fn2<String, Object, Object>) lookups::code);
        Object result;
        try {
            result = expression.evaluate(json.convertValue(source, Object.class), frame);
        } catch (RuntimeException e) {
            // a failure after an unknown strict code is most likely its consequence: the codes are the reason
            throw lookups.unknown().isEmpty() ? rejection(e) : unknownCodes(lookups);
        }
        if (!lookups.unknown().isEmpty()) {
            throw unknownCodes(lookups);
        }
        JsonNode mapped = json.valueToTree(result);
        if (mapped == null || !mapped.isObject()) {
            throw new RecordRejectedException("mapping", "the mapping of feed " + feed + " did not produce an object");
        }
        if (!lookups.unmapped().isEmpty()) {
            ((ObjectNode) mapped).set("unmappedCodes", json.valueToTree(lookups.unmapped()));
        }
        return (ObjectNode) mapped;
    }

    private static RecordRejectedException unknownCodes(CodeLists.Lookups lookups) {
        return new RecordRejectedException("code-list", Masking.scrub(String.join("; ", lookups.unknown())));
    }

    /** Forgets compiled expressions, so that edited files take effect. */
    public void reload() {
        compiled.clear();
    }

    /** Makes the expression the feed's running mapping, in place of whatever its file says. */
    public void install(String feed, Jsonata expression) {
        compiled.put(feed, expression);
    }

    /** Compiles a mapping's text with the hub's functions; a syntax error throws, naming its place. */
    public Jsonata compile(String text) {
        Jsonata expression = Jsonata.jsonata(text);
        expression.registerFunction("beijingTime", (Jsonata.Fn1<String, String>) CaseMapper::beijingTime);
        return expression;
    }

    private static String beijingTime(String value) {
        return value == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(BeijingTime.parse(value).atZone(BeijingTime.ZONE));
    }

    private static RecordRejectedException rejection(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CodeLists.UnknownCodeException unknown) {
                return new RecordRejectedException("code-list", Masking.scrub(unknown.getMessage()));
            }
        }
        return new RecordRejectedException("mapping", Masking.scrub(String.valueOf(e.getMessage())));
    }
}
