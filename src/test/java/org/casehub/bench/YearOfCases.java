package org.casehub.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.PersonKey;

/**
 * The dedup facts of a year of indexed cases, as a large index holds them: every Shenzhen community, categories
 * skewed as a city's traffic is (a few common ones), seven in ten with a person (one in seven of those a regular who
 * reports again and again), a matter text and a road address. The benchmarks that need an index of a given size fill
 * it with these ({@link DedupLatencyBenchmark}, the throughput benchmark's index-size curve). Seeded: the same seed,
 * the same cases.
 */
public final class YearOfCases {

    private static final String[] CATEGORIES = {"labour", "property", "neighbour", "housing", "finance", "fire", "traffic",
            "noise", "environment", "rural", "legal", "health", "urban", "other"};
    private static final String[] MATTERS = {"拖欠工资", "物业费纠纷", "楼上漏水", "房屋质量问题", "理财产品无法兑付", "消防通道堵塞",
            "道路破损", "夜间施工噪声", "工厂排放异味", "征地补偿", "判决执行难", "医疗纠纷", "占道经营", "其他诉求"};
    /** Syllables of road names: 40 × 40 roads per district, as many as a Shenzhen district has. */
    private static final String[] ROAD_WORDS = ("东西南北中新老大小长安平和兴华民人文明光龙凤金银宝福康乐"
            + "泰丰盛永春秋松柏桃李").split("");

    private final Random random;
    private final List<String> communities;
    private final Instant firstDay;
    private final List<PersonKey> regulars = new ArrayList<>();

    /**
     * @param communities the 12-digit codes the cases happen in
     * @param firstDay    the start of the year's first day (day 0)
     */
    public YearOfCases(List<String> communities, Instant firstDay, long seed) {
        this.random = new Random(seed);
        this.communities = communities;
        this.firstDay = firstDay;
        for (int i = 0; i < 20_000; i++) {
            regulars.add(person());
        }
    }

    /**
     * A case reported on day {@code day} from the first (0–364 in the year; later days go on with the same traffic), at
     * any time of that day.
     */
    public CaseFacts onDay(int day) {
        int category = (int) Math.min(CATEGORIES.length - 1, Math.abs(random.nextGaussian() * 4));
        String community = communities.get(random.nextInt(communities.size()));
        String company = "第" + (random.nextInt(900) + 100) + "号" + "电子厂";
        String text = MATTERS[category] + "," + company + "涉及金额" + (random.nextInt(90) + 10) * 1000 + "元,多次反映未解决";
        List<PersonKey> persons = switch (random.nextInt(10)) {
            case 0, 1, 2 -> List.of();
            case 3 -> List.of(regulars.get(random.nextInt(regulars.size())));
            default -> List.of(person());
        };
        Instant reported = firstDay.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
        String road = ROAD_WORDS[random.nextInt(ROAD_WORDS.length)] + ROAD_WORDS[random.nextInt(ROAD_WORDS.length)] + "路";
        return new CaseFacts(CATEGORIES[category], community, reported, MATTERS[category], text,
                road + (random.nextInt(999) + 1) + "号", persons);
    }

    /** The same grievance told again a few days later: same person and place, shorter words. */
    public CaseFacts again(CaseFacts told) {
        return new CaseFacts(told.category(), told.divisionCode(), told.reportedAt().plus(Duration.ofDays(random.nextInt(5))),
                told.title(), told.description().substring(0, Math.max(8, told.description().length() - 6)), told.address(),
                told.persons());
    }

    /** A draw of the same seeded stream, for a caller's own choices among these cases. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private PersonKey person() {
        boolean withId = random.nextInt(10) < 6;
        return new PersonKey("petitioner", withId ? hash() : null, withId, random.nextInt(10) < 8 ? hash() : null, hash());
    }

    private String hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
