package org.casehub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.Candidate;
import org.casehub.dedup.CaseProfile;
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DedupRepository;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.MatterVocabulary;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.index.CaseRepository;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.NetworkProperties;
import org.casehub.publish.OutboxRepository;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decision latency of the dedup rule against a large index: fills a fresh database with {@code bench.cases} cases
 * (default 1,000,000) spread over a year and every Shenzhen community, with their blocking keys, keeps the profiles
 * of the last 30 days' cases as a starting hub does, then times {@code bench.decisions} online decisions, each as the
 * index makes it inside its transaction: lock the record's blocking keys, read the candidates inside the window,
 * score them (the transaction is rolled back). Arrivals are live (reported today, as a running hub receives them;
 * one in four repeats a grievance of the last days), then back-dated (reported on any day of the year, whose window
 * holds cases on both sides, most of them not kept). Prints p50/p90/p99/max, where the time goes, and the same
 * decision in a transaction of its own. On the embedded H2 file database, and on PostgreSQL too when CASEHUB_TEST_PG_URL and
 * the owner role (CASEHUB_TEST_PG_OWNER_USER/PASSWORD) are set ({@code -Dbench.skip-h2=true} for PostgreSQL only).
 * Run: {@code mvn -Pbench -DskipTests verify}.
 */
public final class DedupLatencyBenchmark {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** decisions that warm the JIT and the kept profiles before timing starts */
    private static final int WARM_UP = 1_000;

    /** the indexed year's cases and the arrivals, one seeded stream */
    private final YearOfCases year;

    private DedupLatencyBenchmark(List<String> communities) {
        this.year = new YearOfCases(communities, EPOCH, 20261125);
    }

    public static void main(String[] args) throws Exception {
        int cases = Integer.getInteger("bench.cases", 1_000_000);
        int decisions = Integer.getInteger("bench.decisions", 20_000);
        CasehubHome home = new CasehubHome(new HomeProperties("."));
        DivisionDirectory divisions = new DivisionDirectory(home, new NetworkProperties("config/network/divisions-44.csv"));
        List<String> communities = divisions.codesUnder("4403", 12);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        DuplicateRule rule = new DuplicateRule(DedupProperties.defaults(), new MatterVocabulary(home, json));

        System.out.printf("%n=== casehub dedup decision latency (%,d cases indexed, %,d decisions) ===%n", cases, decisions);
        if (!Boolean.getBoolean("bench.skip-h2")) {
            Path folder = Files.createTempDirectory("casehub-dedup-bench");
            try (HikariDataSource h2 = dataSource("jdbc:h2:file:" + folder.resolve("index"), "sa", "")) {
                new DedupLatencyBenchmark(communities).run("H2 2.3 (embedded file)", h2, null, rule, json, cases, decisions);
            } finally {
                // a million cases take gigabytes; a full disk makes the embedded Artemis block its producers
                FileSystemUtils.deleteRecursively(folder);
            }
        }
        String pg = System.getenv("CASEHUB_TEST_PG_URL");
        if (pg != null && System.getenv("CASEHUB_TEST_PG_OWNER_USER") != null) {
            try (HikariDataSource postgres = dataSource(pg + (pg.contains("?") ? "&" : "?") + "currentSchema=bench_dedup",
                    System.getenv("CASEHUB_TEST_PG_OWNER_USER"), System.getenv("CASEHUB_TEST_PG_OWNER_PASSWORD"))) {
                new JdbcTemplate(postgres).execute("DROP SCHEMA IF EXISTS bench_dedup CASCADE");
                new DedupLatencyBenchmark(communities).run("PostgreSQL 15 (local)", postgres, "bench_dedup", rule, json, cases, decisions);
                new JdbcTemplate(postgres).execute("DROP SCHEMA IF EXISTS bench_dedup CASCADE");
            }
        }
    }

