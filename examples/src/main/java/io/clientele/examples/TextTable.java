package io.clientele.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table printed as aligned text columns under a header and a rule, for a terminal in a fixed-width
 * font. Cells are one line each (line breaks are shown as spaces) and left-aligned; widths count
 * code points, so accented and non-Latin names line up as long as the font gives them one column.
 * Not thread-safe: build and print a table on one thread.
 */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> header) {
        this.header = header;
    }

    /** A table with these column headings. */
    static TextTable of(String... headings) {
        return new TextTable(List.of(headings));
    }

    /** Adds a row: one value per column, shown with {@link String#valueOf(Object)}. */
    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " cells was given " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(String.valueOf(cell).replaceAll("\\R", " "));
        }
        rows.add(row);
        return this;
    }

    /** How many rows were added. */
    int size() {
        return rows.size();
    }

    /** Prints the table, each line indented by two spaces. */
    void print(PrintStream out) {
        Objects.requireNonNull(out, "out");
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(header.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        line(out, header, widths);
        StringBuilder rule = new StringBuilder("  ");
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
    }

    private static void line(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(c == 0 ? "" : "  ").append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - width(cell)));
            }
        }
        out.println(line);
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
