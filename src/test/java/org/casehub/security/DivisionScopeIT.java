package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * The scope rule against the index: cases at every tier, in the scope's own division, its parent, a child, a
 * sibling, and in both functional zones, read through the restriction of each kind of scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DivisionScopeIT extends HubTestSupport {

    /** Case key → division code. */
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("gz", "440103001101");        // 广州市 荔湾区 沙面街道 翠洲社区: another city
        CASES.put("shenzhen", "4403");          // placed at the city only
        CASES.put("nanshan", "440305");         // placed at the district only
        CASES.put("yuehai", "440305007");       // 南山区 粤海街道
        CASES.put("jingguang", "440305007012"); // 粤海街道 京光社区
        CASES.put("keji", "440305007003");      // 粤海街道 科技园社区: a sibling community
        CASES.put("longguang", "440305008001"); // 桃源街道 龙光社区: in a sibling street
        CASES.put("futian", "440304001");       // 福田区 南园街道: in a sibling district
        CASES.put("pinghu", "440307003");       // 龙岗区 平湖街道: 龙岗 outside 大鹏
        CASES.put("kuiyong", "440307009");      // 葵涌街道: 大鹏新区
        CASES.put("dapeng", "440307010001");    // 大鹏街道 大鹏社区: 大鹏新区
        CASES.put("nanao", "440307011001");     // 南澳街道 南澳社区: 大鹏新区
        CASES.put("xiaomo", "441521102");       // 海丰县 小漠镇: 深汕特别合作区
        CASES.put("ebu", "441521103001");       // 鹅埠镇 鹅埠社区: 深汕特别合作区
        CASES.put("meilong", "441521101001");   // 海丰县 梅陇镇 西兴社区: 海丰 outside 深汕
        CASES.put("shanwei", "4415");           // 汕尾市, placed at the city only
    }

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Autowired
    DivisionScopes scopes;

    @BeforeAll
    void indexCasesAtEveryTier() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CASES.forEach((key, division) -> jdbc.update("INSERT INTO hub_case (case_id, revision, status, category, channel,"
                        + " division_code, law_related, group_case, manual_routing, case_json, created_at, updated_at)"
                        + " VALUES (?, 1, 'received', 'other', 'grid', ?, FALSE, FALSE, FALSE, ?, ?, ?)",
                caseId(key), division, "{\"caseId\":\"" + caseId(key) + "\"}", now, now));
    }

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of("44", "the province sees every case", CASES.keySet()),
                Arguments.of("4401", "another city sees its own only", Set.of("gz")),
                Arguments.of("4403", "the city sees its districts and both zones, 深汕's towns included",
                        Set.of("shenzhen", "nanshan", "yuehai", "jingguang", "keji", "longguang", "futian", "pinghu",
                                "kuiyong", "dapeng", "nanao", "xiaomo", "ebu")),
                Arguments.of("440305", "a district sees itself and below, not its parent or a sibling",
                        Set.of("nanshan", "yuehai", "jingguang", "keji", "longguang")),
                Arguments.of("440305007", "a street sees itself and its communities, not its district or a sibling",
                        Set.of("yuehai", "jingguang", "keji")),
                Arguments.of("440305007012", "a community sees itself only", Set.of("jingguang")),
                Arguments.of("4403DP", "大鹏新区 sees its three streets", Set.of("kuiyong", "dapeng", "nanao")),
                Arguments.of("4403SS", "深汕特别合作区 sees its towns, coded under 汕尾", Set.of("xiaomo", "ebu")),
                Arguments.of("440307", "龙岗区 does not see the streets 大鹏新区 took over", Set.of("pinghu")),
                Arguments.of("440307010", "a street of 大鹏 sees itself", Set.of("dapeng")),
                Arguments.of("441521", "海丰县 does not see the towns 深汕 took over", Set.of("meilong")),
                Arguments.of("4415", "汕尾市 does not see 深汕 either", Set.of("meilong", "shanwei")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scopes")
    void theRestrictionOfAScopeReadsExactlyTheCasesInsideIt(String scope, String rule, Set<String> inside) {
        ScopeRestriction restriction = scopes.resolve(scope).restriction("c.division_code");

        List<String> read = jdbc.queryForList("SELECT c.case_id FROM hub_case c WHERE c.case_id LIKE ? AND "
                + restriction.sql(), String.class, restriction.after(run + "%"));
        Integer counted = jdbc.queryForObject("SELECT COUNT(*) FROM hub_case c WHERE " + restriction.sql()
                + " AND c.case_id LIKE ?", Integer.class, parametersThen(restriction, run + "%"));

        assertThat(read).as(rule).containsExactlyInAnyOrderElementsOf(inside.stream().map(this::caseId).toList());
        assertThat(counted).as(rule).isEqualTo(inside.size());
    }

    @Test
    void aScopesCasesAreFoundThroughTheDivisionIndexRatherThanAScanOfEveryCase() {
        ScopeRestriction restriction = scopes.resolve("440305007").restriction("c.division_code");

        Plan plan = jdbc.execute((ConnectionCallback<Plan>) c -> {
            boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            try (Statement s = c.createStatement()) {
                // a test's few cases: PostgreSQL scans them whatever its indexes, unless told not to where it can help it
                if (postgres) {
                    s.execute("SET enable_seqscan = off");
                }
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN SELECT COUNT(*) FROM hub_case c WHERE "
                        + restriction.sql())) {
                    for (int i = 0; i < restriction.parameters().size(); i++) {
                        explain.setObject(i + 1, restriction.parameters().get(i));
                    }
                    List<String> lines = new ArrayList<>();
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            lines.add(rows.getString(1));
                        }
                    }
                    return new Plan(postgres, String.join("\n", lines));
                } finally {
                    if (postgres) {
                        s.execute("RESET enable_seqscan");
                    }
                }
            }
        });

        assertThat(plan.text()).as("a street's cases by its code's prefix").containsIgnoringCase("hub_case_division");
        if (plan.postgres()) {
            // read by the prefix's range, not walked whole with the LIKE as a filter (a collation other than C)
            assertThat(plan.text()).contains("Index Cond").contains("division_code");
        }
    }

    private record Plan(boolean postgres, String text) {
    }

    /** The restriction placed before another condition: its parameters come first. */
    private static Object[] parametersThen(ScopeRestriction restriction, Object next) {
        List<Object> all = new ArrayList<>(restriction.parameters());
        all.add(next);
        return all.toArray();
    }

    private String caseId(String key) {
        return run + "-" + key;
    }
}
