package org.casehub.feed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedProperties;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.CodeLists;
import org.casehub.mapping.JsonSchemas;
import org.casehub.mapping.PersonProtector;
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
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The dry run as a command: {@code java -jar casehub.jar --casehub.dry-run.feed=<id> --casehub.dry-run.file=<path>}
 * prints the report of {@link DryRun} for the file's records and exits, 0 when every record became a valid case,
 * 1 when some did not. It builds only the pipeline's beans from the same configuration and home folder as the hub
 * (no web server, database, broker or Camel route), and seals and hashes persons with a throwaway key.
 */
// not a @Configuration, so that the hub's component scan leaves it (and its imports) alone
@EnableConfigurationProperties({FeedProperties.class, HomeProperties.class, NetworkProperties.class, PiiProperties.class,
        RecordLimits.Limits.class, InputQuality.DateWindow.class})
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({CasehubHome.class, RecordDecoder.class, JsonSchemas.class, CaseValidator.class, CodeLists.class, CaseMapper.class,
        RecordLimits.class, InputQuality.class, DivisionDirectory.class, FunctionalZones.class, NameNormalizer.class,
        DivisionNames.class, LocationResolver.class, PiiKeys.class, PiiCipher.class, KeyedHasher.class, PersonProtector.class,
        Normalizer.class, DryRun.class})
public class DryRunCommand {

    public static final String FEED = "casehub.dry-run.feed";
    public static final String FILE = "casehub.dry-run.file";

    /** Whether the command line asks for a dry run instead of the hub. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith("--" + FEED + "="));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CasehubHome.useConfigFolderOf(args);
        SpringApplication application = new SpringApplication(DryRunCommand.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of(
                "casehub.pii.key", randomKey(), "casehub.pii.hash-key", randomKey(), "logging.level.root", "WARN"));
        try (ConfigurableApplicationContext context = application.run(args)) {
            String feed = context.getEnvironment().getRequiredProperty(FEED);
            String file = context.getEnvironment().getProperty(FILE);
            if (file == null) {
                err.println("usage: --" + FEED + "=<feed id> --" + FILE + "=<file of records: a JSON array or JSON lines>");
                return 2;
            }
            DryRun.Report report = context.getBean(DryRun.class).report(feed, Files.readAllBytes(Path.of(file)));
            out.println(context.getBean(ObjectMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.invalid() == 0 ? 0 : 1;
        } catch (IllegalArgumentException | IOException e) {
            err.println("dry run failed: " + e.getMessage());
            return 2;
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
