package org.metaj.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * Reads the CSV files researchers actually have: RFC 4180 quoting (labels with commas), UTF-8 with or without a
 * byte-order mark (Latin-1 accepted with a note), CRLF or LF line ends, comma, semicolon or tab separators
 * (detected from the header, or given), and decimal commas (detected for semicolon files, or given). Every problem
 * is a {@link DataException} naming the file, the spreadsheet row (header = row 1) and the column.
 *
 * <p>Written by hand rather than with Tablesaw's reader because every error must name its row and column, and a
 * number that does not parse must never be read as a missing value or as text without telling the user.
 */
public final class CsvReader {
    /** Columns that are always numeric (metafor's input names). */
    static final Set<String> NUMERIC = numericColumns();

    /** @return yi, vi, sei and every input column of an effect measure (the registry's list) */
    private static Set<String> numericColumns() {
        java.util.Set<String> s = new java.util.TreeSet<>(org.metaj.effect.EffectMeasure.inputColumns());
        s.addAll(List.of("yi", "vi", "sei"));
        return java.util.Collections.unmodifiableSet(s);
    }
    /** Cells read as missing values. */
    static final Set<String> MISSING = Set.of("", "NA", "na", "N/A", "n/a", ".");

    private final Character delimiter;
    private final Character decimal;
    private final String labelColumn;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param delimiter   field separator, or {@code null} to detect
     * @param decimal     decimal mark, or {@code null} to detect
     * @param labelColumn the column that labels the studies ({@code null}: "study" if present)
     */
    public CsvReader(Character delimiter, Character decimal, String labelColumn) {
        this.delimiter = delimiter;
        this.decimal = decimal;
        this.labelColumn = labelColumn;
    }

    /** @return notes made while reading (encoding fallbacks, detected separators) */
    public List<String> notes() {
        return notes;
    }

