package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.feed.RecordDecoder;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

class LocationResolverTest {

    private final LocationResolver resolver = Samples.resolver();

    /** A public-safety case as its mapping leaves it: the grid code's community, resolved by grid code. */
    private static FeedRecord caseAt(String divisionCode) {
        FeedRecord record = Samples.received("{}");
        ObjectNode canonical = Samples.JSON.createObjectNode();
        ObjectNode location = canonical.putObject("location");
        if (divisionCode != null) {
            location.put("divisionCode", divisionCode);
        }
        location.putObject("resolution").put("method", "grid-code").put("level", "community");
        record.mapped(canonical);
        return record;
    }

    private JsonNode located(String divisionCode) {
        FeedRecord record = caseAt(divisionCode);
        resolver.locate(record);
        return record.canonical().path("location");
    }

    @Test
    void knownCommunityGetsTheFullFiveTierPathWithNames() {
        JsonNode location = located("440305007012");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305007012");
        assertThat(location.path("path")).isEqualTo(Samples.tree("""
                {"province": {"code": "44", "name": "广东省"},
                 "city": {"code": "4403", "name": "深圳市"},
                 "district": {"code": "440305", "name": "南山区"},
                 "street": {"code": "440305007", "name": "粤海街道"},
                 "community": {"code": "440305007012", "name": "京光社区居委会"}}
                """));
        assertThat(location.path("resolution")).isEqualTo(Samples.tree(
                "{\"method\": \"grid-code\", \"level\": \"community\", \"manualRouting\": false}"));
    }

    @Test
    void unknownCommunityUnderAKnownStreetFallsBackToTheStreetForManualRouting() {
        JsonNode location = located("440305007999");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305007");
        assertThat(location.path("path").has("community")).isFalse();
        assertThat(location.at("/path/street")).isEqualTo(Samples.tree("{\"code\": \"440305007\", \"name\": \"粤海街道\"}"));
        assertThat(location.at("/path/district/name").asText()).isEqualTo("南山区");
        assertThat(location.at("/resolution/level").asText()).isEqualTo("street");
        assertThat(location.at("/resolution/manualRouting").asBoolean()).isTrue();
    }

    @Test
    void unknownStreetUnderAKnownDistrictFallsBackToTheDistrict() {
        JsonNode location = located("440305999001");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305");
        assertThat(location.at("/resolution/level").asText()).isEqualTo("district");
        assertThat(location.at("/resolution/manualRouting").asBoolean()).isTrue();
    }

    @Test
    void codeOutsideGuangdongFallsBackToTheFeedsDefaultDivision() {
        JsonNode location = located("110105001001");

        assertThat(location.path("divisionCode").asText()).isEqualTo("4403");
        assertThat(location.path("path")).isEqualTo(Samples.tree(
                "{\"province\": {\"code\": \"44\", \"name\": \"广东省\"}, \"city\": {\"code\": \"4403\", \"name\": \"深圳市\"}}"));
        assertThat(location.path("resolution")).isEqualTo(Samples.tree(
                "{\"method\": \"feed-default\", \"level\": \"city\", \"manualRouting\": true}"));
    }

    @Test
    void caseWithoutDivisionCodeFallsBackToTheFeedsDefaultDivision() {
        for (String code : new String[] {null, "", "garbage"}) {
            JsonNode location = located(code);

            assertThat(location.path("divisionCode").asText()).as(code).isEqualTo("4403");
            assertThat(location.at("/resolution/method").asText()).as(code).isEqualTo("feed-default");
            assertThat(location.at("/resolution/manualRouting").asBoolean()).as(code).isTrue();
        }
    }

    @Test
    void knownCodeOfACoarserTierIsKeptAtItsTier() {
        JsonNode location = located("440305007");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305007");
        assertThat(location.at("/resolution/level").asText()).isEqualTo("street");
        assertThat(location.at("/resolution/manualRouting").asBoolean()).isFalse();
    }

