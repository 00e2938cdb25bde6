package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.feed.FeedRecord;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.Test;

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
