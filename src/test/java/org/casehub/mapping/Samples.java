package org.casehub.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.casehub.feed.InputQuality;
import org.casehub.feed.Normalizer;
import org.casehub.feed.RecordDecoder;
import org.casehub.feed.RecordLimits;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.DivisionNames;
import org.casehub.network.FunctionalZones;
import org.casehub.network.LocationResolver;
import org.casehub.network.NameNormalizer;
import org.casehub.network.NetworkProperties;
import org.casehub.security.KeyedHasher;
import org.casehub.security.PiiCipher;
import org.casehub.security.PiiKeys;
import org.casehub.security.PiiProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The project's real home folder (mappings/, schemas/, config/), feed registry and sample records,
 * and the pipeline steps built from them without Spring.
 */
public final class Samples {

    public static final String FEED = "public-safety";
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final CasehubHome HOME = new CasehubHome(new HomeProperties("."));
    public static final FeedProperties FEEDS = feedRegistry();
    public static final List<String> PUBLIC_SAFETY = lines("src/test/resources/contracts/public-safety.sample.jsonl");

    private static DivisionDirectory divisions;
    private static FunctionalZones zones;
    private static DivisionNames names;

    private Samples() {
    }

    /** config/feeds.yaml bound as Spring Boot binds it. */
    private static FeedProperties feedRegistry() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("feeds", new FileSystemResource("config/feeds.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
            return new Binder(ConfigurationPropertySources.get(environment)).bind("casehub", FeedProperties.class)
                    .orElseThrow(() -> new IllegalStateException("config/feeds.yaml has no casehub.feeds"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized DivisionDirectory divisions() {
        if (divisions == null) {
            divisions = new DivisionDirectory(HOME, new NetworkProperties("config/network/divisions-44.csv"));
        }
        return divisions;
    }

    public static synchronized FunctionalZones zones() {
        if (zones == null) {
            zones = new FunctionalZones(HOME.resource("config/network/zones.yaml"), divisions()::contains);
        }
        return zones;
    }

    public static synchronized DivisionNames names() {
        if (names == null) {
            names = new DivisionNames(divisions(), zones(), new NameNormalizer(HOME));
        }
        return names;
    }

    public static CaseMapper mapper() {
        return new CaseMapper(HOME, new CodeLists(HOME, JSON), JSON);
    }

    /** The date window and mojibake flags with the shipped defaults. */
    public static InputQuality inputQuality() {
        return new InputQuality(new InputQuality.DateWindow(LocalDate.of(1990, 1, 1), Duration.ofMinutes(10)));
    }

    public static LocationResolver resolver() {
        return new LocationResolver(divisions(), zones(), names(), FEEDS);
    }

    /** Keys generated into {@code keyDirectory}, as a first start without configured keys does. */
    public static PiiKeys generatedKeys(Path keyDirectory) {
        return new PiiKeys(new PiiProperties(null, null, null, null, keyDirectory, true));
    }

    public static PersonProtector protector(PiiKeys keys) {
        return new PersonProtector(new PiiCipher(keys), new KeyedHasher(keys));
    }

    /** Every step of the pipeline (the route's order, {@link Normalizer}) with the shipped limits. */
    public static Normalizer normalizer(FeedProperties feeds, CaseValidator validator, CaseMapper mapper,
                                        PersonProtector protector) {
        return new Normalizer(new RecordDecoder(JSON, feeds), validator, mapper,
                new RecordLimits(new RecordLimits.Limits(500, 20_000, 1_048_576)), inputQuality(), resolver(), protector);
    }

    public static FeedRecord received(String line) {
        return new FeedRecord(FEED, line.getBytes(StandardCharsets.UTF_8), Map.of("offset", 0L), Instant.now());
    }

    /** A sample record through decode, map, locate and protect: what the case schema gate sees. */
    public static FeedRecord normalized(String line, PersonProtector protector) {
        FeedRecord record = received(line);
        new RecordDecoder(JSON, FEEDS).decode(record);
        mapper().map(record);
        resolver().locate(record);
        protector.protect(record);
        return record;
    }
}
