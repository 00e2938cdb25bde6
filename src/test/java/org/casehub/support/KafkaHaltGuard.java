package org.casehub.support;

import org.apache.kafka.common.utils.Exit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps the embedded Kafka brokers of a test JVM from ending it. Kafka halts its JVM (status 1) on a fault it deems
 * fatal — a failed log directory, a controller fault while it shuts down — and in a test JVM that holds a dozen
 * cached hubs, stopping all at once at exit, such a halt after every test passed makes failsafe report "Error occurred
 * in starting fork" and fails the build without saying why. Here the halt is printed instead, with Kafka's reason, and
 * the JVM ends as it would have: a broker that failed during a test still fails that test by not answering.
 * Registered for the JUnit launcher in META-INF/services, so it is in place before any test class loads Kafka.
 */
public final class KafkaHaltGuard implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Exit.setHaltProcedure((status, message) -> System.err.printf(
                "embedded Kafka asked to halt this test JVM with status %d (not done): %s%n", status, message));
        Exit.setExitProcedure((status, message) -> System.err.printf(
                "embedded Kafka asked to exit this test JVM with status %d (not done): %s%n", status, message));
    }
}
