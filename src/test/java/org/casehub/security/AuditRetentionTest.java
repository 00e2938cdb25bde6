package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRetentionTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest
    @ValueSource(strings = {"P6M", "P1Y", "P2Y6M", "P5M31D", "P186D"})
    void sixMonthsOrMoreIsAccepted(String period) {
        assertThat(new AuditRetention(Period.parse(period), BEIJING).period()).isEqualTo(Period.parse(period));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "P5M", "P5M30D", "P180D", "P185D", "P-1Y", "P1Y-7M"})
    void lessThanSixMonthsIsRefusedAtStart(String period) {
        assertThatIllegalStateException().isThrownBy(() -> new AuditRetention(Period.parse(period), BEIJING))
                .withMessageContaining("casehub.access.audit.retention must be at least six months");
    }

    @Test
    void theCutoffIsTheRetentionBackFromNowRoundedDownToTheStartOfThatDay() {
        AuditRetention retention = new AuditRetention(Period.ofMonths(6), BEIJING);

        Instant cutoff = retention.cutoff(OffsetDateTime.parse("2026-11-25T17:30:00+08:00").toInstant());

        assertThat(cutoff).isEqualTo(OffsetDateTime.parse("2026-05-25T00:00:00+08:00").toInstant());
    }

    @Test
    void fromTheEndOfAMonthTheCutoffIsTheEndOfTheShorterMonth() {
        AuditRetention retention = new AuditRetention(Period.ofMonths(6), BEIJING);

        Instant cutoff = retention.cutoff(OffsetDateTime.parse("2026-08-31T09:00:00+08:00").toInstant());

        assertThat(cutoff).isEqualTo(OffsetDateTime.parse("2026-02-28T00:00:00+08:00").toInstant());
    }

    @Test
    void theDefaultRetentionIsTheMinimum() {
        assertThat(AccessPropertiesTest.defaults().audit().retention()).isEqualTo(AuditRetention.MINIMUM);
    }
}
