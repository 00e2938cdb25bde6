package org.casehub.cluster;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One hub instance at a time runs each poller (livelihood pull, exchange-table poll) and each outbox relay, as
 * DESIGN's production section asks, so that per-case order holds: a lease row each in the index database (leader_lease),
 * taken when free or expired, renewed by its holder once a third of it has passed, given back when the hub
 * stops. Expiry is judged by the database's clock. Taking is an UPDATE of a free or expired row, else an
 * INSERT that only one instance can win (the primary key), so two instances never both hold a lease.
 * <p>A holder that stalls for longer than the lease (a batch stuck past it) may overlap with the instance
 * that took over; that costs work, not data: every record is stored once by its idempotency key, and flags
 * and watermarks move only after their commit.
 */
@Component
public class LeaderLeases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeaderLeases.class);

    private final JdbcTemplate jdbc;
    private final LeaseProperties properties;
    private final String holder;
    /** lease name → System.nanoTime() after which to ask the database again (renew, or try to take). */
    private final Map<String, Long> nextCheck = new ConcurrentHashMap<>();
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();

    public LeaderLeases(JdbcTemplate jdbc, LeaseProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.holder = properties.holder().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8)
                : properties.holder();
    }

    /**
     * Whether this instance holds the lease now, taking or renewing it when due (a third of the lease after the
     * last look; between looks the answer is remembered). Always true when leases are off.
     */
    public boolean hold(String name) {
        if (!properties.enabled()) {
            return true;
        }
        long now = System.nanoTime();
        Long next = nextCheck.get(name);
        if (next != null && now - next < 0) {
            return held.getOrDefault(name, false);
        }
        boolean holds = takeOrRenew(name);
        if (holds != held.getOrDefault(name, false)) {
            log.info("{} lease {} ({})", holds ? "holding" : "another instance holds", name, holder);
        }
        held.put(name, holds);
        nextCheck.put(name, now + properties.duration().toNanos() / 3);
        return holds;
    }

    /** This instance's last view of the lease, without asking the database. */
    public boolean holds(String name) {
        return !properties.enabled() || held.getOrDefault(name, false);
    }

    public String holder() {
        return holder;
    }

    private boolean takeOrRenew(String name) {
        String expiry = "CURRENT_TIMESTAMP + INTERVAL '" + String.format(Locale.ROOT, "%.3f",
                properties.duration().toMillis() / 1000.0) + "' SECOND";
        try {
            if (jdbc.update("UPDATE leader_lease SET holder = ?, expires_at = " + expiry
                    + " WHERE name = ? AND (holder = ? OR expires_at < CURRENT_TIMESTAMP)", holder, name, holder) == 1) {
                return true;
            }
            jdbc.update("INSERT INTO leader_lease (name, holder, expires_at) VALUES (?, ?, " + expiry + ")", name, holder);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        } catch (DataAccessException e) {
            // the database is unreachable: poll nothing until the lease can be confirmed
            log.warn("lease {} cannot be confirmed: {}", name, e.getMessage());
            return false;
        }
    }

    /** Gives this instance's leases back, so that another instance takes over at once. */
    @Override
    public void destroy() {
        if (!properties.enabled() || !held.containsValue(true)) {
            return;
        }
        try {
            jdbc.update("DELETE FROM leader_lease WHERE holder = ?", holder);
        } catch (DataAccessException e) {
            log.warn("leases of {} not given back (they expire in {}): {}", holder, properties.duration(), e.getMessage());
        }
    }
}