    private void run(String database, DataSource dataSource, String schema, DuplicateRule rule, ObjectMapper json, int cases, int decisions) {
        // the hub's migrations for the vendor, as spring.flyway.locations names them: H2's own (no schema) or PostgreSQL's,
        // granting the application role as the suite's PostgreSQL run does
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + (schema == null ? "h2" : "postgresql"))
                .placeholders(Map.of("appRole", System.getenv().getOrDefault("CASEHUB_TEST_PG_USER", "casehub_app")))
                .schemas(schema == null ? new String[0] : new String[] {schema}).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DedupRepository dedup = new DedupRepository(jdbc, new CaseRepository(jdbc, new OutboxRepository(jdbc)), json, rule, DedupProperties.defaults(), new SimpleMeterRegistry());
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        long start = System.nanoTime();
        List<CaseFacts> sample = fill(jdbc, transactions, rule, dedup, cases);
        System.out.printf("%s: indexed %,d cases in %.0f s%n", database, cases, (System.nanoTime() - start) / 1e9);
        if (schema != null) {
            // an index filled over a year has long been vacuumed by autovacuum; one loaded in a minute has not yet
            jdbc.execute("VACUUM ANALYZE hub_case, dedup_key");
        }
        // as a starting hub does: keep the profiles of the matter window's cases
        long heap = usedHeap();
        start = System.nanoTime();
        int kept = dedup.keepRecentProfiles(EPOCH.plus(Duration.ofDays(365)).minus(DedupProperties.defaults().matterWindow()));
        System.out.printf("%s: kept %,d recent profiles in %.1f s, about %.1f KB each on the heap%n", database, kept,
                (System.nanoTime() - start) / 1e9, (usedHeap() - heap) / 1024.0 / kept);
        List<CaseFacts> recent = sample.stream().filter(f -> f.reportedAt().isAfter(EPOCH.plus(Duration.ofDays(360)))).toList();
        // live: records arrive today, after the indexed year, and one in four tells again a grievance of the last days;
        // back-dated: records reported on any day of the year (a late feed), so their window holds cases on both sides
        measure(database + ", live", () -> year.nextInt(4) == 0 ? year.again(recent.get(year.nextInt(recent.size()))) : year.onDay(365),
                rule, dedup, transactions, decisions);
        measure(database + ", back-dated", () -> year.nextInt(4) == 0 ? year.again(sample.get(year.nextInt(sample.size())))
                : year.onDay(year.nextInt(365)), rule, dedup, transactions, decisions);
    }

    /**
     * Times each decision as the index makes it inside its transaction (lock the keys, read the candidates, score
     * them), and the transaction of its own that a record arriving alone gets (begin and rollback added).
     */
    private void measure(String label, Supplier<CaseFacts> arrivals, DuplicateRule rule, DedupRepository dedup,
                         TransactionTemplate transactions, int decisions) {
        long[] decision = new long[decisions];
        long[] transaction = new long[decisions];
        long[] phases = new long[3];
        long candidates = 0;
        long merged = 0;
        for (int i = 0; i < decisions + WARM_UP; i++) {
            CaseFacts facts = arrivals.get();
            long[] took = new long[4]; // lock, candidates, decision, candidates found
            long t0 = System.nanoTime();
            boolean join = Boolean.TRUE.equals(transactions.execute(status -> {
                status.setRollbackOnly();
                long d0 = System.nanoTime();
                CaseProfile profile = rule.profile(facts);
                dedup.lock(rule.blockingKeys(profile));
                took[0] = System.nanoTime() - d0;
                boolean joins = rule.decide(profile, (keys, from, to) -> {
                    long c0 = System.nanoTime();
                    List<Candidate> list = new ArrayList<>();
                    dedup.candidates(keys, from, to).forEach((id, p) -> list.add(new Candidate(id, p)));
                    took[1] = System.nanoTime() - c0;
                    took[3] = list.size();
                    return list;
                }).merged();
                took[2] = System.nanoTime() - d0;
                return joins;
            }));
            long whole = System.nanoTime() - t0;
            if (i >= WARM_UP) {
                decision[i - WARM_UP] = took[2];
                transaction[i - WARM_UP] = whole;
                phases[0] += took[0];
                phases[1] += took[1];
                phases[2] += took[2] - took[0] - took[1];
                candidates += took[3];
                merged += join ? 1 : 0;
            }
        }
        Arrays.sort(decision);
        Arrays.sort(transaction);
        System.out.printf("%s: decision p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f candidates per decision;"
                        + " %d of %d joined a case%n", label, ms(decision, 0.50), ms(decision, 0.90), ms(decision, 0.99),
                decision[decisions - 1] / 1e6, candidates / (double) decisions, merged, decisions);
        System.out.printf("%s: mean per decision: lock %.3f ms, candidates %.3f ms, rule %.3f ms%n", label,
                phases[0] / 1e6 / decisions, phases[1] / 1e6 / decisions, phases[2] / 1e6 / decisions);
        System.out.printf("%s: in a transaction of its own (a record arriving alone): p50 %.3f ms, p99 %.3f ms;"
                        + " %.0f decisions/s on one thread%n%n", label, ms(transaction, 0.50), ms(transaction, 0.99),
                decisions / (Arrays.stream(transaction).sum() / 1e9));
    }

    /** Fills the index; returns a sample of the indexed facts to repeat later. */
    private List<CaseFacts> fill(JdbcTemplate jdbc, TransactionTemplate transactions, DuplicateRule rule, DedupRepository dedup,
                                 int cases) {
        List<CaseFacts> sample = new ArrayList<>();
        int batch = 5_000;
        for (int done = 0; done < cases; done += batch) {
            List<Object[]> caseRows = new ArrayList<>();
            List<Object[]> keyRows = new ArrayList<>();
            for (int i = done; i < Math.min(cases, done + batch); i++) {
                CaseFacts facts = year.onDay((int) ((long) i * 365 / cases));
                String caseId = String.format("BENCH%021d", i);
                OffsetDateTime at = facts.reportedAt().atOffset(ZoneOffset.UTC);
                caseRows.add(new Object[] {caseId, facts.category(), facts.divisionCode(), dedup.write(facts), at, at});
                for (String key : rule.blockingKeys(facts)) {
                    keyRows.add(new Object[] {key, caseId, at});
                }
                if (year.nextInt(100) == 0) {
                    sample.add(facts);
                }
            }
            transactions.executeWithoutResult(status -> {
                jdbc.batchUpdate("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related,"
                        + " group_case, manual_routing, case_json, dedup_facts, created_at, updated_at)"
                        + " VALUES (?, 1, 'received', ?, 'hotline', ?, FALSE, FALSE, FALSE, '{}', ?, ?, ?)", caseRows);
                jdbc.batchUpdate("INSERT INTO dedup_key (block_key, case_id, reported_at, revision) VALUES (?, ?, ?, 1)", keyRows);
            });
        }
        return sample;
    }

    /** Roughly: the heap in use after a collection. */
    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
