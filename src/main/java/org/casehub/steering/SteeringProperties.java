package org.casehub.steering;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing by the matter (issue 22), {@code casehub.steering.*}.
 *
 * @param lawTermsFile  the law-related rules (诉访分离), under the home folder
 * @param mediationFile the mediation bodies per unified category and district (信调联动), under the home folder
 */
@ConfigurationProperties("casehub.steering")
public record SteeringProperties(@DefaultValue("mappings/steering/law-terms.yaml") String lawTermsFile,
                                 @DefaultValue("config/mediation.yaml") String mediationFile) {
}
