package org.casehub.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casehub.home.CasehubHome;
import org.springframework.stereotype.Component;

/**
 * The official division codes: code → name at every tier. By default the shipped Guangdong rows
 * (config/network/divisions-44.csv); with {@code casehub.network.national-divisions} the national NBS files
 * instead. A code's tier follows from its length: 2 province, 4 city, 6 district, 9 street, 12 community.
 */
@Component
public class DivisionDirectory {

    /** The national files, one per tier, as the shared data (shared/data/divisions/) holds them: code first, name second. */
    public static final List<String> NATIONAL_FILES =
            List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv");

    private final Map<String, String> names;

    public DivisionDirectory(CasehubHome home, NetworkProperties properties) {
        String national = properties.nationalDivisions();
        if (national == null || national.isBlank()) {
            this.names = new HashMap<>(40_000);
            load(home, properties.divisionsFile(), names);
        } else {
            this.names = new HashMap<>(1_000_000);
            for (String file : NATIONAL_FILES) {
                load(home, national + "/" + file, names);
            }
        }
    }

    public Optional<String> name(String code) {
        return Optional.ofNullable(names.get(code));
    }

    public boolean contains(String code) {
        return names.containsKey(code);
    }

    /** Every code of the given length under a prefix, in code order. */
    public List<String> codesUnder(String prefix, int length) {
        return codesUnder(prefix).stream().filter(code -> code.length() == length).toList();
    }

    /** The code itself and every code below it. */
    public List<String> codesUnder(String prefix) {
        return names.keySet().stream().filter(code -> code.startsWith(prefix)).sorted().toList();
    }

    public int size() {
        return names.size();
    }

    private static void load(CasehubHome home, String file, Map<String, String> names) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(home.resource(file).getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    names.put(line.substring(0, comma), secondField(line, comma + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the division registry " + file, e);
        }
    }

    /** The field starting at {@code from}, without its quotes; the national files have more columns after it. */
    private static String secondField(String line, int from) {
        if (line.startsWith("\"", from)) {
            int close = line.indexOf('"', from + 1);
            return close < 0 ? line.substring(from + 1) : line.substring(from + 1, close);
        }
        int comma = line.indexOf(',', from);
        return comma < 0 ? line.substring(from) : line.substring(from, comma);
    }
}
