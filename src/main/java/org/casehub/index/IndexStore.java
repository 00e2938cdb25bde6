package org.casehub.index;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.core.StoreOutcome;
import org.casehub.security.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The pipeline's store step (routes/pipeline.camel.yaml): one index transaction per batch, and a verdict when it
 * fails. A failure of the environment (the database down, a connection lost, a lock or statement timeout) fails the
 * batch, so that the route backs off and tries it again (its error handler's exponential redelivery) and no source
 * offset, ack or flag moves. A failure of anything else — and of any kind but a lost connection once a batch has
 * failed {@code split-after} times — is the doing of one of its records: the batch is split in halves, each stored in
 * its own transaction, down to the record that fails alone, which is quarantined with the failure as its reason. Its
 * neighbours are stored; a feed is never held by one record. When every record of a batch fails alone (a table or
 * grant missing), none is blamed before {@code split-after} attempts: the batch fails like an outage. Halves stored
 * before a later failure are stored again on the retry: the idempotency keys make that a no-op.
 */
@Component("indexStore")
public class IndexStore {

    private static final Logger log = LoggerFactory.getLogger(IndexStore.class);
    private static final int MAX_REASON = 500;

    /** One index transaction over a batch. */
    interface Transaction {
        Map<StoreOutcome, Integer> store(List<FeedRecord> records);
    }

    /**
     * How a failing batch is retried and judged; the route's error handler reads the same properties.
     *
     * @param retryDelay     milliseconds before the first retry of a failed batch
     * @param retryMultiplier growth of the pause with every further failure
     * @param maxRetryDelay  longest pause, in milliseconds
     * @param retries        retries of one batch before it fails back to its feed's route (which takes it again: a
     *                       Kafka consumer must poll within max.poll.interval.ms, 5 min by default)
     * @param splitAfter     attempts after which a batch failing for any reason is split to find its guilty record
     */
    @ConfigurationProperties("casehub.store")
    public record Settings(long retryDelay, double retryMultiplier, long maxRetryDelay, int retries, int splitAfter) {

        public Settings {
            if (retryDelay < 1 || retryMultiplier < 1 || maxRetryDelay < retryDelay || retries < 0 || splitAfter < 1) {
                throw new IllegalArgumentException("casehub.store (config/application.yaml) needs retry-delay >= 1,"
                        + " retry-multiplier >= 1, max-retry-delay >= retry-delay, retries >= 0 and split-after >= 1");
            }
        }
    }

    private final Transaction index;
    private final int splitAfter;

    @Autowired
    public IndexStore(CaseIndexRepository index, Settings settings) {
        this(index::store, settings.splitAfter());
    }

    IndexStore(Transaction index, int splitAfter) {
        this.index = index;
        this.splitAfter = splitAfter;
    }

    /**
     * @param redeliveries how often the route's error handler has retried this batch (null: the first attempt)
     * @throws RuntimeException the environment's failure: the batch is to be tried again later, whole
     */
    public Map<StoreOutcome, Integer> store(@Body List<FeedRecord> records,
                                            @Header(Exchange.REDELIVERY_COUNTER) Integer redeliveries) {
        try {
            return index.store(records);
        } catch (RuntimeException e) {
            int attempt = 1 + (redeliveries == null ? 0 : redeliveries);
            if (connectionLost(e) || environmental(e) && attempt < splitAfter) {
                throw e;
            }
            log.warn("a batch of {} record(s) failed ({} attempt(s)): {}; storing it in halves to find the record that fails",
                    records.size(), attempt, reason(e));
            boolean blameAny = attempt >= splitAfter;
            Map<StoreOutcome, Integer> outcomes = new EnumMap<>(StoreOutcome.class);
            Map<FeedRecord, RuntimeException> failedAlone = new LinkedHashMap<>();
            split(records, e, outcomes, failedAlone);
            if (failedAlone.size() == records.size() && records.size() > 1 && !blameAny) {
                // not one record could be stored: a table or grant missing, not the records — back off, as for an outage
                throw e;
            }
            failedAlone.forEach((record, failure) -> condemn(record, failure, blameAny, outcomes));
            return outcomes;
        }
    }

    /** Stores what it can in halves; the records that fail alone are left with their failures. */
    private void split(List<FeedRecord> records, RuntimeException failure, Map<StoreOutcome, Integer> outcomes,
                       Map<FeedRecord, RuntimeException> failedAlone) {
        if (records.size() == 1) {
            failedAlone.put(records.get(0), failure);
            return;
        }
        int half = records.size() / 2;
        for (List<FeedRecord> part : List.of(records.subList(0, half), records.subList(half, records.size()))) {
            try {
                index.store(part).forEach((outcome, n) -> outcomes.merge(outcome, n, Integer::sum));
            } catch (RuntimeException e) {
                if (connectionLost(e)) {
                    // the database went away mid-search: no record is to blame, the batch is tried again whole
                    throw e;
                }
                split(part, e, outcomes, failedAlone);
            }
        }
    }

    /** The record that fails alone: quarantined with the failure, unless the failure is the environment's. */
    private void condemn(FeedRecord record, RuntimeException failure, boolean blameAny, Map<StoreOutcome, Integer> outcomes) {
        if (record.rejected() || (environmental(failure) && !blameAny)) {
            // its quarantine row itself could not be written, or the database is down: nothing to blame it for
            throw failure;
        }
        if (environmental(failure)) {
            // a timeout, lock or deadlock is blamed on a record only when the record meets it again alone
            try {
                index.store(List.of(record)).forEach((outcome, n) -> outcomes.merge(outcome, n, Integer::sum));
                return;
            } catch (RuntimeException again) {
                if (connectionLost(again)) {
                    throw again;
                }
                failure = again;
            }
        }
        record.reject(new RecordRejectedException("index", reason(failure)));
        try {
            index.store(List.of(record)).forEach((outcome, n) -> outcomes.merge(outcome, n, Integer::sum));
        } catch (RuntimeException e) {
            record.reject(null);
            throw e;
        }
        log.warn("record {} of feed {} failed its batch alone and is quarantined: {}", record.recordId(), record.feed(),
                reason(failure));
    }

    /**
     * Failures of the environment, not of a record: the batch is retried after a pause. A lost connection is never a
     * record's doing; the others (a timeout, a lock, a deadlock, resources exhausted) may be, once a batch keeps failing.
     */
    static boolean environmental(Throwable failure) {
        return connectionLost(failure) || causedBy(failure, t -> t instanceof TransientDataAccessException
                || t instanceof SQLTransientException
                || t instanceof SQLException sql && transientState(sql.getSQLState()));
    }

    /**
     * The database unreachable or its connection gone: refused, closed (class 08 — PostgreSQL's "This connection has
     * been closed"), the server shutting down or starting (57P01–57P03), or a commit or rollback on a connection the
     * pool has already closed: HikariCP's closed connection answers every call with a "Connection is closed" that has
     * no SQL state, as when a batch's rollback finds the database restarted (the transaction's own failure, which
     * Spring keeps beside the rollback's, is looked at too). Never blamed on a record, however often the batch has
     * failed: a database that just came back hands out as many dead connections as its pool held before they are all
     * replaced, and a record met by two of them in turn is no more guilty than by one.
     */
    static boolean connectionLost(Throwable failure) {
        return causedBy(failure, t -> t instanceof DataAccessResourceFailureException
                || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                || t instanceof TransactionSystemException && t.getCause() instanceof SQLException sql
                        && sql.getSQLState() == null);
    }

    /**
     * Whether the failure or one of its causes is of the kind — or, for a rollback that failed after the transaction's
     * own failure (Spring's {@link TransactionSystemException} keeps that one as its application exception), that one.
     */
    private static boolean causedBy(Throwable failure, Predicate<Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.test(t) || t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && causedBy(rollback.getApplicationException(), kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of passing trouble that arrive under no transient type: out of resources (class 53: disk full, too
     * many connections), and a serialization failure or deadlock (40001, 40P01), which the same batch passes when
     * tried again.
     */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("53") || state.equals("40001") || state.equals("40P01"));
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + ": " + root.getMessage();
        String text = failure.getClass().getSimpleName() + ": " + Masking.scrub(message);
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON - 1) + "…" : text;
    }
}
