package org.casehub.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.home.CasehubHome;
import org.casehub.network.DivisionDirectory;
import org.casehub.security.IdNumbers;

/** What the simulators share: people, roads and companies (config/simulator/grid-events.json) and real Shenzhen communities. */
final class SimulatedTexts {

    private final JsonNode common;
    private final List<String> communities;

    SimulatedTexts(ObjectMapper json, CasehubHome home, DivisionDirectory divisions) {
        this.common = read(json, home, "config/simulator/grid-events.json");
        this.communities = divisions.codesUnder("4403", 12);
    }

    static JsonNode read(ObjectMapper json, CasehubHome home, String file) {
        try {
            return json.readTree(home.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    String community() {
        return communities.get(ThreadLocalRandom.current().nextInt(communities.size()));
    }

    String personName() {
        return pick(common.path("surnames")) + pick(common.path("givenNames"));
    }

    String road() {
        return pick(common.path("roads")) + (1 + ThreadLocalRandom.current().nextInt(300)) + "号";
    }

    /** A template with its placeholders filled. */
    String fill(String template, String address) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return template.replace("{address}", address)
                .replace("{company}", pick(common.path("companies")))
                .replace("{count}", String.valueOf(2 + random.nextInt(60)))
                .replace("{months}", String.valueOf(1 + random.nextInt(12)))
                .replace("{amount}", String.valueOf((1 + random.nextInt(500)) * 1000));
    }

    static String pick(JsonNode values) {
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asText()));
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    /** A resident ID of a Shenzhen district with a correct GB 11643 check character. */
    static String idNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        String first17 = "4403" + String.format("%02d", 3 + random.nextInt(8)) + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", random.nextInt(1000));
        return first17 + IdNumbers.checkCharacter(first17);
    }

    static String mobile() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // 13x and 18x only: every one is a valid mobile (PhonesTest), and an invalid phone is never matched on
        return "1" + "3838383".charAt(random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }
}
