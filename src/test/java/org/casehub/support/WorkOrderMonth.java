package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A month of 12345 work orders as a city's platform writes them, with a taxonomy of its own that the shipped
 * code list mostly does not have: new 小类 under the 大类 everybody uses, 大类 the list has never heard of, and a
 * few codes it knows. Places are Shenzhen's streets (config/network/divisions-44.csv), persons differ per order,
 * channels, demand kinds and states are the contract's. Seeded: the same month every run.
 */
public final class WorkOrderMonth {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** this city's own 大类/小类: mostly new 小类 under common 大类, some new 大类, some codes the shipped list has */
    private static final String[] TAXONOMY = {
        "劳动和社会保障/灵活就业人员社保", "劳动和社会保障/欠薪讨要", "劳动和社会保障/新就业形态权益", "劳动和社会保障/工资拖欠",
        "住房和城乡建设/小区充电桩安装", "住房和城乡建设/房屋渗漏", "住房和城乡建设/物业管理", "住房和城乡建设/电梯加装",
        "城市管理/共享单车乱停放", "城市管理/夜间施工扰民", "城市管理/餐厨垃圾", "城市管理/占道经营",
        "生态环境/光污染", "生态环境/异味扰民", "安全生产/有限空间作业", "社区事务/社区食堂",
        "市场监管/直播带货", "市场监管/外卖食品安全", "市场监管/消费维权", "教育/课后托管", "教育/学位申请",
        "卫生健康/互联网医院", "卫生健康/医疗服务", "交通运输/电动自行车上牌", "交通运输/网约车",
        "公共安全/无人机黑飞", "民政/长者饭堂", "金融/养老理财诈骗", "政法/行政复议",
        "数字政务/一网通办", "数字政务/政务服务码", "营商环境/涉企收费", "营商环境/惠企政策兑现", "低空经济/无人机配送",
    };
    private static final String[] CHANNELS = {"12345热线", "12345热线", "12345热线", "i深圳", "微信", "网站", "信件"};
    private static final String[] KINDS = {"咨询", "求助", "建议", "投诉", "投诉", "举报"};
    private static final String[] STATES = {"待派单", "已派单", "办理中", "已办结", "已回访"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"};

    private final List<ObjectNode> orders = new ArrayList<>();

    private WorkOrderMonth(int count, long seed) {
        Random random = new Random(seed);
        Map<String, String> districts = new LinkedHashMap<>();
        List<String[]> streets = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("config/network/divisions-44.csv"))) {
                String[] row = line.split(",");
                if (row.length == 2 && row[0].startsWith("4403") && row[0].length() == 6) {
                    districts.put(row[0], row[1]);
                } else if (row.length == 2 && row[0].startsWith("4403") && row[0].length() == 9) {
                    streets.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalDateTime start = LocalDateTime.parse("2026-10-01T00:00:00");
        for (int i = 0; i < count; i++) {
            String[] street = streets.get(random.nextInt(streets.size()));
            String district = districts.getOrDefault(street[0].substring(0, 6), "");
            LocalDateTime accepted = start.plusMinutes(random.nextInt(31 * 24 * 60));
            String orderNo = "GD12345-" + accepted.toLocalDate().toString().replace("-", "") + "-" + String.format("%06d", 500_000 + i);
            String matter = TAXONOMY[random.nextInt(TAXONOMY.length)];
            ObjectNode order = JSON.createObjectNode();
            order.put("orderNo", orderNo);
            order.put("acceptTime", TIME.format(accepted));
            order.put("deadline", TIME.format(accepted.plusDays(15)));
            order.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
            order.put("category", KINDS[random.nextInt(KINDS.length)]);
            order.put("matterType", matter);
            String small = matter.substring(matter.indexOf('/') + 1);
            order.put("title", small + "问题反映");
            order.put("content", "市民反映" + district + street[1] + "一带" + small + "问题，已持续" + (1 + random.nextInt(30))
                    + "天，希望有关部门尽快处理。工单序号" + i + "。");
            if (random.nextInt(10) > 0) {
                order.putObject("citizen")
                        .put("name", SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)])
                        .put("mobile", "139" + String.format("%08d", 10_000_000 + i));
            }
            order.put("districtName", district);
            order.put("streetName", street[1]);
            order.put("address", district + street[1] + "某路" + (1 + random.nextInt(300)) + "号");
            order.put("handleDept", district + "相关职能部门");
            order.put("state", STATES[random.nextInt(STATES.length)]);
            orders.add(order);
        }
    }

    public static WorkOrderMonth of(int count, long seed) {
        return new WorkOrderMonth(count, seed);
    }

    /** The orders, without updateTime (the platform stamps it when it takes them). */
    public List<ObjectNode> orders() {
        return orders;
    }
}
