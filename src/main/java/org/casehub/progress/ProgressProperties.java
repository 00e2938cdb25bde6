package org.casehub.progress;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How units' reports change their cases (the rules are data: config/process.yaml) and how the messaging channel knows
 * its senders.
 *
 * @param states                 one rule per state a unit may report
 * @param artemisUserPrefix      a unit's Artemis user is this prefix and its unit code ({@code unit-440305007012}, as
 *                               config/production/artemis names them): it may report for that unit only
 * @param trustUnvalidatedSender whether a message without the broker's validated user ({@code _AMQ_VALIDATED_USER}) is
 *                               taken for the unit it names: true only on the embedded broker, which has no logins;
 *                               a production broker requires a login and populates the user
 */
@ConfigurationProperties("casehub.progress")
public record ProgressProperties(
        @DefaultValue List<StateRule> states,
        @DefaultValue("unit-") String artemisUserPrefix,
        @DefaultValue("false") boolean trustUnvalidatedSender) {

    /**
     * @param state          the state as units write it (受理, 办理中, 答复, 办结, 退回, 延期)
     * @param status         the case's status after it; none: the status stays as it was (延期)
     * @param manualRouting  whether a person must route the case after it (退回: the unit says it is not theirs)
     * @param reasonRequired whether the report must say why
     * @param last           whether nothing may follow it (办结)
     * @param extendsDeadline whether it extends the case's statutory limit (延期): once per case, a second is refused;
     *                        the case then carries {@code deadlines.extended}, which config/deadlines.yaml counts
     */
    public record StateRule(String state, String status, boolean manualRouting, boolean reasonRequired, boolean last,
                            boolean extendsDeadline) {
    }

    public Optional<StateRule> rule(String state) {
        return states.stream().filter(rule -> rule.state().equals(state)).findFirst();
    }
}
