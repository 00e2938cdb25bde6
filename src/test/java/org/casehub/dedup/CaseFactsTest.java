package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.PersonHashes;
import org.junit.jupiter.api.Test;

class CaseFactsTest {

    @Test
    void factsOfACanonicalCaseKeepThePersonsOfTheGrievanceOnly() {
        CaseFacts facts = Cases.of("labour", "440305007012", "拖欠工资").address("梅观路16号")
                .petitioner("周娜", "A", "1").person("reporter", "许涵国", null, false, null).facts();

        assertThat(facts.category()).isEqualTo("labour");
        assertThat(facts.divisionCode()).isEqualTo("440305007012");
        assertThat(facts.address()).isEqualTo("梅观路16号");
        assertThat(facts.reportedAt()).isEqualTo(Cases.T0);
        assertThat(facts.persons()).containsExactly(
                new PersonKey("petitioner", Cases.hash("id:A"), true, Cases.hash("phone:1"), Cases.hash("name:周娜")));
    }

    @Test
    void withoutAReportTimeTheOccurrenceThenTheFallbackTimeCounts() {
        ObjectNode json = Cases.of("noise", "440305007012", "噪声").json();
        json.remove("reportedAt");
        Instant fallback = Instant.parse("2026-11-20T00:00:00Z");

        assertThat(CaseFacts.of(json, fallback).reportedAt()).isEqualTo(fallback);
        json.put("occurredAt", "2026-11-06T17:46:00+08:00");
        assertThat(CaseFacts.of(json, fallback).reportedAt()).isEqualTo(Instant.parse("2026-11-06T09:46:00Z"));
    }

    @Test
    void whileHashesMoveARecordFindsAndMatchesACaseHashedUnderThePreviousKeyButNotAStranger() {
        // the case was stored under the previous hash key ("old:" seeds), the record arrives hashed under the new one
        CaseFacts stored = Cases.of("labour", "440305007012", "拖欠工资").petitioner("周娜", "old:A", "old:1").facts();
        CaseFacts stranger = Cases.of("labour", "440305007012", "拖欠工资").petitioner("李四", "old:B", "old:2").facts();
        Cases arriving = Cases.of("labour", "440305007012", "拖欠工资").petitioner("周娜", "A", "1")
                .person("reporter", "许涵国", null, false, null);
        List<PersonHashes> previous = List.of(
                new PersonHashes(Cases.hash("name:周娜"), Cases.hash("id:old:A"), Cases.hash("phone:old:1")),
                new PersonHashes(Cases.hash("name:许涵国"), null, null));

        CaseFacts matching = arriving.facts().alsoUnder(previous, arriving.json());

        assertThat(PersonMatch.of(arriving.facts().persons(), stored.persons())).as("the new hashes alone")
                .isEqualTo(PersonMatch.DIFFERENT);
        assertThat(PersonMatch.of(matching.persons(), stored.persons())).isEqualTo(PersonMatch.SAME_ID);
        assertThat(PersonMatch.of(matching.persons(), stranger.persons())).isEqualTo(PersonMatch.DIFFERENT);
        assertThat(Cases.rule().blockingKeys(matching)).contains("id:" + Cases.hash("id:A"), "id:" + Cases.hash("id:old:A"));
        assertThat(matching.persons()).as("the reporter stays out under either key").hasSize(2);
        assertThat(arriving.facts().alsoUnder(List.of(), arriving.json())).isEqualTo(arriving.facts());
    }

    @Test
    void aCaseThatAbsorbedARecordHasThePersonsOfBoth() {
        CaseFacts anonymous = Cases.of("noise", "440305007012", "噪声").facts();
        CaseFacts petition = Cases.of("noise", "440305007012", "噪声").petitioner("周娜", null, "1").facts();

        CaseFacts merged = anonymous.withPersonsOf(petition).withPersonsOf(petition);

        assertThat(merged.persons()).hasSize(1);
        assertThat(merged.description()).isEqualTo(anonymous.description());
        assertThat(merged.anonymous()).isFalse();
    }
}
