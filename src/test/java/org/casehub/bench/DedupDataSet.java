package org.casehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedRecord;
import org.casehub.core.GbkText;
import org.casehub.feed.ExchangeRow;
import org.casehub.feed.PetitionRecords;
import org.casehub.network.DivisionDirectory;
import org.casehub.security.IdNumbers;

/**
 * A labelled data set for the duplicate rule: records of all three feeds in their contract formats (grid event JSON,
 * 12345 work-order items, exchange-table rows with GBK content), each with the key of the grievance it belongs to.
 * Real Shenzhen divisions, several phrasings of one matter (src/test/resources/dedup/matters.json), missing ID
 * numbers and phones, loosely written or missing community names, petitions placed at a district or street only,
 * anonymous reports of one matter, and both traps: many workers owed wages by one company (one grievance each) and
 * one person with two matters (two grievances). Seeded: the same seed, the same records.
 */
public final class DedupDataSet {

    /** A generated source record (as its feed receives it) and the grievance it belongs to. */
    public record Labelled(FeedRecord record, String caseKey, String scenario) {
    }

    private record Person(String name, String id, String phone, String otherPhone) {
    }

    private record Matter(String kind, int variant, String community, String road, String brand, String trade, long amount, int months,
                          int count, String room) {
    }

    static final String GRID = "public-safety";
    static final String HOTLINE = "livelihood";
    static final String PETITION = "provincial-petition";
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final LocalDateTime START = LocalDateTime.of(2026, 8, 1, 8, 0);
    private static final int SPAN_DAYS = 120;
    /** the end of the span the records are reported in (Beijing time): an index filled before it is older */
    public static final LocalDateTime END = START.plusDays(SPAN_DAYS);

    private final ObjectMapper json;
    private final JsonNode phrases;
    private final JsonNode people;
    private final JsonNode hotline;
    private final DivisionDirectory divisions;
    private final List<String> communities;
    private final List<String> kinds = new ArrayList<>();
    private final List<String> anonymousKinds = new ArrayList<>();
    private final PetitionRecords petitions;
    private final Random random;
    private final List<Labelled> records = new ArrayList<>();
    private int grievances;
    private int sequence;

    /**
     * @param communities how many Shenzhen communities the grievances happen in: fewer, denser, harder
     */
    public DedupDataSet(ObjectMapper json, DivisionDirectory divisions, long seed, int communities) {
        this.json = json;
        this.phrases = read(json, Path.of("src/test/resources/dedup/matters.json"));
        this.people = read(json, Path.of("config/simulator/grid-events.json"));
        this.hotline = read(json, Path.of("config/simulator/livelihood.json"));
        this.divisions = divisions;
        this.random = new Random(seed);
        List<String> all = new ArrayList<>(divisions.codesUnder("4403", 12));
        Collections.shuffle(all, random);
        this.communities = all.subList(0, Math.min(communities, all.size()));
        this.petitions = new PetitionRecords(json);
        phrases.path("matters").fields().forEachRemaining(m -> {
            kinds.add(m.getKey());
            if (m.getValue().path("anonymous").asBoolean()) {
                anonymousKinds.add(m.getKey());
            }
        });
    }

    /** At least {@code count} records (a grievance is never cut), in arrival order. */
    public List<Labelled> generate(int count) {
        while (records.size() < count) {
            int scenario = random.nextInt(100);
            if (scenario < 40) {
                onePerson();
            } else if (scenario < 60) {
                anonymous();
            } else if (scenario < 70) {
                workersOfOneCompany();
            } else if (scenario < 80) {
                onePersonTwoMatters();
            } else {
                single();
            }
        }
        records.sort(Comparator.comparing(l -> l.record().receivedAt()));
        return records;
    }

    /** One person's grievance through one to four records of any feeds, within 20 days. */
    private void onePerson() {
        Person person = person();
        Matter matter = matter(pick(kinds), community(), road());
        grievance(matter, person, 1 + weighted(35, 40, 20, 5), 20, "person");
    }

