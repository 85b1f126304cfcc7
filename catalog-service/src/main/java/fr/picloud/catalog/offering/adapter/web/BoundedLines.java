package fr.picloud.catalog.offering.adapter.web;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a feed, each at most {@code maxChars} long: a longer line is skipped to its end and
 * reported as too long, so no line of a feed is ever held whole beyond the bound.
 * ({@link java.io.BufferedReader#readLine} holds any line whole, however long.)
 */
final class BoundedLines {

    /** A line, or {@code tooLong} with the text cut at the bound. */
    record Line(String text, boolean tooLong) {}

    private final Reader in;
    private final int maxChars;
    private final StringBuilder line = new StringBuilder();

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its end of line, or null at the end of the feed. */
    Line next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
            c = in.read();
        }
        if (!tooLong && !line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return new Line(line.toString(), tooLong);
    }
}
