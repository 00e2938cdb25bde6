package org.casehub.network;

import java.util.Arrays;
import java.util.Optional;

/** The five tiers of the network and the length of their division codes. */
public enum Tier {
    PROVINCE(2), CITY(4), DISTRICT(6), STREET(9), COMMUNITY(12);

    private final int codeLength;

    Tier(int codeLength) {
        this.codeLength = codeLength;
    }

    public int codeLength() {
        return codeLength;
    }

    public String key() {
        return name().toLowerCase();
    }

    public static Optional<Tier> of(String code) {
        return Arrays.stream(values()).filter(t -> t.codeLength == code.length()).findFirst();
    }
}