    /** Anonymous reports of a matter at one place within five days; now and then a person's report of it too. */
    private void anonymous() {
        Matter matter = matter(pick(anonymousKinds), community(), road());
        String key = key();
        LocalDateTime first = start();
        int reports = 1 + weighted(25, 40, 25, 10);
        for (int i = 0; i < reports; i++) {
            LocalDateTime time = first.plusMinutes(random.nextInt(5 * 24 * 60));
            if (random.nextBoolean()) {
                grid(matter, null, time, key, "anonymous");
            } else {
                workOrder(matter, null, time, key, "anonymous");
            }
        }
        if (random.nextInt(4) == 0) {
            personRecord(matter, person(), first.plusMinutes(random.nextInt(5 * 24 * 60)), key, "anonymous", false);
        }
    }

    /** The first trap: workers (or investors) owed by one company, each a grievance of their own. */
    private void workersOfOneCompany() {
        Matter company = matter(random.nextInt(3) == 0 ? "finance" : "wages", community(), road());
        int workers = 3 + random.nextInt(4);
        LocalDateTime first = start();
        for (int w = 0; w < workers; w++) {
            Matter own = new Matter(company.kind(), company.variant(), company.community(), company.road(), company.brand(), company.trade(),
                    amount(), company.months(), company.count(), company.room());
            String key = key();
            Person worker = person();
            int filings = 1 + weighted(60, 40);
            for (int i = 0; i < filings; i++) {
                personRecord(own, worker, first.plusMinutes(random.nextInt(10 * 24 * 60)), key, "workers", false);
            }
        }
    }

    /** The second trap: one person, two matters (of one kind at one place, or of two kinds): two grievances. */
    private void onePersonTwoMatters() {
        Person person = person();
        String community = community();
        Matter first = matter(pick(kinds), community, road());
        String otherKind = random.nextBoolean() ? first.kind() : pick(kinds);
        Matter second = matter(otherKind, community, road());
        grievance(first, person, 1 + weighted(50, 50), 20, "two-matters");
        grievance(second, person, 1 + weighted(50, 50), 20, "two-matters");
    }

    /** A grievance reported once: a person's or an anonymous grid report. */
    private void single() {
        Matter matter = matter(pick(kinds), community(), road());
        if (anonymousKinds.contains(matter.kind()) && random.nextInt(3) == 0) {
            grid(matter, null, start(), key(), "single");
        } else {
            personRecord(matter, person(), start(), key(), "single", true);
        }
    }

    private void grievance(Matter matter, Person person, int filings, int days, String scenario) {
        String key = key();
        LocalDateTime first = start();
        for (int i = 0; i < filings; i++) {
            LocalDateTime time = i == 0 ? first : first.plusMinutes(random.nextInt(days * 24 * 60));
            personRecord(matter, person, time, key, scenario, true);
        }
    }

    private void personRecord(Matter matter, Person person, LocalDateTime time, String key, String scenario, boolean gridToo) {
        int feed = random.nextInt(gridToo ? 3 : 2);
        if (feed == 0) {
            workOrder(matter, person, time, key, scenario);
        } else if (feed == 1) {
            petition(matter, person, time, key, scenario);
        } else {
            grid(matter, person, time, key, scenario);
        }
    }

    private void grid(Matter matter, Person party, LocalDateTime time, String key, String scenario) {
        String content = fill(pick(variant(matter).path("grid")), matter);
        ObjectNode event = json.createObjectNode();
        event.put("eventId", "PA" + time.format(DAY) + String.format("%06d", ++sequence));
        event.put("version", 1);
        event.put("eventType", code(matter, GRID));
        event.put("title", title(matter, content));
        event.put("content", content);
        event.put("gridCode", matter.community() + "-" + String.format("%02d", 1 + random.nextInt(12)));
        event.putObject("location").put("address", random.nextInt(4) == 0 ? matter.road() : address(matter));
        event.put("occurTime", beijing(time.minusHours(1 + random.nextInt(24))));
        event.put("reportTime", beijing(time));
        event.put("updatedAt", beijing(time));
        event.putObject("reporter").put("name", name()).put("role", phrases.path("gridRole").asText());
        ArrayNode parties = event.putArray("parties");
        if (party != null) {
            ObjectNode p = parties.addObject().put("name", party.name());
            if (random.nextInt(10) < 3) {
                p.put("idCard", party.id());
            }
            if (random.nextInt(10) < 8) {
                p.put("phone", phone(party));
            }
        }
        event.put("severity", 1 + random.nextInt(4));
        event.put("status", phrases.path("gridStatus").asText());
        add(GRID, event, time, key, scenario);
    }

