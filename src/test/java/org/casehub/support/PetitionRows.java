package org.casehub.support;

import java.nio.charset.CharacterCodingException;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

import org.casehub.core.GbkText;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of XF_JBXX_EXCHANGE as the provincial system writes them, for the tests of the petition feed. */
public final class PetitionRows {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private PetitionRows() {
    }

    /** A petition number no other test uses. */
    public static String newXfjbh() {
        return "449" + String.format("%017d", SEQUENCE.incrementAndGet());
    }

    public static byte[] gbk(String text) {
        try {
            return GbkText.encode(text);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not writable in GBK: " + text, e);
        }
    }

    /**
     * A new row (CLBZ '0') about wages, placed at {@code wtsdd} and {@code xxdz}, of a petitioner whose ID number and
     * phone are derived from the petition number: every row is another person's grievance, so deduplication never
     * joins two of them.
     */
    public static void insert(JdbcTemplate exchange, String xfjbh, String wtsdd, String xxdz, LocalDateTime sjc) {
        insert(exchange, xfjbh, wtsdd, xxdz, "0101", 1, "0", gbk("老板拖欠工资三个月。"), sjc);
    }

    public static void insert(JdbcTemplate exchange, String xfjbh, String wtsdd, String xxdz, String nrfl, int people,
                              String lawRelated, byte[] xfnr, LocalDateTime sjc) {
        exchange.update("INSERT INTO XF_JBXX_EXCHANGE (XFJBH, XFXS, XFMD, XFRXM, ZJHM, LXDH, RS, WTSDD, XXDZ, NRFL, BT, XFNR,"
                        + " SFSFSS, DJSJ, BLZT, SJC, CLBZ) VALUES (?, '2', '3', '冯红兰', ?, ?, ?,"
                        + " ?, ?, ?, '集体反映问题', ?, ?, ?, '01', ?, '0')",
                xfjbh, idNumberOf(xfjbh), phoneOf(xfjbh), people, wtsdd, xxdz, nrfl, xfnr, lawRelated, sjc, sjc);
    }

    /** The petitioner's resident ID number in the row of this petition number. */
    public static String idNumberOf(String xfjbh) {
        return TestPersons.idNumber("421023", Long.parseLong(xfjbh.substring(xfjbh.length() - 9)));
    }

    public static String phoneOf(String xfjbh) {
        return "139" + xfjbh.substring(xfjbh.length() - 8);
    }

    public static String clbz(JdbcTemplate exchange, String xfjbh) {
        return exchange.queryForObject("SELECT CLBZ FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", String.class, xfjbh);
    }
}
