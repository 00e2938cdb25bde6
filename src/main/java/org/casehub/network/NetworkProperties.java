package org.casehub.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param divisionsFile the division registry, relative to the home folder (code,name rows)
 */
@ConfigurationProperties("casehub.network")
public record NetworkProperties(@DefaultValue("config/network/divisions-44.csv") String divisionsFile) {
}
