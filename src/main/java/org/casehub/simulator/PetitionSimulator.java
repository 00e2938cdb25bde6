package org.casehub.simulator;

import java.nio.charset.CharacterCodingException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.BeijingTime;
import org.casehub.core.GbkText;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.home.CasehubHome;
import org.casehub.network.DivisionDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plays the provincial petition system on the embedded exchange database ({@code casehub.simulator.enabled=true}):
 * new rows with GBK-encoded XFNR, and now and then an earlier petition re-sent with a newer SJC, a later
 * BLZT and CLBZ back at '0', as the provincial system does when a petition changes.
 */
@Component("petitionSimulator")
public class PetitionSimulator {

    private final ObjectProvider<JdbcTemplate> exchange;
    private final SimulatedTexts texts;
    private final JsonNode templates;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 10_000_000_000L);
    private final Deque<String[]> recent = new ArrayDeque<>();

    public PetitionSimulator(@Qualifier(ExchangeDatabaseConfiguration.JDBC) ObjectProvider<JdbcTemplate> exchange,
                             ObjectMapper json, CasehubHome home, DivisionDirectory divisions) {
        this.exchange = exchange;
        this.texts = new SimulatedTexts(json, home, divisions);
        this.templates = SimulatedTexts.read(json, home, "config/simulator/provincial-petition.json");
    }

    public synchronized void next() throws CharacterCodingException {
        JdbcTemplate table = exchange.getIfAvailable();
        if (table == null) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(BeijingTime.ZONE).truncatedTo(ChronoUnit.SECONDS);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (!recent.isEmpty() && random.nextInt(5) == 0) {
            String[] petition = recent.pollFirst();
            table.update("UPDATE XF_JBXX_EXCHANGE SET SJC = ?, BLZT = ?, CLBZ = '0', CLSM = NULL WHERE XFJBH = ?",
                    now, petition[1], petition[0]);
            return;
        }
        List<String> classes = new ArrayList<>();
        templates.path("petitions").fieldNames().forEachRemaining(classes::add);
        String nrfl = classes.get(random.nextInt(classes.size()));
        JsonNode petition = templates.path("petitions").path(nrfl);
        String community = texts.community();
        String address = texts.road();
        String content = texts.fill(SimulatedTexts.pick(petition.path("texts")), address);
        String division = random.nextBoolean() ? community : community.substring(0, random.nextBoolean() ? 9 : 6);
        String xfjbh = "44" + now.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%010d", sequence.incrementAndGet());
        int people = random.nextInt(8) == 0 ? 5 + random.nextInt(30) : 1;
        table.update("INSERT INTO XF_JBXX_EXCHANGE (XFJBH, XFXS, XFMD, XFRXM, ZJHM, LXDH, RS, WTSDD, XXDZ, NRFL, BT, XFNR,"
                        + " SFSFSS, DJSJ, BLZT, SJC, CLBZ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '01', ?, '0')",
                xfjbh, String.valueOf(1 + random.nextInt(4)), String.valueOf(1 + random.nextInt(3)), texts.personName(),
                SimulatedTexts.idNumber(), random.nextBoolean() ? SimulatedTexts.mobile() : null, people, division, address,
                nrfl, texts.fill(petition.path("title").asText(), address), GbkText.encode(content),
                "0401".equals(nrfl) ? "1" : "0", now, now);
        List<String> blzt = new ArrayList<>();
        templates.path("blzt").forEach(b -> blzt.add(b.asText()));
        recent.addLast(new String[] {xfjbh, blzt.get(1 + random.nextInt(blzt.size() - 1))});
        if (recent.size() > 100) {
            recent.pollFirst();
        }
    }
}
