package org.casehub.warning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.casehub.core.BeijingTime;
import org.casehub.security.ScopeRestriction;
import org.casehub.warning.SeriesRepository.Rising;
import org.casehub.warning.WarningRepository.WarningRow;
import org.springframework.stereotype.Component;

/**
 * The early warning on the status page (open, nothing personal: units, categories and counts only): today's warnings
 * (Beijing day), per district the categories rising most today against their mean of the last {@value #BASELINE_DAYS}
 * days (a small chart) with their rolling count of the last 24 hours, and the series back-fill's progress while it
 * runs.
 */
@Component
public class WarningSummary {

    static final int BASELINE_DAYS = 28;
    private static final int TOP = 5;
    private static final int MIN_TODAY = 3;
    private static final ScopeRestriction EVERYWHERE = new ScopeRestriction("(1 = 1)", List.of());

    private final WarningRepository warnings;
    private final SeriesRepository series;
    private final SeriesBackfill backfill;
    private final WarningRaiser raiser;

    public WarningSummary(WarningRepository warnings, SeriesRepository series, SeriesBackfill backfill, WarningRaiser raiser) {
        this.warnings = warnings;
        this.series = series;
        this.backfill = backfill;
        this.raiser = raiser;
    }

    public Map<String, Object> today() {
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        OffsetDateTime from = today.atStartOfDay(BeijingTime.ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("day", today.toString());
        summary.put("warnings", warnings.list(EVERYWHERE, from, null, 100).stream().map(WarningSummary::line).toList());
        summary.put("rising", rising(today));
        summary.put("backfill", backfill.progress().filter(p -> p.percent() < 100).orElse(null));
        return summary;
    }

    private static Map<String, Object> line(WarningRow w) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("unit", w.unitCode());
        line.put("category", w.category());
        line.put("rule", w.rule());
        line.put("observed", w.observed());
        line.put("expected", Math.round(w.expected() * 10) / 10.0);
        line.put("state", w.state());
        line.put("raisedAt", w.raisedAt().toInstant().toString());
        return line;
    }

    /** Per district, its categories with the largest rise today (at least a few records), largest first. */
    private List<Map<String, Object>> rising(LocalDate today) {
        Map<String, Map<String, double[]>> byDistrict = new TreeMap<>();
        for (Rising r : series.rising(today, BASELINE_DAYS)) {
            double[] sums = sums(byDistrict, r.unitCode(), r.category());
            sums[0] += r.today();
            sums[1] += r.mean();
        }
        series.lastDay(OffsetDateTime.now(ZoneOffset.UTC)).forEach((place, n) -> {
            sums(byDistrict, place.unitCode(), place.category())[2] += n;
        });
        List<Map<String, Object>> districts = new ArrayList<>();
        byDistrict.forEach((district, categories) -> {
            List<Map<String, Object>> top = categories.entrySet().stream()
                    .filter(e -> e.getValue()[0] >= MIN_TODAY)
                    .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -ratio(e.getValue())))
                    .limit(TOP)
                    .map(e -> {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("category", e.getKey());
                        c.put("today", (int) e.getValue()[0]);
                        c.put("mean", Math.round(e.getValue()[1] * 10) / 10.0);
                        c.put("ratio", Math.round(ratio(e.getValue()) * 10) / 10.0);
                        c.put("last24h", (int) e.getValue()[2]);
                        return c;
                    }).toList();
            if (!top.isEmpty()) {
                districts.add(Map.of("district", district, "categories", top));
            }
        });
        return districts;
    }

    /** The sums of a unit's district (or the unit above streets) and category: today, mean per day, last 24 hours. */
    private double[] sums(Map<String, Map<String, double[]>> byDistrict, String unit, String category) {
        String district = unit.length() == 9 ? raiser.districtOf(unit) : unit;
        return byDistrict.computeIfAbsent(district == null ? unit : district, d -> new TreeMap<>())
                .computeIfAbsent(category, c -> new double[3]);
    }

    /** today against the mean, both lifted by one so that a category new today does not rise infinitely */
    private static double ratio(double[] sums) {
        return (sums[0] + 1) / (sums[1] + 1);
    }
}
