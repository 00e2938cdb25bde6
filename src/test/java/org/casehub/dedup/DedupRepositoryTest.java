package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.casehub.index.CaseRepository;
import org.casehub.publish.OutboxRepository;
import org.casehub.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The rule's view of the index on the real schema (H2, migrated by Flyway): candidates and their kept profiles. */
class DedupRepositoryTest {

    private static final String COMMUNITY = "440305007012";
    private static final String KEY = "place:" + COMMUNITY + ":labour";
    private static final Instant FROM = Cases.T0.minus(Duration.ofDays(30));
    private static final Instant TO = Cases.T0.plus(Duration.ofDays(30));

    private final DuplicateRule rule = Cases.rule();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private DedupRepository dedup;

    @BeforeEach
    void schema() {
        DriverManagerDataSource db = MemoryIndex.migrated("dedup");
        jdbc = new JdbcTemplate(db);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(db));
        dedup = new DedupRepository(jdbc, new CaseRepository(jdbc, new OutboxRepository(jdbc)), json, rule, DedupProperties.defaults(), new SimpleMeterRegistry());
    }

    @Test
    void aCaseChangedSinceItsProfileWasKeptIsReadAgain() {
        indexCase("C1", 1, Cases.T0, Cases.T0);
        assertThat(dedup.candidates(Set.of(KEY), FROM, TO).get("C1").reportedAt()).isEqualTo(Cases.T0);

        Instant later = Cases.T0.plus(Duration.ofDays(2));
        rewriteCase("C1", 2, later);

        assertThat(dedup.candidates(Set.of(KEY), FROM, TO).get("C1").reportedAt()).isEqualTo(later);
    }

    @Test
    void theProfileOfACaseATransactionWroteIsKeptOnceItCommitsSoTheNextDecisionDoesNotReadItBack() {
        indexCase("C1", 1, Cases.T0, Cases.T0);
        CaseProfile written = rule.profile(facts(Cases.T0));

        transactions.executeWithoutResult(status ->
                dedup.keepWhenCommitted(List.of(new DedupRepository.Profiled("C1", 1, written))));

        assertThat(dedup.candidates(Set.of(KEY), FROM, TO).get("C1")).isSameAs(written);
    }

    @Test
    void theProfileOfACaseATransactionRolledBackIsNotKept() {
        indexCase("C1", 1, Cases.T0, Cases.T0);
        CaseProfile written = rule.profile(facts(Cases.T0));

        transactions.executeWithoutResult(status -> {
            dedup.keepWhenCommitted(List.of(new DedupRepository.Profiled("C1", 1, written)));
            status.setRollbackOnly();
        });

        CaseProfile found = dedup.candidates(Set.of(KEY), FROM, TO).get("C1");
        assertThat(found).as("read from the index").isNotNull().isNotSameAs(written);
    }

    @Test
    void aKeptProfileServesEveryDecisionWhileItsCaseIsUnchanged() {
        indexCase("C1", 1, Cases.T0, Cases.T0);
        CaseProfile first = dedup.candidates(Set.of(KEY), FROM, TO).get("C1");
        // the facts change under the same revision, which the index never does: only the kept profile can answer
        jdbc.update("UPDATE hub_case SET dedup_facts = ? WHERE case_id = 'C1'", dedup.write(facts(Cases.T0.plusSeconds(60))));

        assertThat(dedup.candidates(Set.of(KEY), FROM, TO).get("C1")).isSameAs(first);
    }

    @Test
    void lookupsReadTogetherGetEachTheAnswerOfTheirOwnWindowAndKey() {
        indexCase("early", 1, Cases.T0, Cases.T0);
        indexCase("late", 1, Cases.T0.plus(Duration.ofDays(35)), Cases.T0);
        Instant laterFrom = FROM.plus(Duration.ofDays(20));
        Instant laterTo = TO.plus(Duration.ofDays(20));
        DedupRepository.Lookup early = new DedupRepository.Lookup(KEY, FROM, TO);
        DedupRepository.Lookup late = new DedupRepository.Lookup(KEY, laterFrom, laterTo);
        DedupRepository.Lookup elsewhere = new DedupRepository.Lookup("place:440305007013:labour", FROM, TO);

        Map<DedupRepository.Lookup, Map<String, CaseProfile>> answers = dedup.candidates(List.of(early, late, elsewhere, early));

        assertThat(answers.get(early)).containsOnlyKeys("early").isEqualTo(dedup.candidates(Set.of(KEY), FROM, TO));
        assertThat(answers.get(late).keySet()).containsExactly("late", "early")
                .isEqualTo(dedup.candidates(Set.of(KEY), laterFrom, laterTo).keySet());
        assertThat(answers.get(elsewhere)).isEmpty();
    }

    @Test
    void aCaseWhoseKeysAreGoneIsNoCandidate() {
        indexCase("C1", 1, Cases.T0, Cases.T0);
        indexCase("C2", 1, Cases.T0, Cases.T0);
        jdbc.update("DELETE FROM dedup_key WHERE case_id = 'C2'");

        assertThat(dedup.candidates(Set.of(KEY), FROM, TO)).containsOnlyKeys("C1");
    }

    @Test
    void aCasesKeyRowsAreOnePerKeyReadAndDeletedByTheCaseThroughItsPrimaryKeyWithNoSecondIndexOnTheCase() {
        OffsetDateTime at = Cases.T0.atOffset(ZoneOffset.UTC);
        dedup.insertKeys(List.of(new DedupRepository.KeyWrite(KEY, "C1", at, 1),
                new DedupRepository.KeyWrite("phone:abc", "C1", at, 1), new DedupRepository.KeyWrite(KEY, "C2", at, 1)));

        assertThatThrownBy(() -> dedup.insertKeys(List.of(new DedupRepository.KeyWrite(KEY, "C1", at, 2))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(dedup.keysOf("C1")).extracting(DedupRepository.KeyWrite::blockKey).containsExactlyInAnyOrder(KEY, "phone:abc");
        dedup.deleteKeys(List.of("C1"));
        assertThat(dedup.keysOf("C1")).isEmpty();
        assertThat(dedup.keysOf("C2")).hasSize(1);
        // the key leads with the case (what reads and deletes ask by); a key's cases are found through dedup_key_window
        assertThat(jdbc.queryForList("SELECT c.column_name FROM information_schema.table_constraints t"
                + " JOIN information_schema.key_column_usage c ON c.constraint_name = t.constraint_name"
                + " WHERE t.table_name = 'DEDUP_KEY' AND t.constraint_type = 'PRIMARY KEY' ORDER BY c.ordinal_position",
                String.class)).containsExactly("CASE_ID", "BLOCK_KEY");
        assertThat(jdbc.queryForList("SELECT index_name FROM information_schema.indexes WHERE table_name = 'DEDUP_KEY'"
                + " AND index_type_name <> 'PRIMARY KEY'", String.class)).containsExactly("DEDUP_KEY_WINDOW");
    }

    @Test
    void startingKeepsTheProfilesOfTheCasesChangedWithinTheWindowOnly() {
        indexCase("recent", 1, Cases.T0, Cases.T0);
        indexCase("old", 1, Cases.T0.minus(Duration.ofDays(40)), Cases.T0.minus(Duration.ofDays(40)));

        assertThat(dedup.keepRecentProfiles(FROM)).isEqualTo(1);
        // the kept profile answers although the stored facts are now unreadable: it was loaded at start
        jdbc.update("UPDATE hub_case SET dedup_facts = 'not json' WHERE case_id = 'recent'");
        Map<String, CaseProfile> found = dedup.candidates(Set.of(KEY), FROM, TO);
        assertThat(found).containsOnlyKeys("recent");
    }

    @Test
    void aCaseTooBigToReadIsSkippedAsACandidateAndTheOthersAreStillFound() {
        DedupRepository limited = limitedTo4Mb();
        indexCaseBesideOneTooBigToRead("C1");

        assertThat(limited.candidates(Set.of(KEY), FROM, TO)).containsOnlyKeys("C1");
    }

    @Test
    void startingSkipsACaseTooBigToReadAndKeepsTheOthers() {
        DedupRepository limited = limitedTo4Mb();
        indexCaseBesideOneTooBigToRead("C1");

        assertThat(limited.keepRecentProfiles(FROM)).isEqualTo(1);
    }

    /** The case, and beside it one of 50,000 persons (about 12 MB of facts, as stored before the record limits). */
    private void indexCaseBesideOneTooBigToRead(String caseId) {
        indexCase(caseId, 1, Cases.T0, Cases.T0);
        indexCase("huge", 1, Cases.T0, Cases.T0);
        jdbc.update("UPDATE hub_case SET dedup_facts = ? WHERE case_id = 'huge'", dedup.write(withPersons(facts(Cases.T0), 50_000)));
    }

    /** As in the hub: the JSON mapper refuses documents above 4 MB. */
    private DedupRepository limitedTo4Mb() {
        ObjectMapper limited = json.copy();
        limited.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(4_000_000).build());
        return new DedupRepository(jdbc, new CaseRepository(jdbc, new OutboxRepository(jdbc)), limited, rule, DedupProperties.defaults(), new SimpleMeterRegistry());
    }

    private static CaseFacts withPersons(CaseFacts facts, int count) {
        List<PersonKey> persons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String hash = String.format("%064d", i);
            persons.add(new PersonKey("party", hash, true, hash, hash));
        }
        return new CaseFacts(facts.category(), facts.divisionCode(), facts.reportedAt(), facts.title(), facts.description(),
                facts.address(), persons);
    }

    @Test
    void startingReadsTheWindowPageByPageMostRecentFirstUpToTheCachesSize() {
        List<Object[]> cases = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            OffsetDateTime at = Cases.T0.minusSeconds(i).atOffset(ZoneOffset.UTC);
            // two cases per second: the pages must not lose or repeat cases changed at the same instant
            String caseId = String.format("C%05d", i);
            cases.add(new Object[] {caseId, COMMUNITY, dedup.write(facts(Cases.T0)), at.withSecond(at.getSecond() / 2 * 2), at});
            keys.add(new Object[] {KEY, caseId, Cases.T0.atOffset(ZoneOffset.UTC)});
        }
        jdbc.batchUpdate("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related, group_case,"
                + " manual_routing, case_json, dedup_facts, updated_at, created_at) VALUES (?, 1, 'received', 'labour', 'hotline', ?,"
                + " FALSE, FALSE, FALSE, '{}', ?, ?, ?)", cases);
        jdbc.batchUpdate("INSERT INTO dedup_key (block_key, case_id, reported_at, revision) VALUES (?, ?, ?, 1)", keys);
        DedupRepository small = new DedupRepository(jdbc, new CaseRepository(jdbc, new OutboxRepository(jdbc)), json, rule, new DedupProperties(true, 0.6, 0.45, 0.45,
                Duration.ofDays(30), Duration.ofDays(7), 10, 3_000, 2_200), new SimpleMeterRegistry());

        assertThat(small.keepRecentProfiles(FROM)).isEqualTo(2_200);
        // what it kept answers although the stored facts are now unreadable: the 2,200 most recent cases, each once
        // (C02199 and C02200 changed at one instant: the higher id comes first and is the 2,200th)
        jdbc.update("UPDATE hub_case SET dedup_facts = 'not json' WHERE case_id < 'C02199' OR case_id = 'C02200'");
        assertThat(small.candidates(Set.of(KEY), FROM, TO)).hasSize(2_500);
    }

    private void indexCase(String caseId, int revision, Instant reportedAt, Instant updatedAt) {
        jdbc.update("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related, group_case,"
                        + " manual_routing, case_json, dedup_facts, created_at, updated_at)"
                        + " VALUES (?, ?, 'received', 'labour', 'hotline', ?, FALSE, FALSE, FALSE, '{}', ?, ?, ?)",
                caseId, revision, COMMUNITY, dedup.write(facts(reportedAt)), updatedAt.atOffset(ZoneOffset.UTC),
                updatedAt.atOffset(ZoneOffset.UTC));
        jdbc.update("INSERT INTO dedup_key (block_key, case_id, reported_at, revision) VALUES (?, ?, ?, ?)", KEY, caseId,
                reportedAt.atOffset(ZoneOffset.UTC), revision);
    }

    private void rewriteCase(String caseId, int revision, Instant reportedAt) {
        jdbc.update("UPDATE hub_case SET revision = ?, dedup_facts = ? WHERE case_id = ?", revision, dedup.write(facts(reportedAt)),
                caseId);
        jdbc.update("UPDATE dedup_key SET revision = ?, reported_at = ? WHERE case_id = ?", revision,
                reportedAt.atOffset(ZoneOffset.UTC), caseId);
    }

    private static CaseFacts facts(Instant reportedAt) {
        return Cases.of("labour", COMMUNITY, "拖欠工资三个月").daysLater(Duration.between(Cases.T0, reportedAt).toMinutes() / 1440.0).facts();
    }
}