    private void workOrder(Matter matter, Person citizen, LocalDateTime time, String key, String scenario) {
        String[] codes = code(matter, HOTLINE).split("\\|");
        String content = fill(pick(variant(matter).path("petitioner")), matter);
        String community = matter.community();
        String district = divisions.name(community.substring(0, 6)).orElseThrow();
        ObjectNode order = json.createObjectNode();
        order.put("orderNo", "GD12345-" + time.format(DAY) + "-" + String.format("%06d", ++sequence));
        order.put("updateTime", ORDER_TIME.format(time));
        order.put("acceptTime", ORDER_TIME.format(time));
        order.put("deadline", ORDER_TIME.format(time.plusDays(15)));
        order.put("channel", pick(hotline.path("channels")));
        order.put("category", codes[0]);
        order.put("matterType", codes[1]);
        order.put("title", random.nextBoolean() ? content.substring(0, Math.min(15, content.length())) : title(matter, content));
        order.put("content", content);
        ObjectNode person = order.putObject("citizen");
        if (citizen != null) {
            person.put("name", citizen.name());
            if (random.nextInt(20) > 0) {
                person.put("mobile", phone(citizen));
            }
            if (random.nextInt(20) < 7) {
                person.put("certType", phrases.path("certType").asText()).put("certNo", citizen.id());
            }
        }
        order.put("districtName", district);
        order.put("streetName", divisions.name(community.substring(0, 9)).orElseThrow());
        int communityForm = random.nextInt(10);
        if (communityForm < 7) {
            order.put("communityName", communityForm < 4 ? loose(divisions.name(community).orElseThrow())
                    : divisions.name(community).orElseThrow());
        }
        order.put("address", random.nextInt(4) == 0 ? matter.road() : address(matter));
        order.put("handleDept", phrases.path("handleDept").asText().replace("{district}", district));
        order.put("state", pick(hotline.path("states")));
        add(HOTLINE, order, time, key, scenario);
    }

    private void petition(Matter matter, Person petitioner, LocalDateTime time, String key, String scenario) {
        String[] codes = code(matter, PETITION).split("\\|");
        String content = fill(pick(variant(matter).path("petitioner")), matter);
        String xfjbh = "44" + time.format(DAY) + String.format("%010d", ++sequence);
        int level = random.nextInt(10);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("XFJBH", xfjbh);
        columns.put("XFXS", String.valueOf(1 + random.nextInt(4)));
        columns.put("XFMD", codes[0]);
        columns.put("XFRXM", petitioner.name());
        columns.put("ZJHM", random.nextInt(10) < 9 ? petitioner.id() : null);
        columns.put("LXDH", random.nextInt(10) < 8 ? phone(petitioner) : null);
        columns.put("RS", 1);
        columns.put("WTSDD", matter.community().substring(0, level < 4 ? 12 : level < 7 ? 9 : 6));
        columns.put("XXDZ", random.nextInt(5) == 0 ? matter.road() : address(matter));
        columns.put("NRFL", codes[1]);
        columns.put("BT", title(matter, content));
        try {
            columns.put("XFNR", GbkText.encode(content));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a phrasing is not GBK: " + content, e);
        }
        columns.put("SFSFSS", "0");
        columns.put("DJSJ", time);
        columns.put("BLZT", "01");
        columns.put("SJC", time);
        FeedRecord record = petitions.toRecord(new ExchangeRow(xfjbh, time, columns), received(time));
        records.add(new Labelled(record, key, scenario));
    }

