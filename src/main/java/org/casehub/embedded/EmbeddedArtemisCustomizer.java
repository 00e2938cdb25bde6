package org.casehub.embedded;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;

/**
 * Opens Spring Boot's embedded Artemis to outside systems with a TCP acceptor named {@value #ACCEPTOR_NAME}, and
 * keeps its data under {@code <dataDirectory>/artemis} unless {@code spring.artemis.embedded.data-directory} is set,
 * with the disk usage at which it blocks producers from {@code casehub.embedded.artemis.max-disk-usage} and the
 * message memory past which it pages from {@code casehub.embedded.artemis.global-max-size}.
 */
public class EmbeddedArtemisCustomizer implements ArtemisConfigurationCustomizer {

    public static final String ACCEPTOR_NAME = "tcp";

    private final EmbeddedBrokerProperties properties;
    private final boolean bootDataDirectorySet;

    /**
     * @param bootDataDirectorySet whether {@code spring.artemis.embedded.data-directory} is set; if so, the
     *                             directories Spring Boot chose are kept
     */
    public EmbeddedArtemisCustomizer(EmbeddedBrokerProperties properties, boolean bootDataDirectorySet) {
        this.properties = properties;
        this.bootDataDirectorySet = bootDataDirectorySet;
    }

    /** The URI of the TCP acceptor, also the URL clients connect to. */
    public String tcpUri() {
        return "tcp://" + properties.getArtemis().getHost() + ":" + properties.getArtemis().getPort();
    }

    @Override
    public void customize(Configuration configuration) {
        try {
            configuration.addAcceptorConfiguration(ACCEPTOR_NAME, tcpUri());
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid Artemis acceptor " + tcpUri(), e);
        }
        configuration.setMaxDiskUsage(properties.getArtemis().getMaxDiskUsage());
        configuration.setGlobalMaxSize(properties.getArtemis().getGlobalMaxSize().toBytes());
        if (!bootDataDirectorySet) {
            // Without the Boot property the journal would land in java.io.tmpdir and be lost on reboot.
            Path artemis = properties.getDataDirectory().resolve("artemis").toAbsolutePath();
            configuration.setJournalDirectory(artemis.resolve("journal").toString())
                    .setBindingsDirectory(artemis.resolve("bindings").toString())
                    .setPagingDirectory(artemis.resolve("paging").toString())
                    .setLargeMessagesDirectory(artemis.resolve("largemessages").toString());
        }
    }
}
