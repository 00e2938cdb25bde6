package org.casehub.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.apache.camel.Exchange;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.security.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The provincial-petition feed's poll of the exchange table (contracts §3), driven by
 * routes/feeds/provincial-petition.camel.yaml: {@link #due()} → {@link #take} → the pipeline →
 * {@link #markTaken} once the index committed the batch. Rows are flagged only after that commit; a
 * crash in between leaves them new, and reading them again is a no-op thanks to the idempotency key
 * {@code provincial-petition:<XFJBH>:<SJC epoch ms>}. While the exchange database fails, the feed is reported
 * failing and polls again after a pause that doubles up to {@code casehub.exchange.max-backoff}. As the adapter of
 * the {@code jdbc} transport it reports whether the exchange database answered its last poll, and the rows waiting
 * as the feed's lag.
 */
@Component("petitionExchange")
public class PetitionExchangeFeed implements SourceAdapter {

    private static final Logger log = LoggerFactory.getLogger(PetitionExchangeFeed.class);
    private static final String TAKEN = "casehubPetitionRowsTaken";
    /** With several hub instances, the one holding this lease polls the exchange table. */
    static final String LEASE = "feed:" + PetitionRecords.FEED;

    private final ObjectProvider<PetitionExchangeRepository> repository;
    private final PetitionRecords records;
    private final ExchangeProperties properties;
    private final SourceHealth sources;
    private final Clock clock = Clock.systemUTC();
    private final PullBackoff backoff;
    private final PollGate gate;
    private Instant nextPollAt = Instant.MIN;
    private boolean moreWaiting;

    public PetitionExchangeFeed(ObjectProvider<PetitionExchangeRepository> repository, PetitionRecords records,
                                ExchangeProperties properties, SourceHealth sources, LeaderLeases leases) {
        this.repository = repository;
        this.records = records;
        this.properties = properties;
        this.sources = sources;
        this.backoff = new PullBackoff(properties.pollPeriod(), 2, properties.maxBackoff(), properties.maxBackoff(), clock);
        this.gate = new PollGate(PetitionRecords.FEED, "CASEHUB_EXCHANGE_DB_URL", sources, leases, LEASE, backoff, clock);
    }

    /**
     * Whether to poll now: configured, neither the route nor the hub stopping, this instance holding the
     * poller's lease, and a full batch was just taken or the poll period is over.
     */
    public synchronized boolean due(Exchange exchange) {
        return gate.open(exchange, repository.getIfAvailable() != null, moreWaiting, nextPollAt);
    }

    @Override
    public String transport() {
        return "jdbc";
    }

    /** Whether the exchange database answered the last poll, and as lag the rows waiting in the table it polls. */
    @Override
    public Report report(String feed, FeedProperties.Feed definition, Instant now) {
        SourceHealth.State source = sources.state(feed).orElse(null);
        if (!PetitionRecords.FEED.equals(feed)) {
            return new Report(source, null);
        }
        OptionalLong waiting = waiting();
        return new Report(source, new Lag("rows waiting", waiting.isPresent() ? waiting.getAsLong() : null, "rows",
                waiting.isPresent() ? "CLBZ = '0'" : "the exchange database did not answer"));
    }

    /** Rows waiting in the exchange table; empty when the feed is not configured or the database does not answer. */
    public OptionalLong waiting() {
        PetitionExchangeRepository rows = repository.getIfAvailable();
        if (rows == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(rows.waiting());
        } catch (DataAccessException e) {
            return OptionalLong.empty();
        }
    }

    /** The next batch of new rows, in SJC order, as feed records. The rows stay new until {@link #markTaken}. */
    public synchronized List<FeedRecord> take(Exchange exchange) {
        nextPollAt = clock.instant().plus(properties.pollPeriod());
        moreWaiting = false;
        exchange.removeProperty(TAKEN);
        List<ExchangeRow> rows;
        try {
            rows = repository.getObject().newRows(properties.batchSize());
            backoff.succeeded();
            sources.succeeded(PetitionRecords.FEED);
        } catch (DataAccessException e) {
            Duration pause = backoff.failed();
            sources.failed(PetitionRecords.FEED, e.getMostSpecificCause().getMessage());
            log.warn("feed {}: the exchange database failed ({}), polling again in {}", PetitionRecords.FEED,
                    e.getMostSpecificCause().getMessage(), pause);
            return List.of();
        }
        moreWaiting = rows.size() == properties.batchSize();
        Instant now = clock.instant();
        List<Taken> taken = new ArrayList<>(rows.size());
        for (ExchangeRow row : rows) {
            taken.add(new Taken(row, records.toRecord(row, now)));
        }
        exchange.setProperty(TAKEN, taken);
        return taken.stream().map(Taken::record).toList();
    }

    /** Only ever called after the index transaction that stored the batch committed. */
    public void markTaken(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Taken> taken = exchange.getProperty(TAKEN, List.class);
        if (taken == null) {
            return;
        }
        PetitionExchangeRepository rows = repository.getObject();
        int stale = 0;
        for (Taken t : taken) {
            boolean marked = t.record().rejected()
                    ? rows.markFailed(t.row(), reason(t.record().rejection()))
                    : rows.markTaken(t.row().xfjbh(), t.row().sjc());
            if (!marked) {
                stale++;
            }
        }
        if (stale > 0) {
            log.info("feed {}: {} row(s) were re-sent while being stored and stay new", PetitionRecords.FEED, stale);
        }
    }

    private static String reason(RecordRejectedException rejection) {
        return Masking.scrub(rejection.stage() + ": " + String.join("; ", rejection.reasons()));
    }

    private record Taken(ExchangeRow row, FeedRecord record) {
    }
}
