package org.casehub.security;

/** The API keys of the clients in {@code src/test/resources/test-clients.yaml}. */
public final class TestClients {

    /** it-reader: reader, scope 440305 南山区. */
    public static final String READER_KEY = "it-reader-key-7Qm2Vx9Lp4Tz8Rk3";
    /** it-operator: operator, scope 4403 深圳市. */
    public static final String OPERATOR_KEY = "it-operator-key-3Hn6Wc1Bj8Ys5Df0";
    /** it-personal-data: reader with the personal-data flag, scope 4403SS 深汕特别合作区. */
    public static final String PERSONAL_DATA_KEY = "it-personal-data-key-9Ke4Ua7Gt2Xq6Mb1";
    /** it-disabled: a disabled reader. */
    public static final String DISABLED_KEY = "it-disabled-key-5Pz8Nr3Lw1Vh7Cj2";

    /** it-province: reader, scope 44 广东省. */
    public static final String PROVINCE_KEY = "it-province-key-4Rt7Yu2Io9Pa5Sd3";
    /** it-street: reader, scope 440305007 粤海街道. */
    public static final String STREET_KEY = "it-street-key-8Fg1Hj6Kl3Zx0Cv5";
    /** it-community: reader, scope 440305007012 京光社区. */
    public static final String COMMUNITY_KEY = "it-community-key-2Bn5Mq8We1Rt4Yu7";
    /** it-dapeng: reader, scope 4403DP 大鹏新区. */
    public static final String DAPENG_KEY = "it-dapeng-key-6Io3Pa9Sd2Fg5Hj8";
    /** it-shenshan: reader without the personal-data flag, scope 4403SS 深汕特别合作区. */
    public static final String SHENSHAN_KEY = "it-shenshan-key-1Kl4Zx7Cv0Bn3Mq6";
    /** it-unit: unit and reader, scope 440303003 东门街道 (where GridEvents places its events). */
    public static final String UNIT_KEY = "it-unit-key-5Tg8Jk2Lm7Qw4Er9";
    /** it-unit-nanshan: unit, scope 440305 南山区. */
    public static final String NANSHAN_UNIT_KEY = "it-unit-nanshan-key-3Zx6Cv9Bn2Mq5Wa8";

    private TestClients() {
    }
}
