package org.casehub.warning;

import java.util.List;

/**
 * What a rule found in one unit × category: the rule, the feeds whose records make the window, and the window judged.
 *
 * @param rule  {@value WarningRules#WEAK_SIGNAL}, {@value WarningRules#SPIKE} or {@value WarningRules#GROUP_MATTER}
 * @param feeds the feeds with records in the window (the warning's sources)
 */
public record Finding(String rule, List<String> feeds, Assessment assessment) {
}
