package org.casehub.feed;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The body of a 12345 page as it arrives, read by a streaming parser: counted against the page's byte cap, and the
 * bytes of the order being read kept so that each order keeps its own original bytes without the page being held
 * whole. Of an order longer than {@code maxItemBytes} only its first {@code maxItemBytes} bytes are kept; the rest
 * passes through (the parser skips it) and is let go, so one oversized order costs no more memory than a fitting one.
 * The parser reads ahead of the token it is at by at most its input buffer (8,000 bytes), less than {@link
 * #READ_AHEAD}: bytes read ahead past an oversized order are still kept for the order after it.
 */
final class PageInput extends InputStream {

    /** More than the parser ever reads ahead of the token it is at. */
    static final int READ_AHEAD = 64 * 1024;

    /** The page went past its byte cap. */
    static final class PageTooLargeException extends IOException {
        PageTooLargeException(long maxPageBytes) {
            super("the page is larger than casehub.livelihood.max-page-bytes (" + maxPageBytes + " bytes): lower"
                    + " casehub.livelihood.page-size, or raise the cap");
        }
    }

    private final InputStream in;
    private final long maxPageBytes;
    private final int maxItemBytes;
    private long position;
    /** the bytes from {@link #keptFrom} to {@link #position}, but for the middle of an oversized order */
    private byte[] kept = new byte[16 * 1024];
    private int keptLength;
    private long keptFrom;
    /** the first bytes of the order begun at the start of the kept bytes, once it is known to be oversized */
    private byte[] prefix;

    PageInput(InputStream in, long maxPageBytes, int maxItemBytes) {
        this.in = in;
        this.maxPageBytes = maxPageBytes;
        this.maxItemBytes = maxItemBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            position += n;
            if (position > maxPageBytes) {
                throw new PageTooLargeException(maxPageBytes);
            }
            keep(buffer, offset, n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** An order begins at this offset of the page: what came before it is let go. */
    void itemStarts(long offset) {
        drop(offset);
        prefix = null;
    }

    /** The order from {@code from} to {@code to}: its bytes, or its first {@code maxItemBytes} when it is longer. */
    byte[] item(long from, long to) {
        if (prefix != null) {
            return prefix;
        }
        int start = (int) (from - keptFrom);
        return Arrays.copyOfRange(kept, start, start + (int) Math.min(to - from, maxItemBytes));
    }

    private void keep(byte[] buffer, int offset, int n) {
        if (kept.length < keptLength + n) {
            kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + n));
        }
        System.arraycopy(buffer, offset, kept, keptLength, n);
        keptLength += n;
        if (prefix == null && keptLength > maxItemBytes + READ_AHEAD) {
            // the parser is past maxItemBytes into the order begun at keptFrom: keep its first bytes, let the middle go
            prefix = Arrays.copyOf(kept, maxItemBytes);
            drop(position - READ_AHEAD);
        } else if (prefix != null && keptLength > 2 * READ_AHEAD) {
            drop(position - READ_AHEAD);
        }
    }

    private void drop(long before) {
        int n = (int) Math.min(Math.max(before - keptFrom, 0), keptLength);
        System.arraycopy(kept, n, kept, 0, keptLength - n);
        keptLength -= n;
        keptFrom += n;
        if (kept.length > 4 * READ_AHEAD && keptLength < READ_AHEAD) {
            kept = Arrays.copyOf(kept, 2 * READ_AHEAD);
        }
    }
}
