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
 * The official division codes (config/network/divisions-44.csv): code → name at every tier.
 * A code's tier follows from its length: 2 province, 4 city, 6 district, 9 street, 12 community.
 */
@Component
public class DivisionDirectory {

    private final Map<String, String> names;

    public DivisionDirectory(CasehubHome home, NetworkProperties properties) {
        this.names = load(home, properties.divisionsFile());
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

    private static Map<String, String> load(CasehubHome home, String file) {
        Map<String, String> names = new HashMap<>(40_000);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(home.resource(file).getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    names.put(line.substring(0, comma), line.substring(comma + 1).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the division registry " + file, e);
        }
        return names;
    }
}
