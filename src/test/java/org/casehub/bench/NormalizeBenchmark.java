package org.casehub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedRecord;
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.MatterVocabulary;
import org.casehub.feed.InputQuality;
import org.casehub.feed.RecordDecoder;
import org.casehub.feed.RecordLimits;
import org.casehub.index.RecordPreparation;
import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.JsonSchemas;
import org.casehub.mapping.PersonProtector;
import org.casehub.mapping.Samples;
import org.casehub.network.LocationResolver;
import org.casehub.security.PiiCipher;
import org.casehub.security.PiiKeys;
import org.springframework.util.FileSystemUtils;

/**
 * CPU per record of every step before the store (issue 18), in one thread and in memory: the grid events of {@link
 * DedupDataSet} (the throughput benchmark's records) through decode, the feed's schema, the mapping, limits, dates and
 * text quality, locating, sealing and hashing persons and the case schema — the steps of {@link
 * org.casehub.feed.Normalizer} — and the index's work on the record alone that the same threads do before the store
 * ({@link RecordPreparation}). Each step runs over all records at once, timed in this thread's CPU time, so that other
 * work on a shared machine does not count; it prints µs per record per step (the best of the rounds after warm-up), so
 * that a change to one step shows as that step's figure. Run: {@code mvn -o -Pbench test-compile
 * exec:exec@normalize-benchmark}, or {@code java -cp <test classpath> org.casehub.bench.NormalizeBenchmark [records]
 * [rounds]}.
 */
public final class NormalizeBenchmark {

    private static final ObjectMapper JSON = Samples.JSON;

    /** One step of the pipeline on one record. */
    private interface Step {
        void run(FeedRecord record);
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        List<byte[]> events = gridEvents(count);
        Path keys = Files.createTempDirectory("casehub-normalize-bench-");
        try {
            Map<String, Step> steps = steps(keys);
            System.out.printf("%n=== normalizing %,d grid events, one thread, %d rounds (the first %d warm up) ===%n",
                    events.size(), rounds, rounds / 2);
            Map<String, long[]> nanos = new LinkedHashMap<>();
            steps.keySet().forEach(name -> nanos.put(name, new long[rounds]));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < rounds; round++) {
                List<FeedRecord> records = new ArrayList<>(events.size());
                for (byte[] bytes : events) {
                    records.add(new FeedRecord(Samples.FEED, bytes, Map.of("offset", 0L), Instant.now()));
                }
                // step by step over all records, timed in this thread's CPU: other work on the machine does not count
                for (Map.Entry<String, Step> step : steps.entrySet()) {
                    long start = threads.getCurrentThreadCpuTime();
                    records.forEach(step.getValue()::run);
                    nanos.get(step.getKey())[round] = threads.getCurrentThreadCpuTime() - start;
                }
            }
            double total = 0;
            for (Map.Entry<String, long[]> step : nanos.entrySet()) {
                double best = Double.MAX_VALUE;
                for (int round = rounds / 2; round < rounds; round++) {
                    best = Math.min(best, step.getValue()[round] / 1e3 / events.size());
                }
                total += best;
                System.out.printf("  %-22s %8.1f µs CPU per record%n", step.getKey(), best);
            }
            System.out.printf("  %-22s %8.1f µs CPU per record (best round of each step): %,.0f records/s per core%n",
                    "all steps", total, 1e6 / total);
        } finally {
            FileSystemUtils.deleteRecursively(keys);
        }
    }

    /** The steps in {@link org.casehub.feed.Normalizer}'s order, built as {@link Samples} builds them. */
    private static Map<String, Step> steps(Path keys) {
        RecordDecoder decoder = new RecordDecoder(JSON, Samples.FEEDS);
        CaseValidator validator = new CaseValidator(new JsonSchemas(Samples.HOME));
        CaseMapper mapper = Samples.mapper();
        RecordLimits limits = new RecordLimits(new RecordLimits.Limits(500, 20_000, 1_048_576));
        // the data set's times run up to early December 2026: none may count as "in the future" for this machine's clock
        InputQuality quality = new InputQuality(new InputQuality.DateWindow(LocalDate.of(1990, 1, 1), Duration.ofDays(3650)));
        LocationResolver locations = Samples.resolver();
        PiiKeys piiKeys = Samples.generatedKeys(keys);
        PersonProtector persons = Samples.protector(piiKeys);
        RecordPreparation forStore = new RecordPreparation(new DuplicateRule(DedupProperties.defaults(),
                new MatterVocabulary(Samples.HOME, JSON)), DedupProperties.defaults(), new PiiCipher(piiKeys), JSON);
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("decode", decoder::decode);
        steps.put("source schema", validator::validateSource);
        steps.put("mapping", mapper::map);
        steps.put("limits", limits::check);
        steps.put("dates, mojibake", quality::check);
        steps.put("locate", locations::locate);
        steps.put("persons sealed", persons::protect);
        steps.put("case schema", validator::validateCase);
        steps.put("prepared for the store", forStore::prepare);
        return steps;
    }

    /** The grid events of the throughput benchmark's data set, as bytes. */
    private static List<byte[]> gridEvents(int count) {
        DedupDataSet data = new DedupDataSet(JSON, Samples.divisions(), 18, Integer.MAX_VALUE);
        List<byte[]> grid = new ArrayList<>();
        for (int all = count * 3; grid.size() < count; all *= 2) {
            grid.clear();
            for (DedupDataSet.Labelled labelled : data.generate(all)) {
                if (labelled.record().feed().equals(Samples.FEED) && grid.size() < count) {
                    grid.add(labelled.record().raw());
                }
            }
        }
        return grid;
    }
}
