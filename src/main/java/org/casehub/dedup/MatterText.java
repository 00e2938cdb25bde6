package org.casehub.dedup;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text of a record as the rule compares it: the character bigrams of its title and description (Chinese has no
 * word boundaries; bigrams survive rephrasing better than words), and its key facts: companies, amounts, street
 * numbers and rooms.
 */
final class MatterText {

    static final String COMPANY = "company";
    static final String AMOUNT = "amount";
    static final String ADDRESS = "address";
    static final String ROOM = "room";
    static final List<String> FACT_KINDS = List.of(COMPANY, AMOUNT, ADDRESS, ROOM);

    /** Sorted, distinct; each a pair of UTF-16 chars packed in an int. */
    final int[] bigrams;
    final Set<String> companies;
    final Set<String> amounts = new LinkedHashSet<>();
    final Set<String> addresses = new LinkedHashSet<>();
    final Set<String> rooms = new LinkedHashSet<>();

    MatterText(CaseFacts facts, MatterVocabulary vocabulary) {
        String text = facts.title() + "\n" + facts.description();
        // the place is compared on its own: an address written out in full would make any two texts of one community alike
        this.bigrams = bigrams(facts.address().length() >= 4 ? text.replace(facts.address(), "\n") : text);
        this.companies = companies(text, vocabulary);
        numbers(text, vocabulary, true);
        numbers(facts.address(), vocabulary, false);
    }

    Set<String> facts(String kind) {
        return switch (kind) {
            case COMPANY -> companies;
            case AMOUNT -> amounts;
            case ADDRESS -> addresses;
            default -> rooms;
        };
    }

    /** Dice coefficient of the two bigram sets, 0 to 1. */
    double similarity(MatterText other) {
        if (bigrams.length == 0 || other.bigrams.length == 0) {
            return 0;
        }
        int shared = 0;
        int i = 0;
        int j = 0;
        while (i < bigrams.length && j < other.bigrams.length) {
            if (bigrams[i] == other.bigrams[j]) {
                shared++;
                i++;
                j++;
            } else if (bigrams[i] < other.bigrams[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * shared / (bigrams.length + other.bigrams.length);
    }

    /** Whether two fact sets of a kind share a fact: companies loosely (see {@link #sameCompany}). */
    static boolean share(String kind, Set<String> mine, Set<String> theirs) {
        if (!COMPANY.equals(kind)) {
            Set<String> smaller = mine.size() <= theirs.size() ? mine : theirs;
            Set<String> larger = smaller == mine ? theirs : mine;
            for (String fact : smaller) {
                if (larger.contains(fact)) {
                    return true;
                }
            }
            return false;
        }
        for (String a : mine) {
            for (String b : theirs) {
                if (sameCompany(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One company: one name holds the other (鑫源 in 鑫源五金制品), or holds its first two characters (the trade name
     * leads: 鑫源五金 and 鑫源电子 may be one firm, 万润置业 and 金盛置业 are not). Names have two characters at least.
     */
    private static boolean sameCompany(String a, String b) {
        return holdsLead(a, b) || holdsLead(b, a);
    }

    /**
     * Whether {@code name} holds the first two characters of {@code other}: {@code name.contains(other.substring(0, 2))}
     * without making the substring — a decision compares every company of each candidate.
     */
    private static boolean holdsLead(String name, String other) {
        char first = other.charAt(0);
        char second = other.charAt(1);
        for (int i = name.indexOf(first); i >= 0 && i + 1 < name.length(); i = name.indexOf(first, i + 1)) {
            if (name.charAt(i + 1) == second) {
                return true;
            }
        }
        return false;
    }

    private static int[] bigrams(String text) {
        int[] pairs = new int[text.length()];
        int count = 0;
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                previous = 0;
                continue;
            }
            if (previous != 0) {
                pairs[count++] = (previous << 16) | c;
            }
            previous = c;
        }
        Arrays.sort(pairs, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || pairs[distinct - 1] != pairs[i]) {
                pairs[distinct++] = pairs[i];
            }
        }
        return Arrays.copyOf(pairs, distinct);
    }

    /**
     * The company names before a company suffix: the Han characters before it, cut after the last word that leads
     * into a name (本人在…, 举报…) and without a leading place name (深圳市…).
     */
    private static Set<String> companies(String text, MatterVocabulary vocabulary) {
        Set<String> names = new LinkedHashSet<>();
        for (int end = 1; end < text.length(); end++) {
            String suffix = vocabulary.companySuffixes.at(text, end);
            if (suffix == null) {
                continue;
            }
            int start = end;
            while (start > 0 && end - start < vocabulary.companyMaxLength && han(text.charAt(start - 1))) {
                start--;
            }
            for (int i = start; i < end; i++) {
                if (vocabulary.companyLeadIns.contains((int) text.charAt(i))) {
                    start = i + 1;
                }
            }
            String name = text.substring(start, end);
            for (String prefix : vocabulary.companyPlacePrefixes) {
                if (name.startsWith(prefix)) {
                    name = name.substring(prefix.length());
                    break;
                }
            }
            if (name.length() >= 2) {
                names.add(name);
            }
            end += suffix.length() - 1;
        }
        return names;
    }

    /**
     * The facts written as numbers: amounts in yuan (4.6万元 and 46000元 are one), rooms (3栋, 502室) and street
     * numbers with their road (梅观路16 of …梅观路16号: the two characters before the road's suffix name the road).
     */
    private void numbers(String text, MatterVocabulary vocabulary, boolean withAmounts) {
        int i = 0;
        while (i < text.length()) {
            if (!digit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && digit(text.charAt(i))) {
                i++;
            }
            int end = i;
            if (i + 1 < text.length() && text.charAt(i) == '.' && digit(text.charAt(i + 1))) {
                i++;
                while (i < text.length() && digit(text.charAt(i))) {
                    i++;
                }
            }
            if (i >= text.length()) {
                break;
            }
            String unit = vocabulary.amountWords.at(text, i);
            if (withAmounts && unit != null) {
                BigDecimal yuan = new BigDecimal(text.substring(start, i)).multiply(BigDecimal.valueOf(vocabulary.amountUnits.get(unit)));
                amounts.add(yuan.stripTrailingZeros().toPlainString());
            }
            if (end == i && end - start <= 5) {
                String room = vocabulary.roomUnits.at(text, end);
                if (room != null) {
                    rooms.add(text.substring(start, end) + room);
                }
                String road = vocabulary.roadSuffixes.before(text, start);
                int roadStart = road == null ? 0 : start - road.length();
                if (road != null && vocabulary.numberSuffixes.at(text, end) != null && roadStart >= 2
                        && han(text.charAt(roadStart - 1)) && han(text.charAt(roadStart - 2))) {
                    addresses.add(text.substring(roadStart - 2, end));
                }
            }
        }
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean han(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
