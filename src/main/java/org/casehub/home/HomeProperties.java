package org.casehub.home;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The home folder, kept as the text it was given: bound to a {@link Path}, Spring's PathEditor resolves a relative
 * value through the web application context, which makes {@code .} the embedded Tomcat's temporary document base
 * instead of the working directory. {@link #root()} resolves it against the working directory, as
 * {@link RoutesLocationEnvironmentPostProcessor} and {@link CasehubHome#useConfigFolderOf} do.
 *
 * @param home folder holding routes/, mappings/, schemas/ and config/ (default: the working directory)
 */
@ConfigurationProperties("casehub")
public record HomeProperties(@DefaultValue(".") String home) {

    /** The home folder, absolute; a relative value is taken from the working directory. */
    public Path root() {
        return Path.of(home).toAbsolutePath().normalize();
    }
}