    private void add(String feed, ObjectNode source, LocalDateTime time, String key, String scenario) {
        try {
            records.add(new Labelled(new FeedRecord(feed, json.writeValueAsBytes(source), Map.of("offset", sequence),
                    received(time)), key, scenario));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Received a few minutes after it was reported: the arrival order. */
    private Instant received(LocalDateTime time) {
        return time.atZone(BeijingTime.ZONE).toInstant().plus(Duration.ofSeconds(30 + random.nextInt(600)));
    }

    private String fill(String template, Matter matter) {
        String companyForm = pick(phrases.path("companies").path("forms"));
        String amountForm = pick(phrases.path("amounts"));
        if (matter.amount() % 100 != 0) {
            amountForm = phrases.path("amounts").get(0).asText();
        }
        String amount = amountForm.replace("{yuan}", String.valueOf(matter.amount()))
                .replace("{wan}", java.math.BigDecimal.valueOf(matter.amount(), 4).stripTrailingZeros().toPlainString());
        return template.replace("{company}", companyForm.replace("{brand}", matter.brand()).replace("{trade}", matter.trade()))
                .replace("{amount}", amount)
                .replace("{months}", String.valueOf(matter.months()))
                .replace("{count}", String.valueOf(matter.count()))
                .replace("{address}", address(matter))
                .replace("{road}", matter.road())
                .replace("{room}", matter.room());
    }

    private String title(Matter matter, String content) {
        return random.nextInt(3) == 0 ? content.substring(0, Math.min(14, content.length()))
                : fill(pick(variant(matter).path("titles")), matter);
    }

    private JsonNode variant(Matter matter) {
        return phrases.path("matters").path(matter.kind()).path("variants").get(matter.variant());
    }

    private String address(Matter matter) {
        String community = matter.community();
        return divisions.name(community.substring(0, 6)).orElseThrow() + divisions.name(community.substring(0, 9)).orElseThrow()
                + divisions.name(community).orElseThrow() + matter.road();
    }

    private String loose(String communityName) {
        for (JsonNode suffix : phrases.path("looseSuffixes")) {
            if (communityName.endsWith(suffix.asText())) {
                return communityName.substring(0, communityName.length() - suffix.asText().length());
            }
        }
        return communityName;
    }

    private String code(Matter matter, String feed) {
        return phrases.path("matters").path(matter.kind()).path("feeds").path(feed).asText();
    }

    private Matter matter(String kind, String community, String road) {
        JsonNode companies = phrases.path("companies");
        String room = pick(phrases.path("rooms")).replace("{n}", String.valueOf(1 + random.nextInt(20)))
                .replace("{m}", String.valueOf(1 + random.nextInt(30)));
        int variants = phrases.path("matters").path(kind).path("variants").size();
        return new Matter(kind, random.nextInt(variants), community, road, pick(companies.path("brands")), pick(companies.path("trades")), amount(),
                1 + random.nextInt(12), 3 + random.nextInt(80), room);
    }

    private long amount() {
        return random.nextInt(4) == 0 ? 1000L + random.nextInt(99_000) : (1 + random.nextInt(500)) * 1000L;
    }

    private Person person() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        String first17 = "4403" + String.format("%02d", 3 + random.nextInt(8)) + birth.format(DAY)
                + String.format("%03d", random.nextInt(1000));
        return new Person(name(), first17 + IdNumbers.checkCharacter(first17), mobile(), random.nextInt(10) == 0 ? mobile() : null);
    }

    /** A person with a second phone gives it now and then. */
    private String phone(Person person) {
        return person.otherPhone() != null && random.nextBoolean() ? person.otherPhone() : person.phone();
    }

    private String name() {
        return pick(people.path("surnames")) + pick(people.path("givenNames"));
    }

    private String mobile() {
        // 13x and 18x only: every one is a valid mobile (PhonesTest), and an invalid phone is never matched on
        return "1" + "3838383".charAt(random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    private String community() {
        return communities.get(random.nextInt(communities.size()));
    }

    private String road() {
        return phrases.path("streetNumber").asText().replace("{road}", pick(phrases.path("roads")))
                .replace("{n}", String.valueOf(1 + random.nextInt(300)));
    }

    private LocalDateTime start() {
        return START.plusMinutes(random.nextInt(SPAN_DAYS * 24 * 60)).truncatedTo(ChronoUnit.MINUTES);
    }

    private String key() {
        return "G" + (++grievances);
    }

    /** An index drawn with the given weights. */
    private int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String beijing(LocalDateTime time) {
        return RFC_3339.format(time.atZone(BeijingTime.ZONE));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(JsonNode values) {
        return values.get(random.nextInt(values.size())).asText();
    }

    private static JsonNode read(ObjectMapper json, Path file) {
        try {
            return json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
