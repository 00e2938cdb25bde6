package org.casehub.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.casehub.embedded.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * An Artemis broker as an operator sets one up (README, running in production, step 2): an instance of the
 * {@code apache-artemis} distribution made with {@code artemis create --require-login}, the shipped examples of
 * {@code config/production/artemis/} pasted into its broker.xml and appended to its users and roles files, run with
 * {@code bin/artemis run} in its own process. One acceptor, on a free port of 127.0.0.1.
 */
final class ArtemisBroker extends ServiceProcess {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-suite";
    /** The shipped example users and their passwords (config/production/artemis/artemis-users.properties). */
    static final String HUB_USER = "casehub";
    static final String HUB_PASSWORD = "change-me-hub";
    static final String UNIT = "440305007012";
    static final String UNIT_USER = "unit-" + UNIT;
    static final String UNIT_PASSWORD = "change-me-unit";

    private static final Path EXAMPLES = Path.of("config/production/artemis");

    private final Path instance;
    private final int port = FreePorts.free();

    private ArtemisBroker(Path instance) {
        this.instance = instance;
    }

    /**
     * Creates the instance under {@code folder} and starts it.
     *
     * @param extraSecurity more {@code <security-setting>} elements (a test's own roles), pasted after the shipped ones
     * @param extraUsers    more lines of users (user = password) and roles (role = user), as [users, roles]
     */
    static ArtemisBroker create(Path folder, String extraSecurity, String[] extraUsers) {
        Path distribution = Prerequisites.artemisHome();
        ArtemisBroker broker = new ArtemisBroker(folder.resolve("artemis"));
        ChildProcess.run("artemis create", List.of(distribution.resolve("bin/artemis").toString(), "create",
                broker.instance.toString(), "--user", ADMIN, "--password", ADMIN_PASSWORD, "--require-login",
                "--host", "127.0.0.1", "--nio", "--no-web", "--silent"), folder, folder.resolve("artemis-create.log"));
        broker.configure(extraSecurity, extraUsers);
        broker.start();
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private void configure(String extraSecurity, String[] extraUsers) {
        try {
            Path brokerXml = instance.resolve("etc/broker.xml");
            String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
            xml = xml.replaceFirst("(?s)<acceptors>.*</acceptors>",
                    "<acceptors><acceptor name=\"artemis\">" + url() + "?protocols=CORE</acceptor></acceptors>");
            xml = xml.replaceFirst("(?s)<security-settings>.*</security-settings>", Matcher.quoteReplacement(
                    "<security-settings>" + Files.readString(EXAMPLES.resolve("security-settings.xml")) + extraSecurity
                            + "</security-settings>"));
            xml = xml.replaceFirst("<security-settings>", Matcher.quoteReplacement(
                    Files.readString(EXAMPLES.resolve("core-settings.xml")) + "<security-settings>"));
            xml = xml.replace("</address-settings>",
                    Files.readString(EXAMPLES.resolve("address-settings.xml")) + "</address-settings>");
            // a test machine's disk may be fuller than a broker's should be: the suite is not about disk space
            xml = xml.replaceFirst("<max-disk-usage>\\d+</max-disk-usage>", "<max-disk-usage>100</max-disk-usage>");
            Files.writeString(brokerXml, xml, StandardCharsets.UTF_8);
            append(instance.resolve("etc/artemis-users.properties"),
                    Files.readString(EXAMPLES.resolve("artemis-users.properties")) + extraUsers[0]);
            append(instance.resolve("etc/artemis-roles.properties"),
                    Files.readString(EXAMPLES.resolve("artemis-roles.properties")) + extraUsers[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String lines) throws IOException {
        Files.writeString(file, "\n" + lines + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Starts (or starts again, on the same journal) and waits until the acceptor takes connections. */
    @Override
    void start() {
        process = ChildProcess.start("artemis", List.of(instance.resolve("bin/artemis").toString(), "run"), instance,
                Map.of(), instance.resolve("artemis.log"));
        await("Artemis accepting on " + url()).atMost(Duration.ofSeconds(90))
                .until(() -> {
                    if (!process.alive()) {
                        throw new IllegalStateException("Artemis ended:\n" + Logs.tail(process.log()));
                    }
                    return Logs.read(process.log()).contains("AMQ221007");
                });
        Ports.awaitOpen(port);
    }


}
