package org.casehub.security;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** The bean behind {@code routes/api/access.camel.yaml}: the calling client, and the audit trail for operators. */
@Component("accessApi")
public class AccessApi {

    private final AuditTrail audit;

    public AccessApi(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * The calling client as the hub sees it; never its key or the key's hash.
     *
     * @param roles        {@code reader}, {@code operator}
     * @param personalData whether it may read persons' data in the clear
     */
    public record Me(String id, String name, List<String> roles, Scope scope, boolean personalData) {
    }

    /**
     * @param code the configured division or zone code
     * @param kind {@code province}, {@code city}, {@code district}, {@code street}, {@code community} or {@code zone}
     * @param name the division's or zone's name
     */
    public record Scope(String code, String kind, String name) {
    }

    public Me me() {
        Client client = Callers.current().client();
        DivisionScope scope = client.scope();
        return new Me(client.id(), client.name(), client.roles().stream().sorted().map(Role::key).toList(),
                new Scope(scope.code(), scope.kind(), scope.name()), client.personalData());
    }

    /** A page of the audit trail; the parameters are the request's query parameters, all optional. */
    public AuditPage audit(@Header("client") String client, @Header("action") String action,
            @Header("since") String since, @Header("until") String until,
            @Header("page") String page, @Header("size") String size) {
        return audit.find(new AuditQuery(blankToNull(client), blankToNull(action), time("since", since),
                time("until", until), number("page", page, 0), number("size", size, AuditQuery.DEFAULT_SIZE)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static OffsetDateTime time(String parameter, String text) {
        String value = blankToNull(text);
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be a time with offset, e.g. 2026-11-25T08:00:00+08:00");
        }
    }

    private static int number(String parameter, String text, int fallback) {
        String value = blankToNull(text);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a whole number");
        }
    }
}
