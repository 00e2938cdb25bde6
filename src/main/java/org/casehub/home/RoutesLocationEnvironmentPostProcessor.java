package org.casehub.home;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points Camel at the routes of the home folder when it has them (so they can be edited and
 * hot-reloaded, when casehub.reload.enabled), else at the routes packaged in the jar. Runs after the config files are read,
 * so casehub.home may come from any of them; an explicit camel.main setting wins.
 */
public class RoutesLocationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final String INCLUDE = "camel.main.routes-include-pattern";
    private static final String RELOAD_DIRECTORY = "camel.main.routes-reload-directory";
    private static final String RELOAD = "casehub.reload.enabled";
    private static final String CAMEL_RELOAD = "camel.main.routes-reload-enabled";
    // Camel's ** scan loses sub-folders inside a Spring Boot jar (routes/feeds/x → routes/x): name each folder
    private static final String PACKAGED_ROUTES = "classpath:routes/*.camel.yaml,classpath:routes/feeds/*.camel.yaml,"
            + "classpath:routes/api/*.camel.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path routes = Path.of(environment.getProperty(CasehubHome.PROPERTY, ".")).toAbsolutePath().normalize()
                .resolve("routes");
        boolean inHome = Files.isDirectory(routes);
        String include = inHome ? "file:" + routes + "/**/*.camel.yaml" : PACKAGED_ROUTES;
        Map<String, Object> values = new java.util.HashMap<>();
        if (!environment.containsProperty(INCLUDE)) {
            values.put(INCLUDE, include);
        }
        if (inHome && !environment.containsProperty(RELOAD_DIRECTORY)) {
            values.put(RELOAD_DIRECTORY, routes.toString());
        }
        // routes packaged in the jar cannot change: Camel's watcher only runs on a home folder's routes/
        if (inHome && environment.getProperty(RELOAD, Boolean.class, false) && !environment.containsProperty(CAMEL_RELOAD)) {
            values.put(CAMEL_RELOAD, true);
            values.put("camel.main.routes-reload-directory-recursive", true);
            values.put("camel.main.routes-reload-pattern", "*.camel.yaml");
        }
        environment.getPropertySources().addLast(new MapPropertySource("casehubRoutesLocation", values));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
