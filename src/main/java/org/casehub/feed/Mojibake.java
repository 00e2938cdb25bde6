package org.casehub.feed;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;
import java.util.regex.Pattern;

import org.casehub.core.GbkText;

/**
 * Text that decodes but reads as encoding confusion (乱码): a source decoded its bytes with the wrong charset before
 * sending them, so strict decoding at the door cannot see it. A heuristic, tested on a labelled set (MojibakeTest): it
 * undoes a suspected confusion and believes it only when the bytes then decode strictly into what the wrong decoding
 * could not have produced by chance —
 * <ul>
 * <li>UTF-8 read as Latin-1/Windows-1252 ("Ã©", "é”™è¯¯"): a run of two or more Latin-1 characters whose bytes are
 * valid UTF-8 for something beyond ASCII;</li>
 * <li>GBK read as Latin-1 ("´íÎó"): a run of four or more, whose bytes are GBK for Chinese characters only;</li>
 * <li>UTF-8 read as GBK ("閿欒"): a run of Chinese characters with one outside GB2312 (UTF-8's continuation bytes
 * land on GBK's rare extension characters, which simplified text seldom uses) whose GBK bytes are UTF-8;</li>
 * <li>replacement characters: U+FFFD, or its UTF-8 bytes read as GBK (锟斤拷), left by a decoder that lost bytes.</li>
 * </ul>
 * Flagged, not refused: the text may still be the best the source has, and an operator can read the flag.
 */
public final class Mojibake {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Charset GB2312 = Charset.forName("GB2312");
    /** Latin-1's upper half and Windows-1252's printable characters in 0x80–0x9F */
    private static final BitSet LATIN_CHARACTERS = characters(Pattern.compile(
            "[\\u0080-\\u00FF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC"
            + "\\u2013\\u2014\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]"));
    /**
     * The characters GB2312 has, asked of its encoder once: every Chinese run of every text is checked against it, and
     * a new encoder per character cost more than the rest of the record's normalising (issue 18). GB2312 has no
     * character outside the BMP.
     */
    private static final BitSet GB2312_CHARACTERS = gb2312Characters();

    private Mojibake() {
    }

    /**
     * What confusion the text shows; empty for text that reads as itself. The text itself is never quoted: undone,
     * a confused name or phone would be personal data in the clear.
     */
    public static Optional<String> diagnose(String text) {
        if (ascii(text)) {
            return Optional.empty(); // every confusion below leaves characters beyond ASCII
        }
        if (text.indexOf('\uFFFD') >= 0 || text.contains("锟斤拷")) {
            return Optional.of("replacement characters: bytes were lost to a bad decode before the record was sent");
        }
        // runs of two or more Latin characters; runs (and characters below) are scanned by hand, not by regular
        // expressions: every text of every record passes here, and the regular expressions were most of its cost
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = start;
            while (end < text.length() && LATIN_CHARACTERS.get(text.charAt(end))) {
                end++;
            }
            if (end - start < 2) {
                continue;
            }
            String run = text.substring(start, end);
            byte[] bytes = bytes(run, CP1252);
            if (bytes == null) {
                bytes = bytes(run, StandardCharsets.ISO_8859_1);
            }
            if (bytes == null) {
                continue;
            }
            String utf8 = strictPrefix(bytes, StandardCharsets.UTF_8, false);
            if (utf8 != null && utf8.codePoints().anyMatch(c -> c > 0x7F)) {
                return Optional.of("UTF-8 read as Latin-1");
            }
            if (run.length() >= 4) {
                byte[] latin1 = bytes(run, StandardCharsets.ISO_8859_1);
                String gbk = latin1 == null ? null : strictPrefix(latin1, GbkText.GBK, false);
                if (gbk != null && gbk.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                        || Character.isWhitespace(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF))) {
                    return Optional.of("GBK read as Latin-1");
                }
            }
        }
        // runs of two or more characters beyond ASCII (UTF-8 read as GBK gives Chinese characters mixed with kana,
        // Greek, Cyrillic or box drawing), of which one at least is not in GB2312
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = start;
            while (end < text.length() && text.charAt(end) > 0x7F) {
                end++;
            }
            if (end - start < 2 || text.codePointCount(start, end) < 2 || inGb2312(text, start, end)) {
                continue;
            }
            byte[] bytes = bytes(text.substring(start, end), GbkText.GBK);
            String utf8 = bytes == null ? null : strictPrefix(bytes, StandardCharsets.UTF_8, true);
            if (utf8 != null && utf8.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                return Optional.of("UTF-8 read as GBK");
            }
        }
        return Optional.empty();
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Whether GB2312 has every character of the run (a surrogate, half of a character beyond the BMP, it has not). */
    private static boolean inGb2312(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!GB2312_CHARACTERS.get(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The characters of the BMP that the one-character class matches. */
    private static BitSet characters(Pattern characterClass) {
        BitSet characters = new BitSet(0x10000);
        for (char c = 0; c < 0xFFFF; c++) {
            if (characterClass.matcher(String.valueOf(c)).matches()) {
                characters.set(c);
            }
        }
        return characters;
    }

    private static BitSet gb2312Characters() {
        CharsetEncoder encoder = GB2312.newEncoder();
        BitSet characters = new BitSet(0x10000);
        for (char c = 0; c < 0xFFFF; c++) {
            if (!Character.isSurrogate(c) && encoder.canEncode(c)) {
                characters.set(c);
            }
        }
        return characters;
    }

    private static byte[] bytes(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The bytes decoded strictly; {@code null} when they are not that charset. With {@code cutTail}, an incomplete
     * character at the very end is allowed (the wrong decoding often swallowed the last byte of the right one).
     */
    private static String strictPrefix(byte[] bytes, Charset charset, boolean cutTail) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 2);
        CoderResult result = decoder.decode(in, out, !cutTail);
        if (result.isError() || (!cutTail && in.hasRemaining()) || in.remaining() > 3) {
            return null;
        }
        if (!cutTail) {
            decoder.flush(out);
        }
        String decoded = out.flip().toString();
        return decoded.isEmpty() ? null : decoded;
    }
}
