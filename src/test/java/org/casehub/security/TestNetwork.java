package org.casehub.security;

import java.nio.file.Path;
import java.util.Map;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.FunctionalZones;
import org.casehub.network.NetworkProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.FileSystemResource;

/** The shipped division registry and functional zones, with default settings, loaded once for the unit tests. */
final class TestNetwork {

    static final DivisionDirectory DIVISIONS = new DivisionDirectory(new CasehubHome(new HomeProperties(".")),
            new Binder(new MapConfigurationPropertySource(Map.of()))
                    .bindOrCreate("casehub.network", NetworkProperties.class));
    static final FunctionalZones ZONES = new FunctionalZones(new FileSystemResource("config/network/zones.yaml"),
            DIVISIONS::contains);
    static final DivisionScopes SCOPES = new DivisionScopes(DIVISIONS, ZONES);

    private TestNetwork() {
    }
}
