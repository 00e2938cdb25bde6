package org.casehub.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CaseCursorTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T18:30:05.123456+08:00");

    @Test
    void aCursorDecodesToTheSameInstantToTheMicrosecondAndTheSameCaseId() {
        CaseCursor cursor = new CaseCursor(AT, "01JDX4T0Q8Z5M3N7P9R2S4V6W8");

        CaseCursor decoded = CaseCursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.updatedAt().toInstant()).isEqualTo(AT.toInstant());
    }

    @Test
    void theEncodedFormIsUrlSafeAndShowsNoTimeOrIdInPlainText() {
        String encoded = new CaseCursor(AT, "01JDX4T0Q8Z5M3N7P9R2S4V6W8").encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("01JDX4T0Q8Z5M3N7P9R2S4V6W8");
    }

    @Test
    void timesBeforeNineteenSeventyRoundTripToo() {
        CaseCursor cursor = new CaseCursor(OffsetDateTime.parse("1969-12-31T23:59:59.5Z"), "A");

        assertThat(CaseCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void textThatIsNotACursorOfThisApiIsRefusedAsABadRequest() {
        String sqlInside = Base64.getUrlEncoder().encodeToString("v1:1.0:x' OR '1'='1".getBytes(StandardCharsets.US_ASCII));

        for (String text : new String[] {"not base64!", "", sqlInside, Base64.getUrlEncoder().encodeToString("v2:1.0:A".getBytes())}) {
            assertThatThrownBy(() -> CaseCursor.decode(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cursor is not one this API gave out");
        }
    }
}