    /** A case as a mapping leaves it: an optional code (with the mapping's method), names as written, an address. */
    private JsonNode located(String feed, String divisionCode, String method, String address, String... names) {
        return locatedBy(resolver, feed, divisionCode, method, address, names);
    }

    private static JsonNode locatedBy(LocationResolver resolver, String feed, String divisionCode, String method,
                                      String address, String... names) {
        FeedRecord record = new FeedRecord(feed, new byte[0], Map.of(), Instant.now());
        ObjectNode location = Samples.JSON.createObjectNode();
        if (divisionCode != null) {
            location.put("divisionCode", divisionCode);
        }
        if (address != null) {
            location.put("address", address);
        }
        ObjectNode written = location.putObject("names");
        for (int i = 0; i < names.length; i += 2) {
            written.put(names[i], names[i + 1]);
        }
        location.putObject("resolution").put("method", method).put("level", "city");
        ObjectNode canonical = Samples.JSON.createObjectNode();
        canonical.set("location", location);
        record.mapped(canonical);
        resolver.locate(record);
        return record.canonical().path("location");
    }

    private static JsonNode resolution(String method, String level, boolean manualRouting) {
        return Samples.tree("{\"method\": \"%s\", \"level\": \"%s\", \"manualRouting\": %s}"
                .formatted(method, level, manualRouting));
    }

    @Test
    void workOrderNamesResolveInsideTheFeedsCityWithOrWithoutSuffixes() {
        JsonNode location = located("livelihood", null, "names", null,
                "district", "南山", "street", "粤海街道", "community", "京光社区");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305007012");
        assertThat(location.at("/path/community/name").asText()).isEqualTo("京光社区居委会");
        assertThat(location.path("resolution")).isEqualTo(resolution("names", "community", false));
        assertThat(location.at("/names/community").asText()).as("the names stay as written").isEqualTo("京光社区");
    }

    @Test
    void aZoneWrittenAsTheDistrictPlacesTheCaseInTheStreetItCovers() {
        JsonNode location = located("livelihood", null, "names", null,
                "district", "大鹏新区", "street", "葵涌街道", "community", "葵涌社区");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440307009001");
        assertThat(location.path("resolution")).isEqualTo(resolution("names", "community", false));
    }

    @Test
    void shenshanWrittenLooselyFindsItsTownsCodedUnderHaifeng() {
        for (String written : new String[] {"深汕特别合作区", "深汕合作区", "深汕", "深汕特别合作区管委会"}) {
            JsonNode location = located("livelihood", null, "names", null, "district", written, "street", "鹅埠镇");

            assertThat(location.path("divisionCode").asText()).as(written).isEqualTo("441521103");
            assertThat(location.path("resolution")).as(written).isEqualTo(resolution("names", "street", false));
        }
    }

    @Test
    void aTownOfShenshanUnderItsOfficialCountyReachesTheZone() {
        for (String[] written : new String[][] {{"海丰县", "鹅埠镇"}, {"海丰", "小漠镇"}, {"海丰县", "鮜门镇"}, {"海丰县", "赤石"}}) {
            JsonNode location = located("livelihood", null, "names", null, "district", written[0], "street", written[1]);

            assertThat(location.path("divisionCode").asText()).as(written[1]).startsWith("441521").hasSize(9);
            assertThat(location.at("/path/district/code").asText()).isEqualTo("441521");
            assertThat(location.path("resolution")).as(written[1]).isEqualTo(resolution("names", "street", false));
            assertThat(Samples.zones().zone("4403SS").orElseThrow().covers()).contains(location.path("divisionCode").asText());
        }
    }

    @Test
    void aTownOfTheOfficialCountyThatNoZoneCoversStaysOutsideTheZone() {
        JsonNode location = located("livelihood", null, "names", null, "district", "海丰县", "street", "海城镇");
        JsonNode countyOnly = located("livelihood", null, "names", null, "district", "海丰县");

        assertThat(location.path("divisionCode").asText()).isEqualTo("4403");
        assertThat(location.at("/resolution/manualRouting").asBoolean()).isTrue();
        assertThat(countyOnly.path("divisionCode").asText()).isEqualTo("4403");
    }

