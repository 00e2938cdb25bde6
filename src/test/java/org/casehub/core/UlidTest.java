package org.casehub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class UlidTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** The caseId pattern of schemas/case.schema.json. */
    private static final String CASE_ID = "^[0-9A-HJKMNP-TV-Z]{26}$";

    @Test
    void isTwentySixCharactersOfCrockfordBase32() {
        IntStream.range(0, 1_000).mapToObj(i -> Ulid.next()).forEach(ulid -> assertThat(ulid)
                .hasSize(26)
                .matches(CASE_ID)
                .doesNotContainPattern("[ILOU]")
                .matches(u -> u.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0), "only Crockford characters"));
    }

    @Test
    void firstTenCharactersAreTheMillisecondsInBase32() {
        long millis = 1_793_930_400_123L;

        assertThat(decodeTime(Ulid.of(millis).substring(0, 10))).isEqualTo(millis);
        assertThat(Ulid.of(0L)).startsWith("0000000000");
    }

    @Test
    void currentUlidCarriesTheCurrentTime() {
        long before = System.currentTimeMillis();
        String ulid = Ulid.next();
        long after = System.currentTimeMillis();

        assertThat(decodeTime(ulid.substring(0, 10))).isBetween(before, after);
    }

    @Test
    void laterMillisecondSortsAfterEarlier() {
        long base = 1_793_930_400_000L;
        // Includes steps where the last time character wraps from Z to 0 and carries.
        List<String> ulids = LongStream.rangeClosed(base - 40, base + 1_100).mapToObj(Ulid::of).toList();

        assertThat(ulids).isSorted().doesNotHaveDuplicates();
        assertThat(Ulid.of(base + 1)).isGreaterThan(Ulid.of(base));
        assertThat(Ulid.of(31L)).isLessThan(Ulid.of(32L));
        assertThat(Ulid.of(1L << 40)).isGreaterThan(Ulid.of((1L << 40) - 1));
    }

    @Test
    void manyUlidsInTheSameMillisecondAreStillUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(Ulid.of(1_793_930_400_000L))).isTrue();
        }
    }

    @Test
    void ulidsFromManyThreadsAreUnique() {
        assertThat(IntStream.range(0, 200_000).parallel().mapToObj(i -> Ulid.next()).distinct().count())
                .isEqualTo(200_000);
    }

    private static long decodeTime(String time) {
        long millis = 0;
        for (char c : time.toCharArray()) {
            millis = millis * 32 + CROCKFORD.indexOf(c);
        }
        return millis;
    }
}
