package org.casehub.steering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.casehub.home.CasehubHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/** 信调联动: the mediation bodies of {@code config/mediation.yaml}, and which of them a case is offered to. */
@Component
public class MediationBodies {

    public static final String ADDRESS_PREFIX = "casehub.mediation.";
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{2,24}");

    /** A mediation body: its code, name, the unified categories it mediates and the units it serves. */
    public record Body(String code, String name, List<String> categories, List<String> units) {

        public String address() {
            return ADDRESS_PREFIX + code;
        }
    }

    record Definition(String name, List<String> categories, List<String> units) {
    }

    private final Map<String, Body> bodies = new LinkedHashMap<>();

    @Autowired
    MediationBodies(CasehubHome home, SteeringProperties properties) {
        this(home.resource(properties.mediationFile()));
    }

    public MediationBodies(Resource file) {
        read(file).forEach((code, d) -> {
            if (!CODE.matcher(code).matches() || d.name() == null || d.categories() == null || d.units() == null) {
                throw new IllegalStateException(file.getDescription() + ": mediation body " + code
                        + " needs a code of capitals and digits, a name, categories and units");
            }
            bodies.put(code, new Body(code, d.name(), List.copyOf(d.categories()), List.copyOf(d.units())));
        });
    }

    /** The bodies that mediate this category in one of these units (the case's responsible units). */
    public List<Body> bodiesFor(String category, Set<String> units) {
        return bodies.values().stream()
                .filter(b -> b.categories().contains(category) && b.units().stream().anyMatch(units::contains))
                .toList();
    }

    public List<Body> all() {
        return List.copyOf(bodies.values());
    }

    private static Map<String, Definition> read(Resource file) {
        try {
            Binder binder = new Binder(ConfigurationPropertySources.from(
                    new YamlPropertySourceLoader().load(file.getDescription(), file)));
            return binder.bind("mediation.bodies", Bindable.mapOf(String.class, Definition.class)).orElse(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mediation bodies " + file.getDescription(), e);
        }
    }
}