    @Test
    void anAddressWrittenTheOfficialWayReachesTheZoneOnlyThroughATownItCovers() {
        JsonNode inside = located("livelihood", null, "names", "广东省汕尾市海丰县鹅埠镇创新大道8号");
        JsonNode outside = located("livelihood", null, "names", "广东省汕尾市海丰县海城镇二环路8号");

        assertThat(inside.path("divisionCode").asText()).startsWith("441521103");
        assertThat(inside.at("/resolution/method").asText()).isEqualTo("address");
        assertThat(outside.path("divisionCode").asText()).isEqualTo("4403");
    }

    @Test
    void anyZoneOfTheZonesFileLeadsFromItsOfficialCountyByDataAlone(@TempDir Path home) throws IOException {
        // a zone of Shenzhen made up for the test, covering one town of 汕尾市陆河县: nothing in Java names either
        Path zonesFile = home.resolve("zones.yaml");
        Files.writeString(zonesFile, """
                zones:
                  "4403QT":
                    name: 前湾试验区
                    parent: "4403"
                    covers: ["441523102"]
                """);
        FunctionalZones zones = new FunctionalZones(new FileSystemResource(zonesFile), Samples.divisions()::contains);
        LocationResolver own = new LocationResolver(Samples.divisions(), zones,
                new DivisionNames(Samples.divisions(), zones, new NameNormalizer(Samples.HOME)), Samples.FEEDS);

        assertThat(locatedBy(own, "livelihood", null, "names", null, "district", "陆河县", "street", "河口镇").path("divisionCode").asText()).isEqualTo("441523102");
        assertThat(locatedBy(own, "livelihood", null, "names", null, "district", "陆河县", "street", "河田镇").path("divisionCode").asText()).isEqualTo("4403");
        assertThat(locatedBy(own, "livelihood", null, "names", null, "district", "海丰县", "street", "鹅埠镇").path("divisionCode").asText())
                .as("深汕 is not a zone of this file").isEqualTo("4403");
    }

    @Test
    void aZoneInTheAddressTextIsReadLikeADistrict() {
        JsonNode location = located("livelihood", null, "names", "深圳市大鹏新区南澳街道南渔社区海滨路1号");
        JsonNode shenshan = located("livelihood", null, "names", "深汕特别合作区鹅埠镇鹅埠社区创新大道8号");

        assertThat(location.path("divisionCode").asText()).startsWith("440307011");
        assertThat(location.at("/resolution/method").asText()).isEqualTo("address");
        assertThat(shenshan.path("divisionCode").asText()).isEqualTo("441521103001");
    }

    @Test
    void aCaseNamedOnlyDownToAZoneStaysAtTheZoneForManualRouting() {
        JsonNode location = located("livelihood", null, "names", "大鹏新区某地", "district", "大鹏");

        assertThat(location.path("divisionCode").asText()).isEqualTo("4403DP");
        assertThat(location.at("/path/district")).isEqualTo(Samples.tree("{\"code\": \"4403DP\", \"name\": \"大鹏新区\"}"));
        assertThat(location.path("resolution")).isEqualTo(resolution("names", "district", true));
    }

    @Test
    void aStreetOfAnotherDistrictIsNotFoundUnderAZone() {
        // 粤海街道 is 南山区's: under 大鹏新区 it names nothing, and the case stays at the zone
        JsonNode location = located("livelihood", null, "names", null, "district", "大鹏新区", "street", "粤海街道");

        assertThat(location.path("divisionCode").asText()).isEqualTo("4403DP");
        assertThat(location.at("/resolution/manualRouting").asBoolean()).isTrue();
    }

    @Test
    void aCommunityNameIsResolvedInItsOwnDistrictNotInAnotherThatHasOneOfTheSameName() {
        // 老围 is a community of 罗湖区桂园街道 (440303001011) and of 龙华区龙华街道
        JsonNode location = located("livelihood", null, "names", "龙华区龙华街道老围社区",
                "district", "龙华区", "street", "龙华街道", "community", "老围");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440309003008");
        assertThat(location.at("/resolution/manualRouting").asBoolean()).isFalse();
    }

