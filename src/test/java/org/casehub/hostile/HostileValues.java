package org.casehub.hostile;

import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What a careless or hostile source puts into a field: jqwik's generators (any character — NUL, lone surrogates,
 * controls —, Chinese text, numbers, nesting) mixed with hand-written nasties that broke hubs before. Drawn with a
 * seeded {@link Random}, so that a failing run is repeated exactly from the seed it prints.
 */
final class HostileValues {

    /** the nasties: each one a bug seen somewhere (this hub's issue 15 among them) */
    static final List<String> NASTIES = List.of("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "Ã©", "é”™è¯¯",
            "閿欒", "´íÎó", "锟斤拷", "\uFFFD", "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://x/a}",
            "{{7*7}}", "\u202Egnp.exe", "😀👨‍👩‍👧", "𠮷野家", "null", "undefined", "NaN", "-0", "1e999",
            "１３８１２３４５６７８", "+86 138 1234 5678", "138123456789", "1381234567a", "2099-01-01 00:00:00",
            "0000-00-00 00:00:00", "9999-12-31T23:59:59Z", "\t\r\n", "\\", "\"", "\u00AD", "\u200B", "Ω".repeat(300),
            "噪".repeat(3000));

    private static final Arbitrary<String> TEXT = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u4E00', '\u9FA5').ofMinLength(1).ofMaxLength(60),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
            Arbitraries.of(NASTIES));

    private static final Arbitrary<Object> VALUE = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, TEXT.asGeneric()),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().asGeneric()),
            net.jqwik.api.Tuple.of(1, Arbitraries.doubles().asGeneric()),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).asGeneric()),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
            net.jqwik.api.Tuple.of(1, TEXT.list().ofMaxSize(4).asGeneric()));

    private final Random random;

    HostileValues(long seed) {
        this.random = new Random(seed);
    }

    String text() {
        return draw(TEXT);
    }

    /** a JSON value: mostly text, sometimes a number, boolean, null or an array */
    Object value() {
        return draw(VALUE);
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generatorWithEmbeddedEdgeCases(100).next(random).value();
    }
}
