package org.casehub.writeback;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;

import org.casehub.core.BeijingTime;
import org.casehub.core.GbkText;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The provincial petition system's result exchange table {@code XF_BLJG_EXCHANGE} (contracts §4.2), in the same
 * front-end database the petitions come from: one row per result, {@code JGBH} = the result id, so a result written
 * twice fails on the key and is done. {@code BLYJ} is GBK bytes: a text GBK cannot encode is refused with the
 * character that cannot be, never written with '?'. casehub only inserts; the province owns CLBZ and CLSM.
 */
@Component
class PetitionResults implements SourcePlatform {

    static final String FEED = "provincial-petition";

    /** absent while the exchange database is not configured (casehub.exchange.url) */
    private final ObjectProvider<JdbcTemplate> exchange;

    PetitionResults(@Qualifier(ExchangeDatabaseConfiguration.JDBC) ObjectProvider<JdbcTemplate> exchange) {
        this.exchange = exchange;
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Answer write(Result result) {
        byte[] opinion;
        try {
            opinion = result.content() == null ? null : GbkText.encode(result.content());
        } catch (CharacterCodingException e) {
            return Answer.refused("BLYJ: " + unencodable(result.content()) + " cannot be encoded in GBK; the result is"
                    + " not written (never as '?'): the unit's text needs another wording");
        }
        JdbcTemplate database = exchange.getIfAvailable();
        if (database == null) {
            return Answer.refused("the exchange database is not configured (casehub.exchange.url): re-send once it is");
        }
        try {
            database.update("INSERT INTO XF_BLJG_EXCHANGE (JGBH, XFJBH, BLZT, BLDW, BLDWMC, BLYJ, BLSJ, CLBZ)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, '0')", result.resultId(), result.recordId(),
                    result.platformState(), result.unit(), result.unitName(), opinion,
                    result.actedAt().atZoneSameInstant(BeijingTime.ZONE).toLocalDateTime());
            return Answer.written("XF_BLJG_EXCHANGE row " + result.resultId());
        } catch (DuplicateKeyException e) {
            return Answer.duplicate("XF_BLJG_EXCHANGE row " + result.resultId() + " was written before");
        } catch (DataIntegrityViolationException e) {
            return Answer.refused("XF_BLJG_EXCHANGE refused the row: " + e.getMostSpecificCause().getMessage());
        } catch (DataAccessException e) {
            return Answer.retry("the exchange database failed: " + e.getMostSpecificCause().getMessage(), null);
        }
    }

    /** The first character GBK cannot encode, by code point and position: {@code U+1F600 at character 12}. */
    static String unencodable(String text) {
        CharsetEncoder encoder = GbkText.GBK.newEncoder();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!encoder.canEncode(CharBuffer.wrap(Character.toChars(codePoint)))) {
                return String.format("U+%04X at character %d", codePoint, i + 1);
            }
            i += Character.charCount(codePoint);
        }
        return "a character";
    }
}