    @Test
    void aCommunityNameNotFoundInItsStreetLeavesTheCaseAtTheStreetForManualRoutingWhateverTheAddressSays() {
        // 翠湖社区 exists in 光明街道, not in 粤海街道
        JsonNode location = located("livelihood", null, "names", "光明区光明街道翠湖社区布龙路284号",
                "district", "南山区", "street", "粤海街道", "community", "翠湖社区");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305007");
        assertThat(location.path("resolution")).isEqualTo(resolution("names", "street", true));
    }

    @Test
    void anAmbiguousNameLeavesTheCaseAtTheParentForManualRouting() {
        // 人和镇 has 人和社区居委会 and 人和村委会
        JsonNode location = located("provincial-petition", "440111103", "division-code", null, "community", "人和");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440111103");
        assertThat(location.path("resolution")).isEqualTo(resolution("division-code", "street", true));
    }

    @Test
    void aDivisionCodeIsRefinedByANameBelowIt() {
        JsonNode location = located("provincial-petition", "440111103", "division-code", null, "community", "人和村");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440111103206");
        assertThat(location.path("resolution")).isEqualTo(resolution("names", "community", false));
    }

    @Test
    void namesOfTiersTheCodeAlreadyFixesAreNotConsulted() {
        JsonNode location = located("public-safety", "440305007012", "grid-code", null,
                "district", "罗湖区", "street", "桂园街道", "community", "老围社区");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440305007012");
        assertThat(location.path("resolution")).isEqualTo(resolution("grid-code", "community", false));
    }

    @Test
    void theAddressRefinesBelowTheLastNameGiven() {
        JsonNode location = located("livelihood", null, "names", "光明区马田街道合水口社区龙岗大道84号",
                "district", "光明区", "street", "马田街道");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440311006002");
        assertThat(location.path("resolution")).isEqualTo(resolution("address", "community", false));
    }

    @Test
    void theAddressFillsATierWhoseNameIsMissingAndNamesGoOnBelowIt() {
        JsonNode location = located("livelihood", null, "names", "龙华区新桥路139号",
                "street", "大浪", "community", "谭罗社区");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440309004016");
        assertThat(location.path("resolution")).isEqualTo(resolution("names", "community", false));
    }

    @Test
    void anAddressAloneResolvesFromTheFeedsCity() {
        JsonNode location = located("livelihood", null, "names", "深圳市龙华区大浪街道谭罗社区新桥路139号");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440309004016");
        assertThat(location.path("resolution")).isEqualTo(resolution("address", "community", false));
    }

    @Test
    void aDistrictCodeIsRefinedByTheAddressInsideIt() {
        JsonNode location = located("provincial-petition", "440309", "division-code", "龙华区大浪街道下早社区东门中路84号");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440309004011");
        assertThat(location.path("resolution")).isEqualTo(resolution("address", "community", false));
    }

    @Test
    void aDistrictCodeTheAddressCannotRefineGoesForManualRoutingAtTheDistrict() {
        JsonNode location = located("provincial-petition", "440309", "division-code", "新桥路139号");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440309");
        assertThat(location.path("resolution")).isEqualTo(resolution("division-code", "district", true));
    }

    @Test
    void anAddressNamingTwoCommunitiesOfTheStreetGoesForManualRoutingAtTheStreet() {
        JsonNode location = located("provincial-petition", "440311001", "division-code", "光明街道碧眼社区与东周社区交界处");

        assertThat(location.path("divisionCode").asText()).isEqualTo("440311001");
        assertThat(location.path("resolution")).isEqualTo(resolution("division-code", "street", true));
    }

