package org.casehub.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports for tests that start servers, so they neither clash with each other nor with a running casehub. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free a moment ago; bind it soon. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            // Reuse off: a port still in TIME_WAIT is not handed out, since a server without SO_REUSEADDR could not bind it.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
