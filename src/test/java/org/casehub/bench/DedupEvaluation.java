package org.casehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.Decision;
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.InMemoryCases;
import org.casehub.dedup.Link;
import org.casehub.dedup.LinkKind;
import org.casehub.dedup.MatterVocabulary;
import org.casehub.feed.PetitionExchangeRepository;
import org.casehub.feed.PetitionRecords;
import org.casehub.feed.RecordDecoder;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.JsonSchemas;
import org.casehub.mapping.PersonProtector;
import org.casehub.mapping.Samples;
import org.casehub.support.ExchangeSamples;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The duplicate rule measured: every record of the contract's samples (with samples.truth.csv) and of a generated
 * labelled set ({@link DedupDataSet}) goes through the real pipeline (decode, feed schema, mapping, location,
 * persons, case schema) in arrival order, then through {@link DuplicateRule#decide} against an in-memory index.
 * Prints pairwise precision, recall and F1 (record pairs put in one case, against the truth), the outcomes and
 * decisions per second. Options: {@code -Ddedup.records=20000 -Ddedup.seed=42 -Ddedup.communities=150}.
 * Run: {@code mvn -Pbench -DskipTests verify}.
 */
public final class DedupEvaluation {

    /** A record through the pipeline: its facts, and its truth. */
    private record Arrival(String identity, CaseFacts facts, String truth, String scenario) {
    }

    private final RecordDecoder decoder = new RecordDecoder(Samples.JSON, Samples.FEEDS);
    private final CaseValidator validator = new CaseValidator(new JsonSchemas(Samples.HOME));
    private final org.casehub.mapping.CaseMapper mapper = Samples.mapper();
    private final PersonProtector protector;
    private final DedupProperties properties = configured();
    private int rejected;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int EXPLAIN = Integer.getInteger("dedup.explain", 0);
    private final Map<String, Integer> explained = new HashMap<>();

    private DedupEvaluation(Path keys) {
        this.protector = Samples.protector(Samples.generatedKeys(keys));
    }

    public static void main(String[] args) throws IOException {
        int records = Integer.getInteger("dedup.records", 20_000);
        long seed = Long.getLong("dedup.seed", 42);
        int communities = Integer.getInteger("dedup.communities", 150);
        Path keys = Files.createTempDirectory("casehub-dedup-keys");
        DedupEvaluation evaluation = new DedupEvaluation(keys);
        System.out.printf("%n=== casehub duplicate rule evaluation (merge %.2f, possible %.2f, related %.2f, windows %s/%s) ===%n",
                evaluation.properties.mergeThreshold(), evaluation.properties.possibleThreshold(),
                evaluation.properties.relatedThreshold(), evaluation.properties.matterWindow(), evaluation.properties.anonymousWindow());
        evaluation.evaluate("contract samples", evaluation.samples());
        evaluation.generated(records, seed, communities);
    }

    /** A generated labelled set through the pipeline and the rule; keys go to {@code keys}. */
    public static Figures evaluateGenerated(Path keys, int records, long seed, int communities) {
        return new DedupEvaluation(keys).generated(records, seed, communities);
    }

    private Figures generated(int records, long seed, int communities) {
        long start = System.nanoTime();
        List<DedupDataSet.Labelled> generated = new DedupDataSet(Samples.JSON, Samples.divisions(), seed, communities)
                .generate(records);
        List<Arrival> arrivals = new ArrayList<>(generated.size());
        for (DedupDataSet.Labelled labelled : generated) {
            arrive(labelled.record(), labelled.caseKey(), labelled.scenario(), arrivals);
        }
        System.out.printf("generated %d records (seed %d, %d communities) through the pipeline in %.1f s%n",
                generated.size(), seed, communities, (System.nanoTime() - start) / 1e9);
        return evaluate("generated set", arrivals);
    }

    private void arrive(FeedRecord record, String truth, String scenario, List<Arrival> arrivals) {
        try {
            decoder.decode(record);
            validator.validateSource(record);
            mapper.map(record);
            Samples.resolver().locate(record);
            protector.protect(record);
            validator.validateCase(record);
            arrivals.add(new Arrival(record.identity(), CaseFacts.of(record.canonical(), record.receivedAt()), truth, scenario));
        } catch (RecordRejectedException e) {
            rejected++;
            System.out.printf("  rejected %s: %s %s%n", record.identity(), e.stage(), e.reasons());
        }
    }

    /** Pairwise figures of one evaluation. */
    public record Figures(int records, int rejected, double precision, double recall, int merged) {
    }

    /** The contract's sample records (with samples.truth.csv) through the pipeline and the rule; keys go to {@code keys}. */
    public static Figures evaluateSamples(Path keys) throws IOException {
        DedupEvaluation evaluation = new DedupEvaluation(keys);
        return evaluation.evaluate("contract samples", evaluation.samples());
    }

    private Figures evaluate(String label, List<Arrival> arrivals) {
        DuplicateRule rule = new DuplicateRule(properties, new MatterVocabulary(Samples.HOME, Samples.JSON));
        InMemoryCases index = new InMemoryCases(rule);
        Map<String, String> caseOf = new HashMap<>();
        Map<LinkKind, Integer> outcomes = new TreeMap<>();
        long nanos = 0;
        long cpu = 0;
        long[] each = new long[arrivals.size()];
        int n = 0;
        for (Arrival arrival : arrivals) {
            long startCpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Decision decision = rule.decide(rule.profile(arrival.facts()), index);
            each[n] = System.nanoTime() - start;
            nanos += each[n++];
            cpu += THREADS.getCurrentThreadCpuTime() - startCpu;
            caseOf.put(arrival.identity(), index.apply(decision, arrival.facts()));
            if (decision.merged()) {
                outcomes.merge(LinkKind.MERGED, 1, Integer::sum);
            }
            for (Link link : decision.links()) {
                outcomes.merge(link.kind(), 1, Integer::sum);
            }
        }
        // pairs counted within clusters (a case, a grievance), never over all record pairs
        Map<String, List<Arrival>> byCase = new HashMap<>();
        Map<String, List<Arrival>> byTruth = new HashMap<>();
        for (Arrival arrival : arrivals) {
            byCase.computeIfAbsent(caseOf.get(arrival.identity()), k -> new ArrayList<>()).add(arrival);
            byTruth.computeIfAbsent(arrival.truth(), k -> new ArrayList<>()).add(arrival);
        }
        long predicted = 0;
        long correct = 0;
        Map<String, Integer> falseByScenario = new TreeMap<>();
        for (List<Arrival> members : byCase.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    Arrival a = members.get(i);
                    Arrival b = members.get(j);
                    predicted++;
                    if (a.truth().equals(b.truth())) {
                        correct++;
                    } else {
                        falseByScenario.merge(a.scenario() + "~" + b.scenario(), 1, Integer::sum);
                        explain("wrongly joined", rule, a, b);
                    }
                }
            }
        }
        long truth = 0;
        Map<String, Integer> missedByScenario = new TreeMap<>();
        for (List<Arrival> members : byTruth.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    Arrival a = members.get(i);
                    Arrival b = members.get(j);
                    truth++;
                    if (!caseOf.get(a.identity()).equals(caseOf.get(b.identity()))) {
                        missedByScenario.merge(a.scenario(), 1, Integer::sum);
                        explain("missed", rule, a, b);
                    }
                }
            }
        }
        double precision = predicted == 0 ? 1 : (double) correct / predicted;
        double recall = truth == 0 ? 1 : (double) correct / truth;
        System.out.printf("%n--- %s: %d records, %d cases (truth %d), %d rejected ---%n", label, arrivals.size(),
                caseOf.values().stream().distinct().count(), arrivals.stream().map(Arrival::truth).distinct().count(), rejected);
        System.out.printf("pairwise precision %.4f  recall %.4f  F1 %.4f  (pairs: %d true, %d put together, %d correct)%n",
                precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
                truth, predicted, correct);
        System.out.printf("outcomes: merged %d, possible links %d, related links %d%n", outcomes.getOrDefault(LinkKind.MERGED, 0),
                outcomes.getOrDefault(LinkKind.POSSIBLE, 0), outcomes.getOrDefault(LinkKind.RELATED, 0));
        System.out.printf("decisions: %.0f /s (%.1f µs each; CPU time %.1f µs each), %.1f candidates each, in-memory index%n",
                arrivals.size() / (nanos / 1e9), nanos / 1e3 / Math.max(1, arrivals.size()),
                cpu / 1e3 / Math.max(1, arrivals.size()), (double) index.candidatesAnswered() / Math.max(1, arrivals.size()));
        java.util.Arrays.sort(each);
        if (each.length > 0) {
            System.out.printf("decision latency p50 %.1f µs, p99 %.1f µs (wall clock, shared machine)%n",
                    each[each.length / 2] / 1e3, each[(int) (each.length * 0.99)] / 1e3);
        }
        if (!falseByScenario.isEmpty() || !missedByScenario.isEmpty()) {
            System.out.printf("wrongly joined pairs by scenario %s; missed pairs by scenario %s%n", falseByScenario, missedByScenario);
        }
        Figures figures = new Figures(arrivals.size(), rejected, precision, recall, outcomes.getOrDefault(LinkKind.MERGED, 0));
        rejected = 0;
        return figures;
    }

    /** With -Ddedup.explain=N: the comparison of the first N wrongly joined and missed pairs. */
    private void explain(String what, DuplicateRule rule, Arrival a, Arrival b) {
        if (explained.merge(what, 1, Integer::sum) <= EXPLAIN) {
            System.out.printf("  %s %s %s: %s%n    %s | %s%n    %s | %s%n", what, a.identity(), b.identity(),
                    rule.compare(a.facts(), b.facts()), a.facts().divisionCode(), a.facts().description(),
                    b.facts().divisionCode(), b.facts().description());
        }
    }

    /** The contract's sample records with their truth, in the order they were reported. */
    private List<Arrival> samples() throws IOException {
        Map<String, String> truth = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/contracts/samples.truth.csv"), StandardCharsets.UTF_8)) {
            String[] cells = line.split(",");
            if (!"feed".equals(cells[0])) {
                truth.put(cells[0] + ":" + cells[1], cells[2]);
            }
        }
        List<FeedRecord> records = new ArrayList<>();
        Instant now = Instant.now();
        Samples.PUBLIC_SAFETY.forEach(line -> records.add(
                new FeedRecord(DedupDataSet.GRID, line.getBytes(StandardCharsets.UTF_8), Map.of(), now)));
        JsonNode page = Samples.JSON.readTree(Path.of("src/test/resources/contracts/livelihood.sample.json").toFile());
        for (JsonNode item : page.path("items")) {
            records.add(new FeedRecord(DedupDataSet.HOTLINE, Samples.JSON.writeValueAsBytes(item), Map.of(), now));
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dedup-evaluation;DB_CLOSE_DELAY=-1");
        JdbcTemplate exchange = new JdbcTemplate(h2);
        ExchangeSamples.load(exchange, false);
        PetitionRecords petitions = new PetitionRecords(Samples.JSON);
        new PetitionExchangeRepository(exchange).newRows(100).forEach(row -> records.add(petitions.toRecord(row, now)));
        List<Arrival> arrivals = new ArrayList<>();
        for (FeedRecord record : records) {
            arrive(record, null, "sample", arrivals);
        }
        arrivals.replaceAll(a -> new Arrival(a.identity(), a.facts(), truth.get(a.identity()), a.scenario()));
        arrivals.sort(Comparator.comparing(a -> a.facts().reportedAt()));
        return arrivals;
    }

    /** casehub.dedup.* as config/application.yaml sets it. */
    private static DedupProperties configured() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application", new FileSystemResource("config/application.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
            return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("casehub.dedup", DedupProperties.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
