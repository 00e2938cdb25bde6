package org.casehub.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The petition system's rule for a repeated grievance, same person and same matter (同人+同事), decided online
 * for each arriving record against the cases its blocking keys find.
 * <ul>
 * <li>Same matter: compatible categories (mappings/codes/dedup-category-groups.json) within the matter window, and a
 * score from the place, the category, the key facts (companies, amounts, street numbers, rooms: shared ones weigh
 * for, differing ones against; mappings/codes/dedup-key-facts.json) and the character bigrams of the wording.</li>
 * <li>Same person: equal valid ID numbers; without them, equal phones and compatible names (equal, or one missing).
 * Different valid ID numbers are different persons, whatever else they share. A grid event's reporter (the grid
 * worker) is not a person of the grievance; its parties are.</li>
 * <li>Same person, a score at the merge threshold and not placed in another street: merged. In the review band (or
 * placed elsewhere): possible. Below: two matters of one person, no link.</li>
 * <li>Different persons: never merged; related when the matter is the same (many workers, one employer).</li>
 * <li>Nothing proves or disproves one person (an anonymous record on either side, or a name without a shared ID or
 * phone): merged only at the same place (one community, a code inside the other down to the street, or the same
 * road and number), with no key fact differing and some wording in common, within the anonymous window (the matter
 * window when the names are equal). So an anonymous grid report joins a petitioner's case of the same matter and
 * place, as the contract samples do. Otherwise possible or related by score.</li>
 * </ul>
 * Every comparison explains itself in its features; {@link #decide} joins the best merging case, else links.
 */
@Component
public class DuplicateRule {

    private static final int MAX_KEY_LENGTH = 100;
    /**
     * Two phrasings of one matter share few character bigrams (施工噪声严重 / 工地晚上一直施工, 声音很大): at this Dice
     * the text counts in full. The key facts and the place weigh more than the wording.
     */
    private static final double FULL_TEXT = 0.5;
    private static final double TEXT_WEIGHT = 0.3;
    private static final double PLACE_WEIGHT = 0.25;
    private static final double CATEGORY_WEIGHT = 0.15;
    private static final double FACTS_WEIGHT = 0.3;
    /** Weight of key facts at which they count in full (a company and an amount, or a street number). */
    private static final double FULL_FACTS = 1.5;
    /** A differing key fact outweighs a shared one: a false merge costs more than a missed one. */
    private static final double CONFLICT_PENALTY = 1.5;

    /**
     * Without a person, two texts of merely compatible categories sharing (almost) no wording are not taken for one
     * matter (河里的鱼都死了 filed as environment, 工地施工噪声 as noise, at one address).
     */
    private static final double MIN_TEXT_WITHOUT_PERSON = 0.03;

    private final DedupProperties properties;
    private final MatterVocabulary vocabulary;

    public DuplicateRule(DedupProperties properties, MatterVocabulary vocabulary) {
        this.properties = properties;
        this.vocabulary = vocabulary;
    }

    /**
     * The keys under which a record finds its candidates and a case is found: each valid ID number's and phone's
     * hash, the place (community, else street) with the category group, and each road and number named with the
     * district. A district is too wide to block on by itself: a record placed only at a district finds its cases
     * through its persons and its street numbers.
     */
    public Set<String> blockingKeys(CaseFacts facts) {
        return blockingKeys(profile(facts));
    }

    public Set<String> blockingKeys(CaseProfile profile) {
        Set<String> keys = new LinkedHashSet<>();
        for (PersonKey person : profile.persons) {
            if (person.validId()) {
                keys.add("id:" + person.idHash());
            }
            if (person.phoneHash() != null) {
                keys.add("phone:" + person.phoneHash());
            }
        }
        String code = profile.divisionCode;
        if (code != null && code.length() >= 9) {
            String group = vocabulary.group(profile.category);
            if (MatterVocabulary.ANY.equals(group)) {
                vocabulary.groups().forEach(g -> keys.add(key("place:" + code + ":" + g)));
            }
            keys.add(key("place:" + code + ":" + group));
        }
        if (code != null && code.length() >= 6) {
            // a road and number inside one district is one place, however finely each record was placed
            String district = code.substring(0, 6);
            profile.text.addresses.forEach(address -> keys.add(key("addr:" + district + ":" + address)));
        }
        return keys;
    }

    /** What the rule compares of the facts: made once per case revision, then kept (see {@link DedupRepository}). */
    public CaseProfile profile(CaseFacts facts) {
        return new CaseProfile(facts, vocabulary);
    }

    /** The comparison of a record with a case, with the features that decided it whatever it amounts to. */
    public Comparison compare(CaseFacts incoming, CaseFacts candidate) {
        return compare(profile(incoming), profile(candidate), true);
    }

    /**
     * The record joins the best case it merges with (highest score); else it makes a new case, linked to the cases
     * it possibly duplicates or relates to.
     */
    public Decision decide(CaseProfile incoming, CandidateSource source) {
        if (!properties.enabled()) {
            return Decision.newCase(List.of());
        }
        Set<String> keys = blockingKeys(incoming);
        if (keys.isEmpty()) {
            return Decision.newCase(List.of());
        }
        Duration window = properties.widestWindow();
        Set<String> seen = new HashSet<>();
        Candidate best = null;
        Comparison bestComparison = null;
        List<Link> links = new ArrayList<>();
        for (Candidate candidate : source.candidates(keys, from(incoming, window), to(incoming, window))) {
            if (!seen.add(candidate.caseId())) {
                continue;
            }
            Comparison comparison = compare(incoming, candidate.profile(), false);
            if (comparison.kind() == LinkKind.MERGED) {
                if (bestComparison == null || comparison.score() > bestComparison.score()) {
                    best = candidate;
                    bestComparison = comparison;
                }
            } else if (comparison.kind() != null) {
                links.add(new Link(candidate.caseId(), comparison.kind(), comparison.score(), comparison.features()));
            }
        }
        if (best != null) {
            return new Decision(best.caseId(), bestComparison, List.of());
        }
        links.sort(Comparator.comparingDouble(Link::score).reversed());
        return Decision.newCase(links.subList(0, Math.min(links.size(), properties.maxLinks())));
    }

    /**
     * What {@link #decide} asks its candidate source for this record, key by key: a batch reads them for all its
     * records at once, before deciding any.
     */
    public List<DedupRepository.Lookup> lookups(CaseProfile incoming) {
        if (!properties.enabled()) {
            return List.of();
        }
        Duration window = properties.widestWindow();
        return blockingKeys(incoming).stream()
                .map(key -> new DedupRepository.Lookup(key, from(incoming, window), to(incoming, window))).toList();
    }

    private static Instant from(CaseProfile incoming, Duration window) {
        return incoming.reportedAt.minus(window);
    }

    private static Instant to(CaseProfile incoming, Duration window) {
        return incoming.reportedAt.plus(window);
    }

    /**
     * The comparison, with the features that decided it when {@code explained} or when it links the two (a decision
     * meets dozens of unrelated candidates per record, whose features nobody reads).
     */
    private Comparison compare(CaseProfile incoming, CaseProfile candidate, boolean explained) {
        MatterText text = incoming.text;
        MatterText other = candidate.text;
        PersonMatch person = PersonMatch.of(incoming.persons, candidate.persons);
        String categories = categories(incoming.category, candidate.category);
        boolean sameAddress = MatterText.share(MatterText.ADDRESS, text.addresses, other.addresses);
        PlaceMatch place = PlaceMatch.of(incoming.divisionCode, candidate.divisionCode, sameAddress);
        Duration apart = Duration.between(incoming.reportedAt, candidate.reportedAt).abs();
        double similarity = text.similarity(other);
        List<String> shared = new ArrayList<>();
        List<String> conflicting = new ArrayList<>();
        double facts = 0;
        for (String kind : MatterText.FACT_KINDS) {
            Set<String> mine = text.facts(kind);
            Set<String> theirs = other.facts(kind);
            if (mine.isEmpty() || theirs.isEmpty()) {
                continue;
            }
            if (MatterText.share(kind, mine, theirs)) {
                shared.add(kind);
                facts += vocabulary.weight(kind);
            } else {
                conflicting.add(kind);
                facts -= CONFLICT_PENALTY * vocabulary.weight(kind);
            }
        }
        double score = TEXT_WEIGHT * Math.min(1, similarity / FULL_TEXT) + PLACE_WEIGHT * place.weight
                + CATEGORY_WEIGHT * categoryWeight(categories) + FACTS_WEIGHT * Math.max(-1, Math.min(1, facts / FULL_FACTS));
        score = round(Math.max(0, Math.min(1, score)));
        boolean sameMatter = !"incompatible".equals(categories) && apart.compareTo(properties.matterWindow()) <= 0;
        // synonyms (红绿灯 / 信号灯) share no bigram: wording counts as in common for the very same category
        boolean wording = similarity >= MIN_TEXT_WITHOUT_PERSON || "same".equals(categories);
        LinkKind kind = sameMatter ? kind(person, place, apart, score, wording, !conflicting.isEmpty()) : null;
        if (kind == null && !explained) {
            return new Comparison(null, score, Map.of());
        }
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("person", person.label());
        features.put("category", categories);
        features.put("place", place.label());
        features.put("daysApart", round(apart.toMinutes() / 1440.0));
        features.put("text", round(similarity));
        features.put("sharedFacts", shared);
        features.put("conflictingFacts", conflicting);
        return new Comparison(kind, score, features);
    }

    private LinkKind kind(PersonMatch person, PlaceMatch place, Duration apart, double score, boolean wording,
                          boolean conflicts) {
        if (person.samePerson()) {
            // one person, another matter: two cases, no link; the same matter placed elsewhere: a person decides
            return score >= properties.mergeThreshold() && place != PlaceMatch.DIFFERENT ? LinkKind.MERGED
                    : score >= properties.possibleThreshold() ? LinkKind.POSSIBLE : null;
        }
        if (place == PlaceMatch.DIFFERENT) {
            return null;
        }
        if (person == PersonMatch.DIFFERENT) {
            return score >= properties.relatedThreshold() ? LinkKind.RELATED : null;
        }
        // nothing proves one person: the same place must (street or finer), with no key fact differing (another street
        // number, another amount: another claimant) and some wording in common, within the anonymous window; a shared
        // name (no ID or phone disagreeing) is more than an anonymous record has and widens it to the matter's
        Duration window = person == PersonMatch.SAME_NAME ? properties.matterWindow() : properties.anonymousWindow();
        if (score >= properties.mergeThreshold() && place.precise && !conflicts && wording
                && apart.compareTo(window) <= 0) {
            return LinkKind.MERGED;
        }
        return score >= properties.possibleThreshold() ? LinkKind.POSSIBLE
                : score >= properties.relatedThreshold() ? LinkKind.RELATED : null;
    }

    private String categories(String a, String b) {
        if (a != null && a.equals(b)) {
            return "same";
        }
        String groupA = vocabulary.group(a);
        String groupB = vocabulary.group(b);
        if (MatterVocabulary.ANY.equals(groupA) || MatterVocabulary.ANY.equals(groupB)) {
            return "any";
        }
        return groupA.equals(groupB) ? "group" : "incompatible";
    }

    private static double categoryWeight(String categories) {
        return switch (categories) {
            case "same" -> 1.0;
            case "group" -> 0.8;
            case "any" -> 0.5;
            default -> 0.0;
        };
    }

    private static String key(String key) {
        return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
