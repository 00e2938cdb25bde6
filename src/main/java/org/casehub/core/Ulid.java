package org.casehub.core;

import java.security.SecureRandom;

/** ULIDs for case ids: opaque, unique without coordination, and sortable by creation time. */
public final class Ulid {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ulid() {
    }

    public static String next() {
        return of(System.currentTimeMillis());
    }

    /** 48 bits of time in 10 characters, then 80 random bits in 16. */
    static String of(long millis) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = CROCKFORD[RANDOM.nextInt(32)];
        }
        return new String(out);
    }
}
