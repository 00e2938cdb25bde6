package org.casehub.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Text of the provincial petition system, GBK-encoded. Decoding is strict: a malformed or unmappable
 * byte sequence is an error naming where it is, never a silent U+FFFD as {@code new String(bytes, GBK)} gives.
 */
public final class GbkText {

    public static final Charset GBK = Charset.forName("GBK");

    private GbkText() {
    }

    public static String decode(byte[] bytes) throws MalformedGbkException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = GBK.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedGbkException(in.position(), result.length());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Text as GBK bytes; a character GBK cannot write is an error, never a '?'. */
    public static byte[] encode(String text) throws CharacterCodingException {
        ByteBuffer bytes = GBK.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    public static class MalformedGbkException extends Exception {

        private final int offset;

        MalformedGbkException(int offset, int length) {
            super("not valid GBK: " + length + " bad byte(s) at byte offset " + offset);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
