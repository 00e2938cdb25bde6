package org.casehub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each table has one owner: its SQL lives in one class, and the others call that class. The tables are those the
 * migrations create; the SQL is what the string literals of a class say once joined (a statement written over several
 * literals reads whole). A table named after FROM, JOIN, INTO, UPDATE or TABLE in a class that does not own it fails
 * this test, and so does a new table without an owner here (and in README's "Layout").
 */
class TableOwnersTest {

    private static final Path SOURCES = Path.of("src/main/java/org/casehub");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** table → the source file (under org/casehub) holding all of its SQL */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("hub_case", "index/CaseRepository.java"),
            Map.entry("source_record", "index/CaseRepository.java"),
            Map.entry("case_person", "index/CaseRepository.java"),
            Map.entry("case_link", "index/CaseRepository.java"),
            Map.entry("processed_id", "index/ProcessedIdRepository.java"),
            Map.entry("unmapped_code", "index/UnmappedCodes.java"),
            Map.entry("unmapped_record", "index/UnmappedCodes.java"),
            Map.entry("unmapped_share", "index/UnmappedCodes.java"),
            Map.entry("case_event", "publish/OutboxRepository.java"),
            Map.entry("outbox", "publish/OutboxRepository.java"),
            Map.entry("outbox_parked", "publish/OutboxRepository.java"),
            Map.entry("feed_published", "publish/OutboxRepository.java"),
            Map.entry("tier_delivered", "publish/OutboxRepository.java"),
            Map.entry("dedup_key", "dedup/DedupRepository.java"),
            Map.entry("dedup_lock", "dedup/DedupRepository.java"),
            Map.entry("quarantine", "quarantine/QuarantineRepository.java"),
            Map.entry("quarantine_replay", "quarantine/ReplayJobRepository.java"),
            Map.entry("remap_job", "unmapped/RemapJobs.java"),
            Map.entry("audit_log", "security/AuditTrail.java"),
            Map.entry("feed_watermark", "feed/WatermarkRepository.java"),
            Map.entry("leader_lease", "cluster/LeaderLeases.java"),
            Map.entry("case_progress", "progress/ProgressRepository.java"),
            Map.entry("case_deadline", "deadline/DeadlineRepository.java"),
            Map.entry("deadline_reminder", "deadline/DeadlineRepository.java"),
            Map.entry("mediation_offer", "steering/MediationOffers.java"),
            Map.entry("pii_reseal_job", "reseal/ResealJobs.java"),
            Map.entry("writeback_result", "writeback/WritebackResults.java"),
            Map.entry("case_group", "steering/Groups.java"),
            Map.entry("case_group_member", "steering/Groups.java"),
            Map.entry("warning_case", "warning/SeriesRepository.java"),
            Map.entry("warning_series", "warning/SeriesRepository.java"),
            Map.entry("warning_backfill", "warning/SeriesRepository.java"),
            Map.entry("warning", "warning/WarningRepository.java"));

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void everyTableTheMigrationsCreateHasAnOwner() {
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(migratedTables());
        OWNERS.values().forEach(owner -> assertThat(SOURCES.resolve(owner)).exists());
    }

    @Test
    void noClassButItsOwnerWritesSqlOnATable() {
        List<String> strays = new ArrayList<>();
        for (Path source : files(SOURCES, ".java")) {
            String file = SOURCES.relativize(source).toString().replace('\\', '/');
            String sql = literals(read(source));
            OWNERS.forEach((table, owner) -> {
                if (!owner.equals(file) && namesTable(sql, table)) {
                    strays.add(file + " names " + table + " (owner: " + owner + ")");
                }
            });
        }
        assertThat(strays).as("SQL on a table outside its owner").isEmpty();
    }

    @Test
    void theGuardSeesSqlWrittenOverSeveralLiterals() {
        String source = "jdbc.query(\"SELECT e.feed FROM outbox o\"\n + \" JOIN case_event e ON e.event_id = o.event_id\");\n"
                + "// FROM hub_case in a comment is no SQL\n jdbc.update(\"DELETE FROM \" + \"quarantine_replay WHERE id = ?\");";
        String sql = literals(source);

        assertThat(Set.of("outbox", "case_event", "quarantine_replay", "hub_case", "quarantine"))
                .filteredOn(table -> namesTable(sql, table))
                .containsExactlyInAnyOrder("outbox", "case_event", "quarantine_replay");
    }

    private static boolean namesTable(String sql, String table) {
        return Pattern.compile("(?i)\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+" + table + "\\b").matcher(sql).find();
    }

    /** The file's string literals, joined in order with a space. */
    private static String literals(String source) {
        StringBuilder joined = new StringBuilder();
        Matcher m = LITERAL.matcher(source);
        while (m.find()) {
            joined.append(m.group(1)).append(' ');
        }
        return joined.toString().replaceAll("\\s+", " ");
    }

    private static Set<String> migratedTables() {
        Set<String> tables = new TreeSet<>();
        for (Path migration : files(MIGRATIONS, ".sql")) {
            Matcher m = CREATE_TABLE.matcher(read(migration));
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