    @Test
    void anUnresolvableCaseIsIndexedAtTheFeedsCityForManualRouting() {
        JsonNode location = located("livelihood", null, "names", "某某路1号", "district", "不存在区", "street", "大浪街道");

        assertThat(location.path("divisionCode").asText()).isEqualTo("4403");
        assertThat(location.path("path")).hasSize(2);
        assertThat(location.path("resolution")).isEqualTo(resolution("feed-default", "city", true));
    }

    @Test
    void everySampleOfTheContractsIsPlacedInTheCommunityTheTruthGivesIt() throws IOException {
        Map<String, JsonNode> located = new HashMap<>();
        for (String line : Samples.PUBLIC_SAFETY) {
            FeedRecord record = Samples.received(line);
            new RecordDecoder(Samples.JSON, Samples.FEEDS).decode(record);
            Samples.mapper().map(record);
            resolver.locate(record);
            located.put("public-safety:" + record.recordId(), record.canonical().path("location"));
        }
        for (JsonNode order : Samples.tree(read("livelihood.sample.json")).path("items")) {
            FeedRecord record = new FeedRecord("livelihood", order.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of("page", 0), Instant.now());
            new RecordDecoder(Samples.JSON, Samples.FEEDS).decode(record);
            Samples.mapper().map(record);
            resolver.locate(record);
            located.put("livelihood:" + record.recordId(), record.canonical().path("location"));
        }
        for (Map<String, String> row : petitionRows()) {
            // as the petition mapping leaves it: WTSDD is the division code, XXDZ the address
            located.put("provincial-petition:" + row.get("XFJBH"),
                    located("provincial-petition", row.get("WTSDD"), "division-code", row.get("XXDZ")));
        }

        List<String> truth = read("samples.truth.csv").lines().skip(1).filter(l -> !l.isBlank()).toList();
        assertThat(truth).hasSize(located.size());
        for (String line : truth) {
            String[] column = line.split(",");
            JsonNode location = located.get(column[0] + ":" + column[1]);
            assertThat(location).as(line).isNotNull();
            assertThat(location.path("divisionCode").asText()).as(line).isEqualTo(column[3]);
            assertThat(location.at("/resolution/level").asText()).as(line).isEqualTo("community");
            assertThat(location.at("/resolution/manualRouting").asBoolean()).as(line).isFalse();
        }
    }

    private static String read(String contract) throws IOException {
        return Files.readString(Path.of("src/test/resources/contracts", contract), StandardCharsets.UTF_8);
    }

    /** The sample rows of the exchange table's INSERT statements, column name to value (NULL left out). */
    private static List<Map<String, String>> petitionRows() throws IOException {
        Matcher insert = Pattern.compile("INSERT INTO \\w+ \\(([^)]*)\\) VALUES \\((.*)\\);").matcher(read("xf_exchange.sql"));
        // a quoted string, a function call such as decode('…','hex'), or a bare word such as 1, NULL, TIMESTAMP '…'
        Pattern value = Pattern.compile("'([^']*)'|[^,(]+\\([^)]*\\)|[^,]+");
        List<Map<String, String>> rows = new ArrayList<>();
        while (insert.find()) {
            String[] columns = insert.group(1).split(",");
            Matcher values = value.matcher(insert.group(2));
            Map<String, String> row = new HashMap<>();
            for (String column : columns) {
                values.find();
                if (values.group(1) != null) {
                    row.put(column, values.group(1));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void everySampleGridEventIsPlacedInItsCommunity() {
        for (String line : Samples.PUBLIC_SAFETY) {
            FeedRecord record = Samples.received(line);
            new org.casehub.feed.RecordDecoder(Samples.JSON, Samples.FEEDS).decode(record);
            Samples.mapper().map(record);

            resolver.locate(record);

            JsonNode location = record.canonical().path("location");
            assertThat(location.path("divisionCode").asText()).as(line).hasSize(12);
            assertThat(location.path("path")).as(line).hasSize(5)
                    .allSatisfy(tier -> assertThat(tier.path("name").asText()).isNotBlank());
            assertThat(location.at("/resolution/manualRouting").asBoolean()).as(line).isFalse();
        }
    }
}
