package org.casehub.steering;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing by the matter (issue 22), {@code casehub.steering.*}.
 *
 * @param lawTermsFile          the law-related rules (诉访分离), under the home folder
 * @param mediationFile         the mediation bodies per unified category and district (信调联动), under the home folder
 * @param groupThreshold        people a source counts (the petition's RS, the grid event's parties) from which a case
 *                              is a group matter (集体访)
 * @param relatedGroupThreshold cases of one matter from different people (dedup's related links) from which they are
 *                              a group matter
 */
@ConfigurationProperties("casehub.steering")
public record SteeringProperties(@DefaultValue("mappings/steering/law-terms.yaml") String lawTermsFile,
                                 @DefaultValue("config/mediation.yaml") String mediationFile,
                                 @DefaultValue("5") int groupThreshold,
                                 @DefaultValue("5") int relatedGroupThreshold) {

    public SteeringProperties {
        if (groupThreshold < 2 || relatedGroupThreshold < 2) {
            throw new IllegalArgumentException("casehub.steering.group-threshold and related-group-threshold must be at least 2");
        }
    }
}
