package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class PageInputTest {

    @Test
    void aPageSentWithoutItsLengthIsStoppedOneReadPastItsCap() throws IOException {
        PageInput page = new PageInput(new ByteArrayInputStream(new byte[10_000]), 4_096, 1_000);
        byte[] buffer = new byte[1_000];
        long read = 0;
        for (int i = 0; i < 4; i++) {
            read += page.read(buffer, 0, buffer.length);
        }

        assertThat(read).isEqualTo(4_000);
        assertThatThrownBy(() -> page.read(buffer, 0, buffer.length)).isInstanceOf(PageInput.PageTooLargeException.class)
                .hasMessageContaining("casehub.livelihood.max-page-bytes (4096 bytes)");
    }

    @Test
    void theMiddleOfAnOversizedOrderIsLetGoWhileItsFirstBytesAreKept() throws IOException {
        byte[] body = new byte[1_000_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        PageInput page = new PageInput(new ByteArrayInputStream(body), 2_000_000, 1_000);
        page.readNBytes(new byte[100], 0, 100); // as the parser reads ahead of the order's first token
        page.itemStarts(10);
        page.readAllBytes();

        byte[] first = page.item(10, 900_000);

        assertThat(first).hasSize(1_000);
        assertThat(first[0]).isEqualTo(body[10]);
        assertThat(first[999]).isEqualTo(body[1_009]);
    }
}
