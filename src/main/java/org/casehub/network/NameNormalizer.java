package org.casehub.network;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casehub.home.CasehubHome;
import org.springframework.stereotype.Component;

/**
 * Brings division names to one written form, as people write them and as the registry does: full-width
 * and half-width alike (NFKC), no whitespace, variant characters replaced (config/network/name-variants.csv);
 * and splits a name into its core and the kind its suffix names (config/network/name-suffixes.csv):
 * 光明社区居委会 → 光明 + 社区, 大浪街道 → 大浪 + 街道.
 */
@Component
public class NameNormalizer {

    public static final String VARIANTS_FILE = "config/network/name-variants.csv";
    public static final String SUFFIXES_FILE = "config/network/name-suffixes.csv";

    /** A name's core and the kind its suffix names; kind is null when no suffix was cut. */
    public record Parsed(String core, String kind) {
    }

    private final Map<Integer, String> variants = new HashMap<>();
    /** Longest first, so that 社区居委会 is cut before 居委会. */
    private final List<String[]> suffixes = new ArrayList<>();

    public NameNormalizer(CasehubHome home) {
        for (String[] row : rows(home, VARIANTS_FILE)) {
            if (row[0].codePointCount(0, row[0].length()) != 1) {
                throw new IllegalArgumentException(VARIANTS_FILE + ": a variant is one character, not " + row[0]);
            }
            variants.put(row[0].codePointAt(0), row[1]);
        }
        for (String[] row : rows(home, SUFFIXES_FILE)) {
            suffixes.add(new String[] {normalize(row[0]), row[1]});
        }
        suffixes.sort(Comparator.comparingInt((String[] s) -> s[0].length()).reversed());
    }

    /** The comparable form of a name or an address text; "" for null. */
    public String normalize(String text) {
        if (text == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(c -> {
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                String standard = variants.get(c);
                if (standard != null) {
                    out.append(standard);
                } else {
                    out.appendCodePoint(c);
                }
            }
        });
        return out.toString();
    }

    /** Cuts the longest known suffix off a normalised name, unless the name is no more than a suffix (社区). */
    public Parsed parse(String normalized) {
        if (suffixes.stream().anyMatch(suffix -> suffix[0].equals(normalized))) {
            return new Parsed(normalized, null);
        }
        for (String[] suffix : suffixes) {
            if (normalized.length() > suffix[0].length() && normalized.endsWith(suffix[0])) {
                return new Parsed(normalized.substring(0, normalized.length() - suffix[0].length()), suffix[1]);
            }
        }
        return new Parsed(normalized, null);
    }

    private static List<String[]> rows(CasehubHome home, String file) {
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line : home.read(file).split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] columns = line.split(",", -1);
            if (columns.length != 2 || columns[0].isBlank() || columns[1].isBlank()) {
                throw new IllegalArgumentException(file + ": expected two columns in line: " + line);
            }
            rows.add(new String[] {columns[0].strip(), columns[1].strip()});
        }
        return rows;
    }
}
