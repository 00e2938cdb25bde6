package org.casehub.support;

import java.nio.file.Path;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.casehub.embedded.FreePorts;

/**
 * An Artemis broker that requires a login, as a production one made with {@code artemis create --require-login}: reached
 * over TCP only, with the hub's user {@value #HUB} holding the permissions README's production section grants it, and
 * users who lack one of them: {@value #NO_QUEUES} may send to the units' addresses but not create their queues,
 * {@value #NO_SEND} may create them but not send.
 */
public final class SecuredArtemis implements AutoCloseable {

    public static final String HUB = "hub";
    public static final String NO_QUEUES = "hub-without-queues";
    public static final String NO_SEND = "hub-without-send";
    public static final String PASSWORD = "s3cret-pass";
    private static final String UNITS = "casehub.unit.#";

    private final EmbeddedActiveMQ broker;
    private final String url;

    public SecuredArtemis(Path data) throws Exception {
        url = "tcp://localhost:" + FreePorts.free();
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setSecurityEnabled(true).setPersistenceEnabled(true)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .setDiskScanPeriod(100)
                .addAcceptorConfiguration("tcp", url)
                // as artemis create writes it
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")));
        // name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue, deleteNonDurableQueue,
        // manage, browse, createAddress, deleteAddress
        configuration.putSecurityRoles(UNITS, Set.of(
                new Role(HUB, true, false, true, false, false, false, false, false, true, false),
                new Role(NO_QUEUES, true, false, false, false, false, false, false, false, true, false),
                new Role(NO_SEND, false, false, true, false, false, false, false, false, true, false)));
        configuration.putSecurityRoles("activemq.management", Set.of(
                new Role(HUB, true, false, false, false, false, false, true, false, false, false)));
        // the hub's management queries are answered on a temporary queue of its own
        configuration.putSecurityRoles("#", Set.of(
                new Role(HUB, true, true, false, false, true, true, false, false, true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        for (String user : new String[] {HUB, NO_QUEUES, NO_SEND}) {
            users.addUser(user, PASSWORD);
            users.addRole(user, user);
        }
        broker = new EmbeddedActiveMQ().setConfiguration(configuration)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users)).start();
    }

    /** The broker URL, e.g. for spring.artemis.broker-url. */
    public String url() {
        return url;
    }

    public EmbeddedActiveMQ broker() {
        return broker;
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
