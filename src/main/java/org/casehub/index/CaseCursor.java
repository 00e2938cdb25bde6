package org.casehub.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a walk through the case list stopped: the last case's (updated_at, case_id), the list's sort key. The
 * list runs oldest change first, so a case inserted or changed during a walk lands after the cursor: the walk
 * neither skips nor repeats a case that stays unchanged, and sees every change made while it runs. Opaque to
 * callers (base64url), exact to the microsecond the databases keep.
 */
public record CaseCursor(OffsetDateTime updatedAt, String caseId) {

    private static final Pattern FORM = Pattern.compile("v1:(-?[0-9]{1,19})\\.([0-9]{1,9}):([0-9A-Za-z_-]{1,26})");

    public CaseCursor {
        updatedAt = updatedAt.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public String encode() {
        Instant at = updatedAt.toInstant();
        String plain = "v1:" + at.getEpochSecond() + "." + at.getNano() + ":" + caseId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws IllegalArgumentException when the text is not a cursor this hub gave out
     */
    public static CaseCursor decode(String text) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        Matcher m = FORM.matcher(plain);
        if (!m.matches()) {
            throw invalid();
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            return new CaseCursor(at.atOffset(ZoneOffset.UTC), m.group(3));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("cursor is not one this API gave out");
    }
}
