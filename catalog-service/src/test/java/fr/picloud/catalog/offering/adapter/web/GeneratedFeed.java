package fr.picloud.catalog.offering.adapter.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A feed of {@code lines} lines made as it is read, so a test can read hundreds of megabytes that are
 * never held anywhere: line {@code i} is {@code line.apply(i)}, or {@code hugeLineChars} characters
 * of padding for the one line numbered {@code hugeLine}.
 */
final class GeneratedFeed extends InputStream {

    private final IntFunction<String> line;
    private final int lines;
    private final int hugeLine;
    private final long hugeLineChars;
    private int next;
    private byte[] current = new byte[0];
    private int position;
    private long paddingLeft;
    private long bytesRead;

    GeneratedFeed(IntFunction<String> line, int lines, int hugeLine, long hugeLineChars) {
        this.line = line;
        this.lines = lines;
        this.hugeLine = hugeLine;
        this.hugeLineChars = hugeLineChars;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        if (paddingLeft > 0) {
            paddingLeft--;
            bytesRead++;
            return paddingLeft == 0 ? '\n' : 'x';
        }
        while (position == current.length) {
            if (next == lines) {
                return -1;
            }
            int number = ++next;
            if (number == hugeLine) {
                paddingLeft = hugeLineChars;
                return read();
            }
            current = (line.apply(number) + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        bytesRead++;
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int count = 0;
        while (count < length) {
            int b = read();
            if (b < 0) {
                return count == 0 ? -1 : count;
            }
            buffer[offset + count++] = (byte) b;
        }
        return count;
    }
}
