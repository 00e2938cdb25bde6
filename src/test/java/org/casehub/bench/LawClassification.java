package org.casehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.casehub.steering.LawClassifier;
import org.springframework.core.io.FileSystemResource;

/**
 * 诉访分离 measured: the law-related rules of {@code mappings/steering/law-terms.yaml} on the labelled texts of
 * {@code src/test/resources/steering/law-labelled.tsv} (both kinds, hard cases marked). Prints precision, recall, the
 * confusion counts, classifications per second and every text classified wrongly with the rule that fired. Issue 22's
 * target: precision ≥ 0.95, recall ≥ 0.90. Run: {@code mvn -Pbench -DskipTests verify} (exec, like DedupEvaluation).
 */
public final class LawClassification {

    /** A labelled text. */
    public record Labelled(boolean lawRelated, String text, boolean hard) {
    }

    public static final Path SET = Path.of("src/test/resources/steering/law-labelled.tsv");
    public static final Path RULES = Path.of("mappings/steering/law-terms.yaml");

    private LawClassification() {
    }

    public static List<Labelled> labelled() throws IOException {
        List<Labelled> set = new ArrayList<>();
        for (String line : Files.readAllLines(SET, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            set.add(new Labelled("1".equals(cells[0]), cells[1], cells.length > 2 && "hard".equals(cells[2])));
        }
        return set;
    }

    public static void main(String[] args) throws IOException {
        LawClassifier classifier = new LawClassifier(new FileSystemResource(RULES));
        List<Labelled> set = labelled();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        List<String> wrong = new ArrayList<>();
        for (Labelled item : set) {
            var verdict = classifier.classifyText(item.text());
            boolean said = verdict.isPresent();
            if (said && item.lawRelated()) {
                tp++;
            } else if (said) {
                fp++;
                wrong.add("false positive (" + verdict.get().rule() + ": " + verdict.get().evidence() + "): " + item.text());
            } else if (item.lawRelated()) {
                fn++;
                wrong.add("false negative: " + item.text());
            } else {
                tn++;
            }
        }
        int rounds = 2000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (Labelled item : set) {
                classifier.classifyText(item.text());
            }
        }
        double perSecond = rounds * (double) set.size() / ((System.nanoTime() - start) / 1e9);
        double precision = tp / (double) Math.max(1, tp + fp);
        double recall = tp / (double) Math.max(1, tp + fn);
        System.out.printf("law-related classification on %d labelled texts (%d law-related, %d not)%n",
                set.size(), tp + fn, fp + tn);
        System.out.printf("  precision %.3f  recall %.3f  (tp %d, fp %d, fn %d, tn %d)  target >= 0.95 / >= 0.90%n",
                precision, recall, tp, fp, fn, tn);
        System.out.printf("  %.0f texts/s%n", perSecond);
        wrong.forEach(line -> System.out.println("  " + line));
    }
}
