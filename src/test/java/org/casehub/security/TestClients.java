package org.casehub.security;

/** The API keys of the clients in {@code src/test/resources/test-clients.yaml}. */
final class TestClients {

    /** it-reader: reader, scope 440305 南山区. */
    static final String READER_KEY = "it-reader-key-7Qm2Vx9Lp4Tz8Rk3";
    /** it-operator: operator, scope 4403 深圳市. */
    static final String OPERATOR_KEY = "it-operator-key-3Hn6Wc1Bj8Ys5Df0";
    /** it-personal-data: reader with the personal-data flag, scope 4403SS 深汕特别合作区. */
    static final String PERSONAL_DATA_KEY = "it-personal-data-key-9Ke4Ua7Gt2Xq6Mb1";
    /** it-disabled: a disabled reader. */
    static final String DISABLED_KEY = "it-disabled-key-5Pz8Nr3Lw1Vh7Cj2";

    private TestClients() {
    }
}
