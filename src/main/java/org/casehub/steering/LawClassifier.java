package org.casehub.steering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.casehub.home.CasehubHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * 诉访分离: whether a case is law-related, and by which rule. The rules are data
 * ({@code mappings/steering/law-terms.yaml}): a term list per procedure with the context that lets a term count,
 * because a bare word misleads (执行 is also a policy's execution, 申诉 the petition's own purpose, 法院 a landmark).
 */
@Component
public class LawClassifier {

    /** the rule id when the source flagged the case (SFSFSS = 1, a 12345 law-related class) */
    public static final String SOURCE_FLAG = "source-flag";
    /** the rule id when the source's class is law-related by itself (NRFL 0401) */
    public static final String SOURCE_CLASS = "source-class";

    /** Why a case is law-related: the rule's id and what matched (a term, or the source's code). */
    public record Verdict(String rule, String evidence) {
    }

    /** One rule of the file; see its header. */
    record Rule(String id, List<String> terms, @DefaultValue List<String> near,
                @DefaultValue List<String> unlessFollowedBy, @DefaultValue("false") boolean negatable) {
    }

    record Terms(int window, int negationGap, List<String> negations, @DefaultValue List<String> sourceCategories,
                 List<Rule> rules) {
    }

    private final Terms terms;
    private final List<Pattern> sourceCategories;

    @Autowired
    LawClassifier(CasehubHome home, SteeringProperties properties) {
        this(home.resource(properties.lawTermsFile()));
    }

    public LawClassifier(Resource file) {
        this.terms = read(file);
        this.sourceCategories = terms.sourceCategories().stream().map(Pattern::compile).toList();
    }

    /**
     * @param sourceFlag     whether the source marked the case law-related
     * @param sourceCategory the source's class as the case keeps it (may be null)
     * @param text           title and description
     */
    public Optional<Verdict> classify(boolean sourceFlag, String sourceCategory, String text) {
        if (sourceFlag) {
            return Optional.of(new Verdict(SOURCE_FLAG, sourceCategory == null ? "" : sourceCategory));
        }
        if (sourceCategory != null && sourceCategories.stream().anyMatch(p -> p.matcher(sourceCategory).find())) {
            return Optional.of(new Verdict(SOURCE_CLASS, sourceCategory));
        }
        return classifyText(text);
    }

    /** The first rule whose term appears in the text in a context that lets it count. */
    public Optional<Verdict> classifyText(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (Rule rule : terms.rules()) {
            for (String term : rule.terms()) {
                for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
                    if (counts(rule, text, at, term.length())) {
                        return Optional.of(new Verdict(rule.id(), term));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean counts(Rule rule, String text, int at, int length) {
        String after = text.substring(at + length);
        if (rule.unlessFollowedBy().stream().anyMatch(after::startsWith)) {
            return false;
        }
        if (rule.negatable()) {
            String before = text.substring(Math.max(0, at - terms.negationGap() - 3), at);
            int gapStart = Math.max(0, before.length() - terms.negationGap());
            for (String negation : terms.negations()) {
                int found = before.lastIndexOf(negation);
                if (found >= 0 && found + negation.length() > gapStart) {
                    return false;
                }
            }
        }
        if (!rule.near().isEmpty()) {
            String around = text.substring(Math.max(0, at - terms.window()), Math.min(text.length(), at + length + terms.window()));
            return rule.near().stream().anyMatch(around::contains);
        }
        return true;
    }

    private static Terms read(Resource file) {
        try {
            Binder binder = new Binder(ConfigurationPropertySources.from(
                    new YamlPropertySourceLoader().load(file.getDescription(), file)));
            Terms terms = binder.bind("law-related", Bindable.of(Terms.class)).orElseThrow(
                    () -> new IllegalStateException("no law-related rules in " + file.getDescription()));
            if (terms.rules() == null || terms.rules().isEmpty() || terms.window() < 1) {
                throw new IllegalStateException(file.getDescription() + " needs rules and a window >= 1");
            }
            return terms;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the law-related rules " + file.getDescription(), e);
        }
    }
}
