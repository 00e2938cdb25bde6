package org.casehub.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.casehub.core.FeedRecord;
import org.casehub.core.StoreOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class IndexStoreTest {

    private final List<List<String>> transactions = new ArrayList<>();
    private final List<String> committed = new ArrayList<>();

    private static List<FeedRecord> records(int n) {
        List<FeedRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FeedRecord record = new FeedRecord("public-safety", ("{\"n\": " + i + "}").getBytes(StandardCharsets.UTF_8),
                    Map.of("offset", i), Instant.now());
            record.identified("R" + i, 1L);
            records.add(record);
        }
        return records;
    }

    /** An index whose transaction fails while it holds the usable record R5 with this failure. */
    private IndexStore failingOn(RuntimeException failure) {
        return new IndexStore(batch -> {
            transactions.add(batch.stream().map(FeedRecord::recordId).toList());
            if (batch.stream().anyMatch(r -> !r.rejected() && r.recordId().equals("R5"))) {
                throw failure;
            }
            Map<StoreOutcome, Integer> outcomes = new EnumMap<>(StoreOutcome.class);
            for (FeedRecord r : batch) {
                committed.add(r.recordId());
                outcomes.merge(r.rejected() ? StoreOutcome.QUARANTINED : StoreOutcome.CREATED, 1, Integer::sum);
            }
            return outcomes;
        }, 3);
    }

    @Test
    void aRecordThatFailsItsBatchIsFoundBySplittingAndQuarantinedAloneWhileTheRestIsStored() {
        List<FeedRecord> batch = records(8);
        IndexStore store = failingOn(new DataIntegrityViolationException("value too long for type character varying(128)"));

        Map<StoreOutcome, Integer> outcomes = store.store(batch, null);

        assertThat(outcomes).containsEntry(StoreOutcome.CREATED, 7).containsEntry(StoreOutcome.QUARANTINED, 1);
        assertThat(committed).containsExactlyInAnyOrder("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7");
        FeedRecord guilty = batch.get(5);
        assertThat(guilty.rejected()).isTrue();
        assertThat(guilty.rejection().stage()).isEqualTo("index");
        assertThat(guilty.rejection().reasons()).singleElement().asString()
                .startsWith("DataIntegrityViolationException").contains("value too long");
        assertThat(batch).filteredOn(FeedRecord::rejected).containsExactly(guilty);
        // the whole batch, then halves down to the record: 1 + 2 per level (3 levels for 8) + its quarantine
        assertThat(transactions).hasSizeLessThanOrEqualTo(1 + 2 * 3 + 1);
    }

    @Test
    void aDatabaseThatIsDownFailsTheWholeBatchForTheRouteToBackOffAndBlamesNoRecord() {
        List<FeedRecord> batch = records(8);
        IndexStore store = new IndexStore(records -> {
            transactions.add(List.of());
            throw new CannotGetJdbcConnectionException("Connection refused");
        }, 3);

        assertThatThrownBy(() -> store.store(batch, null)).isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThatThrownBy(() -> store.store(batch, 1)).isInstanceOf(CannotGetJdbcConnectionException.class);

        assertThat(transactions).hasSize(2);
        assertThat(batch).noneMatch(FeedRecord::rejected);
    }

    @Test
    void aBatchThatKeepsFailingForATransientLookingReasonIsSplitOnItsThirdAttempt() {
        List<FeedRecord> batch = records(8);
        IndexStore store = failingOn(new QueryTimeoutException("canceling statement due to statement timeout"));

        assertThatThrownBy(() -> store.store(batch, null)).isInstanceOf(QueryTimeoutException.class);
        assertThatThrownBy(() -> store.store(batch, 1)).isInstanceOf(QueryTimeoutException.class);
        Map<StoreOutcome, Integer> outcomes = store.store(batch, 2);

        assertThat(outcomes).containsEntry(StoreOutcome.CREATED, 7).containsEntry(StoreOutcome.QUARANTINED, 1);
        assertThat(batch.get(5).rejection().reasons()).singleElement().asString().contains("statement timeout");
    }

    @Test
    void aRecordIsNotCondemnedWhenItsQuarantineCannotBeWrittenEither() {
        List<FeedRecord> batch = records(2);
        RuntimeException down = new CannotGetJdbcConnectionException("Connection refused");
        IndexStore store = new IndexStore(records -> {
            if (records.stream().anyMatch(FeedRecord::rejected)) {
                throw down;
            }
            if (records.stream().anyMatch(r -> r.recordId().equals("R1"))) {
                throw new DataIntegrityViolationException("value too long");
            }
            return Map.of(StoreOutcome.CREATED, records.size());
        }, 3);

        assertThatThrownBy(() -> store.store(batch, null)).isSameAs(down);
        assertThat(batch).noneMatch(FeedRecord::rejected);
    }

    @Test
    void whenEveryRecordFailsAloneTheFailureIsTheEnvironmentsUntilTheBatchKeepsFailing() {
        List<FeedRecord> batch = records(4);
        // a table missing or a grant revoked: no record can be stored, only quarantined
        IndexStore store = new IndexStore(records -> {
            if (records.stream().anyMatch(r -> !r.rejected())) {
                throw new DataIntegrityViolationException("permission denied for table processed_id");
            }
            return Map.of(StoreOutcome.QUARANTINED, records.size());
        }, 3);

        assertThatThrownBy(() -> store.store(batch, null)).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(batch).noneMatch(FeedRecord::rejected);

        assertThat(store.store(batch, 2)).containsEntry(StoreOutcome.QUARANTINED, 4);
        assertThat(batch).allMatch(FeedRecord::rejected);
    }

    @Test
    void aConnectionFoundClosedWhenRollingBackIsTheEnvironmentsFailureAndBlamesNoRecord() {
        List<FeedRecord> batch = records(8);
        // what a batch meets when the database restarted under it: the pool's connection is gone even for the rollback,
        // and HikariCP's closed connection says so with no SQL state
        IndexStore store = failingOn(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")));

        assertThatThrownBy(() -> store.store(batch, null)).isInstanceOf(TransactionSystemException.class);

        assertThat(transactions).hasSize(1);
        assertThat(batch).noneMatch(FeedRecord::rejected);
    }

    @Test
    void aRecordMeetingDeadConnectionsAloneIsNeverQuarantinedTheBatchIsTriedAgainWholeUntilThePoolHasReplacedThem() {
        List<FeedRecord> batch = records(4);
        int[] deadConnections = {6};
        // a database restarted under a full pool: its connections are found dead one after another, the rollback too
        IndexStore store = new IndexStore(records -> {
            transactions.add(records.stream().map(FeedRecord::recordId).toList());
            if (deadConnections[0]-- > 0) {
                throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
            }
            return Map.of(StoreOutcome.CREATED, records.size());
        }, 3);

        // from the third attempt on any other failure would be split and blamed; this one fails the batch whole
        for (int attempt = 2; attempt < 8; attempt++) {
            int redeliveries = attempt;
            assertThatThrownBy(() -> store.store(batch, redeliveries)).isInstanceOf(TransactionSystemException.class);
        }
        Map<StoreOutcome, Integer> outcomes = store.store(batch, 8);

        assertThat(outcomes).containsEntry(StoreOutcome.CREATED, 4).doesNotContainKey(StoreOutcome.QUARANTINED);
        assertThat(batch).noneMatch(FeedRecord::rejected);
        assertThat(transactions).allMatch(t -> t.size() == 4);
    }

    @Test
    void aRollbackThatFailsAfterTheDatabaseWentAwayBlamesNoRecordWhateverTheRollbacksOwnFailureSays() {
        List<FeedRecord> batch = records(8);
        // the statement met the restart (57P01); the rollback then failed for a reason of its own
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("internal error", "XX000"));
        rollback.initApplicationException(new DataIntegrityViolationException("could not execute batch",
                new SQLException("terminating connection due to administrator command", "57P01")));
        IndexStore store = failingOn(rollback);

        // on an attempt that would blame a record for any other failure
        assertThatThrownBy(() -> store.store(batch, 5)).isSameAs(rollback);

        assertThat(transactions).hasSize(1);
        assertThat(batch).noneMatch(FeedRecord::rejected);
    }

    @Test
    void aCommitRefusedForTheRecordsOwnDataIsStillTheRecordsFailure() {
        // a deferred constraint fails at commit with its state (23505): the connection is fine, a record is to blame
        assertThat(IndexStore.connectionLost(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(IndexStore.connectionLost(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aConnectionLostWhileABatchIsSplitStopsTheSearchAndBlamesNoRecord() {
        List<FeedRecord> batch = records(8);
        int[] transactionsBeforeRestart = {2};
        // the batch's third attempt times out (so it is split), and the database restarts while its halves are stored
        IndexStore store = new IndexStore(records -> {
            transactions.add(records.stream().map(FeedRecord::recordId).toList());
            if (transactionsBeforeRestart[0]-- > 0) {
                throw new QueryTimeoutException("canceling statement due to statement timeout");
            }
            throw new CannotGetJdbcConnectionException("Connection refused");
        }, 3);

        assertThatThrownBy(() -> store.store(batch, 2)).isInstanceOf(CannotGetJdbcConnectionException.class);

        assertThat(batch).noneMatch(FeedRecord::rejected);
        assertThat(transactions).hasSize(3);
    }
}