    /**
     * @param file the CSV file
     * @return the studies
     * @throws UsageException if the file does not exist or cannot be read
     * @throws DataException  for any problem in its content
     */
    public StudyColumns read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(source + ": file not found");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new UsageException(source + ": is a directory, expected a CSV file");
            }
            throw new UsageException(source + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        return parse(source, bytes);
    }

    /** Parses CSV content; {@code source} names it in messages. */
    public StudyColumns parse(String source, byte[] bytes) {
        String text = decode(source, bytes);
        if (text.isBlank()) {
            throw new DataException(source, -1, null, "the file is empty; expected a header row (e.g. "
                    + "study,yi,vi) and one row per study");
        }
        char delim = delimiter != null ? delimiter : detectDelimiter(text);
        List<Record> records = split(source, text, delim);
        if (records.isEmpty()) {
            throw new DataException(source, -1, null, "the file is empty; expected a header row and one row per study");
        }
        Record head = records.get(0);
        dropTrailingEmptyColumns(records);
        String[] header = new String[head.fields.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.length; j++) {
            String h = head.fields.get(j).trim();
            if (h.isEmpty()) {
                throw new DataException(source, head.line, null, String.format(Locale.ROOT,
                        "header field %d is empty; every column needs a name", j + 1));
            }
            Integer prev = seen.put(h, j);
            if (prev != null) {
                throw new DataException(source, head.line, h, String.format(Locale.ROOT,
                        "column name appears twice (fields %d and %d); names must be unique", prev + 1, j + 1));
            }
            header[j] = h;
        }
        if (header.length == 1 && delimiter == null && (header[0].contains(";") || header[0].contains("\t"))) {
            throw new DataException(source, head.line, null, "the header has a single column '" + header[0]
                    + "'; is the separator something else? use --delimiter");
        }
        List<Record> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            Record rec = records.get(r);
            if (rec.fields.size() == 1 && rec.fields.get(0).isBlank()) {
                continue;
            }
            if (rec.fields.size() != header.length) {
                throw new DataException(source, rec.line, null, String.format(Locale.ROOT,
                        "has %d fields but the header has %d; check for a missing or extra separator '%s' "
                                + "(quote labels that contain it)",
                        rec.fields.size(), header.length, printable(delim)));
            }
            rows.add(rec);
        }
        if (rows.isEmpty()) {
            throw new DataException(source, -1, null, "the file has a header but no data rows; expected one row "
                    + "per study");
        }
        char dec = decimal != null ? decimal : (delim == ';' ? detectDecimal(rows, header) : '.');
        if (decimal == null && dec == ',') {
            notes.add("read decimal commas (semicolon-separated file)");
        }
        int k = rows.size();
        StudyColumns.Builder b = StudyColumns.builder(k).source(source);
        int[] lines = new int[k];
        for (int i = 0; i < k; i++) {
            lines[i] = rows.get(i).line;
        }
        b.rows(lines);
        String label = labelColumn;
        if (label != null && !seen.containsKey(label)) {
            throw new UsageException(source + ": --label column '" + label + "' not found; columns are "
                    + String.join(", ", header));
        }
        if (label == null && seen.containsKey("study")) {
            label = "study";
        }
        for (int j = 0; j < header.length; j++) {
            String name = header[j];
            String[] raw = new String[k];
            for (int i = 0; i < k; i++) {
                raw[i] = rows.get(i).fields.get(j).trim();
            }
            if (name.equals(label)) {
                String[] l = new String[k];
                for (int i = 0; i < k; i++) {
                    l[i] = raw[i].isEmpty() ? "Row " + lines[i] : raw[i];
                }
                b.labels(l);
                b.textColumn(name, raw);
                continue;
            }
            boolean known = NUMERIC.contains(name);
            double[] values = new double[k];
            boolean numeric = true;
            for (int i = 0; i < k && numeric; i++) {
                String cell = raw[i];
                if (MISSING.contains(cell)) {
                    values[i] = Double.NaN;
                    continue;
                }
                Double v = parseNumber(cell, dec);
                if (v == null) {
                    if (known) {
                        throw new DataException(source, lines[i], name, "expected a number, got '"
                                + abbreviate(cell) + "'");
                    }
                    numeric = false;
                } else if (v.isNaN() || v.isInfinite()) {
                    if (known) {
                        throw new DataException(source, lines[i], name, "expected a finite number, got '"
                                + abbreviate(cell) + "' (leave the cell empty or write NA for a missing value)");
                    }
                    numeric = false;
                } else {
                    values[i] = v;
                }
            }
            if (numeric) {
                b.column(name, values);
            } else {
                b.textColumn(name, raw);
            }
        }
        if (label == null) {
            String[] l = new String[k];
            for (int i = 0; i < k; i++) {
                l[i] = "Row " + lines[i];
            }
            b.labels(l);
        }
        return b.build();
    }

    /**
     * Spreadsheets often end every line with a separator: a trailing column with an empty name whose cells are all
     * empty carries nothing and is dropped (anything else in it stays an error).
     */
    private void dropTrailingEmptyColumns(List<Record> records) {
        List<String> head = records.get(0).fields;
        while (head.size() > 1 && head.get(head.size() - 1).isBlank()) {
            int last = head.size() - 1;
            for (int r = 1; r < records.size(); r++) {
                List<String> f = records.get(r).fields;
                boolean blankLine = f.size() == 1 && f.get(0).isBlank();
                if (!blankLine && (f.size() != head.size() || !f.get(last).isBlank())) {
                    return;
                }
            }
            int width = head.size();
            for (Record rec : records) {
                if (rec.fields.size() == width) {
                    rec.fields.remove(last);
                }
            }
            notes.add("dropped an unnamed, empty last column (a separator at the end of every line)");
        }
    }

    private String decode(String source, byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
            throw new DataException(source, -1, null, "the file is UTF-16 encoded; save it as UTF-8 CSV");
        }
        int controls = 0;
        for (int i = start; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == 0) {
                throw new DataException(source, -1, null, String.format(Locale.ROOT,
                        "not a text CSV file (binary content: a NUL byte at offset %d)", i));
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c) {
                controls++;
            }
        }
        if (controls > 0 && controls * 20 > bytes.length - start) {
            throw new DataException(source, -1, null, "not a text CSV file (binary content)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            notes.add("the file is not valid UTF-8; read as Latin-1 (ISO-8859-1)");
            return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        }
    }

    private static char detectDelimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        int commas = 0, semis = 0, tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semis++;
                } else if (c == '\t') {
                    tabs++;
                }
            }
        }
        if (semis > commas && semis >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semis) {
            return '\t';
        }
        return ',';
    }

    private static char detectDecimal(List<Record> rows, String[] header) {
        for (Record r : rows) {
            for (String f : r.fields) {
                String s = f.trim();
                if (s.matches("[-+]?\\d+,\\d+([eE][-+]?\\d+)?")) {
                    return ',';
                }
            }
        }
        return '.';
    }

    private static Double parseNumber(String cell, char dec) {
        String s = cell;
        if (dec == ',') {
            if (s.indexOf('.') >= 0 && s.indexOf(',') >= 0) {
                return null;
            }
            s = s.replace(',', '.');
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.matches("[-+]?(inf|infinity)")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    private static final class Record {
        final int line;
        final List<String> fields = new ArrayList<>();

        Record(int line) {
            this.line = line;
        }
    }

    private static List<Record> split(String source, String text, char delim) {
        List<Record> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            Record rec = new Record(line);
            StringBuilder field = new StringBuilder();
            boolean inQuotes = false;
            boolean fieldQuoted = false;
            int quoteLine = line;
            while (i < n) {
                char c = text.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        inQuotes = false;
                        i++;
                        continue;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    i++;
                    continue;
                }
                if (c == '"' && field.toString().isBlank() && !fieldQuoted) {
                    inQuotes = true;
                    fieldQuoted = true;
                    quoteLine = line;
                    field.setLength(0);
                    i++;
                    continue;
                }
                if (c == delim) {
                    rec.fields.add(field.toString());
                    field.setLength(0);
                    fieldQuoted = false;
                    i++;
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    i++;
                    line++;
                    break;
                }
                field.append(c);
                i++;
            }
            if (inQuotes) {
                throw new DataException(source, quoteLine, null, "a quoted field is never closed (missing '\"')");
            }
            rec.fields.add(field.toString());
            out.add(rec);
        }
        return out;
    }
}
