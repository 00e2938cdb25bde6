package org.casehub.security;

/**
 * One row for the audit trail: who did what to which target, with what result. Never holds personal data
 * or credentials: targets are ids, details are short explanations.
 *
 * @param clientId the client, or {@code null} when it could not be authenticated
 * @param action   what was done, one of the actions of {@link AuditTrail}
 * @param target   on what: a request's method and path, a case id
 * @param outcome  how it ended
 * @param detail   why, in a few words
 * @param origin   the request it was part of
 */
public record AuditEntry(String clientId, String action, String target, AuditOutcome outcome, String detail,
                         RequestOrigin origin) {

    public AuditEntry {
        origin = origin == null ? RequestOrigin.NONE : origin;
    }

    /** An action of an authenticated client. */
    public static AuditEntry of(ClientAuthentication caller, String action, String target, AuditOutcome outcome,
            String detail) {
        return new AuditEntry(caller.client().id(), action, target, outcome, detail, caller.origin());
    }
}
