package org.casehub.home;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param home folder holding routes/, mappings/, schemas/ and config/ (default: the working directory)
 */
@ConfigurationProperties("casehub")
public record HomeProperties(@DefaultValue(".") Path home) {
}
