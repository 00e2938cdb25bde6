package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sample rows of the contract's xf_exchange.sql (copied to src/test/resources/contracts/), as
 * INSERT statements for an H2 or a PostgreSQL exchange table. The contract writes XFNR with
 * PostgreSQL's decode(…, 'hex'); H2 takes the same bytes as a binary literal.
 */
public final class ExchangeSamples {

    public static final Path FILE = Path.of("src/test/resources/contracts/xf_exchange.sql");

    private ExchangeSamples() {
    }

    public static List<String> inserts(boolean postgres) {
        try {
            return Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("INSERT INTO XF_JBXX_EXCHANGE"))
                    .map(line -> line.replaceAll(";\\s*$", ""))
                    .map(line -> postgres ? line : line.replaceAll("decode\\('([0-9a-f]*)','hex'\\)", "X'$1'"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exchange table of config/exchange/xf_exchange.sql in {@code exchange}, with the sample rows. */
    public static void load(JdbcTemplate exchange, boolean postgres) {
        createTable(exchange);
        inserts(postgres).forEach(exchange::execute);
    }

    /** A new row (CLBZ '0') of a valid petition about unpaid wages, its text in GBK as the contract writes it. */
    public static void insertNew(JdbcTemplate exchange, String xfjbh, java.time.LocalDateTime sjc) {
        insertNew(exchange, "XF_JBXX_EXCHANGE", xfjbh, sjc);
    }

    /** The same into another table of that shape (the exchange table moved away, as if its database were down). */
    public static void insertNew(JdbcTemplate exchange, String table, String xfjbh, java.time.LocalDateTime sjc) {
        exchange.update("INSERT INTO " + table + " (XFJBH, XFXS, XFMD, XFRXM, ZJHM, LXDH, RS, WTSDD, XXDZ, NRFL, BT, XFNR,"
                        + " SFSFSS, DJSJ, BLZT, SJC, CLBZ) VALUES (?, '1', '1', '黄志强', '440303198807151234', '13612345678', 1,"
                        + " '440303001', '罗湖区桂园街道', '0101', '工资拖欠', ?, '0', ?, '01', ?, '0')",
                xfjbh, "公司拖欠工资两个月。".getBytes(java.nio.charset.Charset.forName("GBK")), sjc, sjc);
    }

    public static void createTable(JdbcTemplate exchange) {
        try {
            for (String statement : Files.readString(Path.of("config/exchange/xf_exchange.sql"), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    exchange.execute(statement);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
