package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls to the running hub, and file edits of its home folder as an integrator makes them. */
public final class HubHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public HubHttp(int port) {
        this.port = port;
    }

    public HttpResponse<String> send(String method, String path, Map<String, String> headers, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        headers.forEach(request::header);
        try {
            // a fresh connection per call: a pooled one that the hub closed after an error answer (a 413 sent
            // before the body was read) could be handed out again and fail with "received no bytes"
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String apiKey) {
        return send("GET", path, Map.of("X-Api-Key", apiKey), HttpRequest.BodyPublishers.noBody());
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return send("POST", path, headers, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a file at once (a temporary file moved into place), so that a watcher never sees it half written.
     */
    public static void writeAtOnce(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
