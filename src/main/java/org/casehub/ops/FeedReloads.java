package org.casehub.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.dashjoin.jsonata.Jsonata;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.FileUtil;
import org.casehub.core.FeedProperties;
import org.casehub.feed.DryRun;
import org.casehub.home.CasehubHome;
import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CodeLists;
import org.casehub.mapping.JsonSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hot reload of a feed's files, each change accepted or refused as a whole, the last result kept per feed for
 * {@code GET /api/feeds/{id}}. On when {@code casehub.reload.enabled} is true (routes: when the home folder has
 * routes/, see RoutesLocationEnvironmentPostProcessor).
 * <ul>
 * <li>Routes (routes/**&#47;*.camel.yaml): Camel's own route watcher reloads them; this wraps it so that a file
 * Camel cannot load or start is refused and the file's last good version is loaded back (Camel has already
 * removed the running routes of a file whose new routes fail to start).</li>
 * <li>Mappings (mappings/&lt;feed&gt;.jsonata): compiled and tried on the feed's samples
 * (mappings/samples/&lt;feed&gt;.jsonl) through the whole in-memory pipeline; only a mapping that compiles and
 * turns every sample into a valid case replaces the running one.</li>
 * <li>Code lists (mappings/codes/), schemas (schemas/): replace the running ones when they parse and compile.</li>
 * <li>The registry (config/feeds.yaml of the home folder): new and changed entries apply at once.</li>
 * </ul>
 * A refused file leaves the previous version running, and every other feed untouched.
 */
@Component
public class FeedReloads implements CamelContextConfiguration {

    /**
     * What the last reload of one of a feed's files did.
     *
     * @param at      when, RFC 3339 (a string: the REST binding's JSON mapper has no java.time support)
     * @param outcome accepted or refused
     * @param error   why it was refused
     */
    public record Reload(String at, String file, String outcome, String error) {
        static Reload accepted(String file) {
            return new Reload(Instant.now().toString(), file, "accepted", null);
        }

        static Reload refused(String file, String error) {
            return new Reload(Instant.now().toString(), file, "refused", error);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FeedReloads.class);
    private static final String ROUTE_SUFFIX = ".camel.yaml";

    private final CasehubHome home;
    private final FeedProperties feeds;
    private final CaseMapper mapper;
    private final CodeLists codeLists;
    private final JsonSchemas schemas;
    private final DryRun dryRun;
    private final boolean enabled;
    private final Map<String, Reload> last = new ConcurrentHashMap<>();
    // the text of each watched file (by its path under the home folder) as last seen, and as last accepted
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> routesAccepted = new ConcurrentHashMap<>();
    private boolean scanned;

    public FeedReloads(CasehubHome home, FeedProperties feeds, CaseMapper mapper, CodeLists codeLists, JsonSchemas schemas,
                       DryRun dryRun, @Value("${casehub.reload.enabled}") boolean enabled) {
        this.home = home;
        this.feeds = feeds;
        this.mapper = mapper;
        this.codeLists = codeLists;
        this.schemas = schemas;
        this.dryRun = dryRun;
        this.enabled = enabled;
    }

    public Optional<Reload> last(String feed) {
        return Optional.ofNullable(last.get(feed));
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // the watcher's listener is set when it starts: wrapped after that
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        RouteWatcherReloadStrategy watcher = camel.hasService(RouteWatcherReloadStrategy.class);
        if (watcher == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(Path.of(watcher.getFolder()))) {
            files.filter(f -> f.getFileName().toString().endsWith(ROUTE_SUFFIX))
                    .forEach(f -> routesAccepted.put("file:" + f.toAbsolutePath(), readFile(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (watcher.getResourceReload() == null) {
            // under the supervising route controller the watcher may not have started yet: its start sets the
            // listener that reloads routes, which is wrapped here (starting it again later does nothing)
            ServiceHelper.startService(watcher);
        }
        ResourceReload camels = watcher.getResourceReload();
        watcher.setResourceReload((name, resource) -> reloadRoutes(camels, resource));
    }

    private void reloadRoutes(ResourceReload camels, Resource resource) throws Exception {
        String file = FileUtil.stripPath(resource.getLocation());
        String feed = feedOfFile(withoutSuffix(file, ROUTE_SUFFIX));
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String key = "file:" + Path.of(resource.getURI()).toAbsolutePath();
        try {
            camels.onReload(resource.getLocation(), ResourceHelper.fromString(resource.getLocation(), text));
            routesAccepted.put(key, text);
            accept(feed, "routes/" + file);
        } catch (Exception e) {
            String good = routesAccepted.get(key);
            try {
                if (good != null) {
                    camels.onReload(resource.getLocation(), ResourceHelper.fromString(resource.getLocation(), good));
                }
            } finally {
                // said once the previous version runs again: a caller seeing "refused" finds its routes there
                refuse(feed, "routes/" + file, message(e));
            }
        }
    }

    /** Looks for changed mappings, code lists, schemas and registry entries in the home folder. */
    @Scheduled(fixedDelayString = "${casehub.reload.period}", initialDelayString = "${casehub.reload.period}")
    public synchronized void scan() {
        if (!enabled) {
            return;
        }
        Map<String, String> now = watchedFiles();
        if (!scanned) {
            seen.putAll(now);
            accepted.putAll(now);
            scanned = true;
            return;
        }
        now.forEach((file, text) -> {
            if (!text.equals(seen.put(file, text))) {
                reload(file, text);
            }
        });
    }

    private void reload(String file, String text) {
        if (file.startsWith("mappings/codes/")) {
            String list = withoutSuffix(FileUtil.stripPath(file), ".json");
            apply(feedOfFile(list), file, text, () -> codeLists.install(codeLists.parse(list, text)),
                    good -> codeLists.install(codeLists.parse(list, good)));
        } else if (file.startsWith("mappings/")) {
            String feed = withoutSuffix(FileUtil.stripPath(file), ".jsonata");
            apply(feed, file, text, () -> mapper.install(feed, tried(feed, mapper.compile(text))),
                    good -> mapper.install(feed, mapper.compile(good)));
        } else if (file.startsWith("schemas/")) {
            String relative = file.substring("schemas/".length());
            String feed = relative.startsWith("feeds/") ? feedOfFile(relative.substring(6, relative.indexOf('.'))) : "schemas";
            apply(feed, file, text, () -> schemas.install(relative, text), good -> schemas.install(relative, good));
        } else {
            reloadRegistry(file, text);
        }
    }

    private void apply(String feed, String file, String text, Runnable install, java.util.function.Consumer<String> fallBack) {
        try {
            install.run();
            accepted.put(file, text);
            accept(feed, file);
        } catch (RuntimeException e) {
            refuse(feed, file, message(e));
            // a file not read before this change may have been read since, broken: the last good one is put back
            String good = accepted.get(file);
            if (good != null) {
                fallBack.accept(good);
            }
        }
    }

    /** The mapping, once every sample of the feed became a valid case with it. */
    private Jsonata tried(String feed, Jsonata candidate) {
        List<byte[]> samples = samples(feed);
        for (DryRun.Result result : dryRun.run(feed, samples, candidate)) {
            if (!result.valid()) {
                throw new IllegalStateException("sample " + (result.index() + 1) + " of mappings/samples/" + feed + ".jsonl"
                        + (result.recordId() == null ? "" : " (" + result.recordId() + ")") + " fails at "
                        + result.stage() + ": " + String.join("; ", result.errors()));
            }
        }
        return candidate;
    }

    private List<byte[]> samples(String feed) {
        Path file = home.root().resolve("mappings/samples/" + feed + ".jsonl");
        if (!Files.isRegularFile(file)) {
            log.warn("feed {} has no samples ({}): its new mapping is only compiled, not tried", feed, file);
            return List.of();
        }
        return readFile(file).lines().filter(l -> !l.isBlank())
                .map(l -> l.getBytes(StandardCharsets.UTF_8)).collect(Collectors.toList());
    }

    private void reloadRegistry(String file, String text) {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load(file, new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)))
                    .forEach(environment.getPropertySources()::addLast);
            FeedProperties reread = new Binder(ConfigurationPropertySources.get(environment))
                    .bind("casehub", FeedProperties.class)
                    .orElseThrow(() -> new IllegalStateException("no casehub.feeds in " + file));
            List<String> changed = new ArrayList<>();
            reread.feeds().forEach((id, feed) -> {
                if (!feed.equals(feeds.feeds().get(id))) {
                    changed.add(id);
                }
            });
            feeds.refresh(reread);
            changed.forEach(id -> accept(id, file));
        } catch (RuntimeException | IOException e) {
            refuse("registry", file, message(e));
        }
    }

    private Map<String, String> watchedFiles() {
        Map<String, String> files = new HashMap<>();
        Path root = home.root();
        for (String folder : List.of("mappings", "schemas")) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> found = Files.walk(dir)) {
                found.filter(Files::isRegularFile)
                        .filter(f -> !f.startsWith(root.resolve("mappings/samples")))
                        .filter(f -> f.toString().endsWith(".jsonata") || f.toString().endsWith(".json"))
                        .forEach(f -> files.put(root.relativize(f).toString().replace('\\', '/'), readFile(f)));
            } catch (IOException e) {
                log.warn("cannot scan {} for changes: {}", dir, e.getMessage());
            }
        }
        Path registry = root.resolve("config/feeds.yaml");
        if (Files.isRegularFile(registry)) {
            files.put("config/feeds.yaml", readFile(registry));
        }
        return files;
    }

    /** The feed a file belongs to: the registered id it is named after (livelihood-webhook → livelihood), else its name. */
    private String feedOfFile(String name) {
        return feeds.feeds().keySet().stream()
                .filter(id -> name.equals(id) || name.startsWith(id + "-") || name.startsWith(id + "."))
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .orElse(name);
    }

    private void accept(String feed, String file) {
        last.put(feed, Reload.accepted(file));
        log.info("reloaded {} of feed {}", file, feed);
    }

    private void refuse(String feed, String file, String error) {
        last.put(feed, Reload.refused(file, error));
        log.error("refused {} of feed {}: {}; the previous version keeps running", file, feed, error);
    }

    private static String withoutSuffix(String name, String suffix) {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && text.indexOf(m) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(m);
            }
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
