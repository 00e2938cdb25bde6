package org.casehub.dedup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

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
    final Set<String> amounts;
    final Set<String> addresses;
    final Set<String> rooms;

    MatterText(CaseFacts facts, MatterVocabulary vocabulary) {
        String text = facts.title() + "\n" + facts.description();
        this.bigrams = bigrams(text);
        this.companies = companies(text, vocabulary);
        this.amounts = amounts(text, vocabulary);
        String withAddress = text + "\n" + facts.address();
        this.addresses = found(vocabulary.address.matcher(withAddress), 1);
        this.rooms = found(vocabulary.room.matcher(withAddress), 0);
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

    /** Whether two fact sets of a kind share a fact: companies loosely (one name inside the other, or three characters in common). */
    static boolean share(String kind, Set<String> mine, Set<String> theirs) {
        for (String a : mine) {
            for (String b : theirs) {
                if (COMPANY.equals(kind) ? sameCompany(a, b) : a.equals(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameCompany(String a, String b) {
        if (a.contains(b) || b.contains(a)) {
            return true;
        }
        for (int i = 0; i + 3 <= a.length(); i++) {
            if (b.contains(a.substring(i, i + 3))) {
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
        int[] sorted = Arrays.copyOf(pairs, count);
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().toArray();
    }

    /** The company names before a company suffix, without the words that lead into them (本人在…). */
    private static Set<String> companies(String text, MatterVocabulary vocabulary) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = vocabulary.company.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            int start = 0;
            for (int i = 0; i < name.length(); i++) {
                if (vocabulary.companyLeadIns.contains((int) name.charAt(i))) {
                    start = i + 1;
                }
            }
            if (name.length() - start >= 2) {
                names.add(name.substring(start));
            }
        }
        return names;
    }

    /** Amounts in yuan: 4.6万元 and 46000元 are one fact. */
    private static Set<String> amounts(String text, MatterVocabulary vocabulary) {
        Set<String> values = new LinkedHashSet<>();
        Matcher matcher = vocabulary.amount.matcher(text);
        while (matcher.find()) {
            BigDecimal yuan = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(vocabulary.amountUnits.get(matcher.group(2))));
            values.add(yuan.stripTrailingZeros().toPlainString());
        }
        return values;
    }

    private static Set<String> found(Matcher matcher, int group) {
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(group));
        }
        return new LinkedHashSet<>(values);
    }
}
