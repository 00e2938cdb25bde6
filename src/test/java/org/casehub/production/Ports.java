package org.casehub.production;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waiting for a service's port. */
final class Ports {

    private Ports() {
    }

    static void awaitOpen(int port) {
        await("port " + port + " open").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> open(port));
    }

    static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
