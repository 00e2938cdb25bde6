package org.casehub.unmapped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.casehub.index.UnmappedCodes;
import org.casehub.mapping.CodeList;
import org.casehub.mapping.CodeLists;
import org.casehub.quarantine.QuarantineNotFoundException;
import org.casehub.security.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The unmapped codes for operators (routes/api/unmapped-codes.camel.yaml): which codes the sources' classification
 * lists did not know, with their counts, first and last seen, the records still on a fallback and every feed's share
 * of records stored with one; and the re-map an operator starts once a code was added.
 */
@Component("unmappedCodesApi")
public class UnmappedCodesApi {

    private final UnmappedCodes unmapped;
    private final UnmappedCodeRemaps remaps;
    private final CodeLists codeLists;
    private final UnmappedProperties properties;

    public UnmappedCodesApi(UnmappedCodes unmapped, UnmappedCodeRemaps remaps, CodeLists codeLists,
                            UnmappedProperties properties) {
        this.unmapped = unmapped;
        this.remaps = remaps;
        this.codeLists = codeLists;
        this.properties = properties;
    }

    /** The codes met (of one feed or list, when given), most recently seen first, and each feed's share. */
    public Map<String, Object> list(@Header("feed") String feed, @Header("list") String list) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", unmapped.codes(blankToNull(feed), blankToNull(list)));
        answer.put("window", properties.window().toString());
        answer.put("feeds", unmapped.shares(properties.window(), OffsetDateTime.now(ZoneOffset.UTC)).values());
        return answer;
    }

    /** Starts re-mapping the records on a fallback for {"list", "code"} (no code: every code of the list): 202. */
    public RemapJobs.Job startRemap(@org.apache.camel.Body Map<String, Object> body, Exchange exchange) {
        String list = body == null || body.get("list") == null ? null : blankToNull(body.get("list").toString());
        if (list == null) {
            throw new IllegalArgumentException("name the code list to re-map: {\"list\": \"…\", \"code\": \"…\"}");
        }
        CodeList known;
        try {
            known = codeLists.list(list);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no code list " + list);
        }
        if (known.kind() != CodeList.Kind.CLASSIFICATION) {
            throw new IllegalArgumentException("code list " + list + " is strict: its unknown codes are quarantined, not"
                    + " stored with a fallback");
        }
        Object code = body.get("code");
        RemapJobs.Job job = remaps.start(list, code == null ? null : blankToNull(code.toString()), Callers.current());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HttpStatus.ACCEPTED.value());
        exchange.getMessage().setHeader("Location", "/api/unmapped-codes/remaps/" + job.id());
        return job;
    }

    /** A re-map's progress. */
    public RemapJobs.Job remapJob(@Header("jobId") String jobId) {
        return remaps.job(jobId).orElseThrow(() -> new QuarantineNotFoundException("no re-map " + jobId));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
