package org.metaj.io;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import org.metaj.data.Cells;
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
 *
 * <p>The reader is an immutable configuration; one instance may be shared by many threads:
 * <pre>{@code
 * CsvReader.Result r = CsvReader.withDefaults().withDelimiter(';').read(Path.of("bcg.csv"));
 * StudyColumns studies = r.columns();   // r.notes(): what was detected or tolerated
 * }</pre>
 */
public final class CsvReader {
    /** Columns that are always numeric (metafor's input names). */
    public static final Set<String> NUMERIC = numericColumns();

    /** @return yi, vi, sei and every input column of an effect measure (the measure list's own) */
    private static Set<String> numericColumns() {
        java.util.Set<String> s = new java.util.TreeSet<>(org.metaj.data.EffectMeasure.inputColumns());
        s.addAll(List.of("yi", "vi", "sei"));
        return java.util.Collections.unmodifiableSet(s);
    }
    /** Columns of counts and group sizes, which should hold whole numbers. */
    public static final Set<String> COUNTS = Set.of("n1i", "n2i", "ai", "bi", "ci", "di", "ni", "xi", "x1i",
            "x2i");
    /** Longest cell (and column name) read, in characters. */
    public static final int MAX_CELL = 10_000;

    private static final String STUDY = "study";

    private static final CsvReader DEFAULTS = new CsvReader(null, null, null);

    private final Character delimiter;
    private final Character decimal;
    private final String labelColumn;

    private CsvReader(Character delimiter, Character decimal, String labelColumn) {
        this.delimiter = delimiter;
        this.decimal = decimal;
        this.labelColumn = labelColumn;
    }

    /** @return a reader that detects separator and decimal mark and labels studies by a "study" column if present */
    public static CsvReader withDefaults() {
        return DEFAULTS;
    }

    /**
     * @param c field separator (',' ';' or tab), or {@code null} to detect it from the header
     * @return a reader with that separator
     */
    public CsvReader withDelimiter(Character c) {
        return new CsvReader(c, decimal, labelColumn);
    }

    /**
     * @param c decimal mark ('.' or ','), or {@code null} to detect it (decimal commas only in semicolon files)
     * @return a reader with that decimal mark
     * @throws IllegalArgumentException for any other character
     */
    public CsvReader withDecimal(Character c) {
        if (c != null && c != '.' && c != ',') {
            throw new IllegalArgumentException("decimal mark must be '.' or ',', got '" + c + "'");
        }
        return new CsvReader(delimiter, c, labelColumn);
    }

    /**
     * @param name the column that labels the studies, or {@code null} for "study" if present (else "Row N")
     * @return a reader with that label column
     */
    public CsvReader withLabelColumn(String name) {
        return new CsvReader(delimiter, decimal, name);
    }

    /**
     * What was read: the studies, and notes on what was detected or tolerated (encoding fallbacks, detected
     * decimal commas, dropped empty columns), which a caller should show its user.
     *
     * @param columns the studies
     * @param notes   notes made while reading (unmodifiable)
     */
    public record Result(StudyColumns columns, List<String> notes) {
        /** Copies the notes. */
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param file the CSV file
     * @return the studies and the notes made while reading
     * @throws UncheckedIOException     if the file does not exist or cannot be read (one-line message naming it)
     * @throws IllegalArgumentException if the label column is not in the file
     * @throws DataException            for any problem in its content
     */
    public Result read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(source + ": file not found", e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new UncheckedIOException(source + ": is a directory, expected a CSV file", e);
            }
            throw new UncheckedIOException(source + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        return parse(source, bytes);
    }

    /**
     * Parses CSV content.
     *
     * @param source names the content in messages (a file name)
     * @param bytes  the content
     * @return the studies and the notes made while reading
     * @throws IllegalArgumentException if the label column is not in the file
     * @throws DataException            for any problem in the content
     */
    public Result parse(String source, byte[] bytes) {
        List<String> notes = new ArrayList<>();
        String text = decode(source, bytes, notes);
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
        dropTrailingEmptyColumns(records, notes);
        String[] header = new String[head.fields.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.length; j++) {
            String h = head.fields.get(j).trim();
            if (h.isEmpty()) {
                throw new DataException(source, head.line, null, String.format(Locale.ROOT,
                        "header field %d is empty; every column needs a name", j + 1));
            }
            if (h.length() > MAX_CELL) {
                throw new DataException(source, head.line, null, String.format(Locale.ROOT,
                        "header field %d is %d characters long; a column name may have at most %d", j + 1,
                        h.length(), MAX_CELL));
            }
            String lower = h.toLowerCase(Locale.ROOT);
            if (!h.equals(lower) && (NUMERIC.contains(lower) || lower.equals(STUDY) && labelColumn == null)) {
                notes.add("read column '" + h + "' as " + lower + " (metafor's column names are lower case)");
                h = lower;
            }
            Integer prev = seen.put(h, j);
            if (prev != null) {
                throw new DataException(source, head.line, h, String.format(Locale.ROOT,
                        "column name appears twice (fields %d and %d: '%s' and '%s'); names must be unique "
                                + "(letter case aside for metafor's names)", prev + 1, j + 1,
                        abbreviate(head.fields.get(prev).trim()), abbreviate(head.fields.get(j).trim())));
            }
            header[j] = h;
        }
        if (header.length == 1 && delimiter == null && (header[0].contains(";") || header[0].contains("\t"))) {
            throw new DataException(source, head.line, null, "the header has a single column '"
                    + abbreviate(header[0]) + "'; is the separator something else? give it (--delimiter)");
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
            for (int j = 0; j < header.length; j++) {
                int len = rec.fields.get(j).length();
                if (len > MAX_CELL) {
                    throw new DataException(source, rec.line, header[j], String.format(Locale.ROOT,
                            "the cell is %d characters long; a cell may have at most %d (is a quote left open?)",
                            len, MAX_CELL));
                }
            }
            rows.add(rec);
        }
        if (rows.isEmpty()) {
            throw new DataException(source, -1, null, "the file has a header but no data rows; expected one row "
                    + "per study");
        }
        int k = rows.size();
        String label = labelColumn;
        if (label != null && !seen.containsKey(label)) {
            throw new IllegalArgumentException(source + ": label column '" + label + "' not found; columns are "
                    + String.join(", ", header));
        }
        if (label == null && seen.containsKey(STUDY)) {
            label = STUDY;
        }
        String[][] cells = new String[header.length][k];
        for (int j = 0; j < header.length; j++) {
            for (int i = 0; i < k; i++) {
                cells[j][i] = rows.get(i).fields.get(j).trim();
            }
        }
        // the decimal mark: given; '.' in comma-separated files (a decimal comma there must be quoted and is
        // refused cell by cell); else decided by the cells that can only be read one way (0,5 or 12,34 against
        // 0.5 or 12.34), the majority winning; cells of the form 1.200 or 1,200 decide nothing
        char dec;
        boolean decided = true;
        if (decimal != null) {
            dec = decimal;
        } else if (delim == ',') {
            dec = '.';
        } else {
            int commas = 0;
            int points = 0;
            for (int j = 0; j < header.length; j++) {
                if (header[j].equals(label)) {
                    continue;
                }
                for (int i = 0; i < k; i++) {
                    String c = cells[j][i];
                    if (c.indexOf(',') >= 0 && c.indexOf('.') < 0
                            && NumberCell.parse(c, ',').kind() == NumberCell.Kind.NUMBER
                            && !NumberCell.looksGrouped(c, ',')) {
                        commas++;
                    } else if (c.indexOf('.') >= 0 && c.indexOf(',') < 0
                            && NumberCell.parse(c, '.').kind() == NumberCell.Kind.NUMBER
                            && !NumberCell.looksGrouped(c, '.')) {
                        points++;
                    }
                }
            }
            dec = commas > points ? ',' : '.';
            decided = commas + points > 0;
            if (dec == ',') {
                notes.add(String.format(Locale.ROOT, "read decimal commas (%s-separated file)",
                        delim == '\t' ? "tab" : "semicolon"));
            }
        }
        StudyColumns.Builder b = StudyColumns.builder(k).source(source);
        int[] lines = new int[k];
        for (int i = 0; i < k; i++) {
            lines[i] = rows.get(i).line;
        }
        b.rows(lines);
        for (int j = 0; j < header.length; j++) {
            String name = header[j];
            String[] raw = cells[j];
            if (name.equals(label)) {
                String[] l = new String[k];
                String[] t = new String[k];
                for (int i = 0; i < k; i++) {
                    boolean missing = Cells.isMissing(raw[i]);
                    l[i] = missing ? "Row " + lines[i] : raw[i];
                    t[i] = missing ? null : raw[i];
                }
                b.labels(l);
                b.textColumn(name, t);
                continue;
            }
            double[] values = numbers(source, name, raw, lines, dec, decided, notes);
            if (values != null) {
                b.column(name, values);
            } else {
                String[] t = new String[k];
                for (int i = 0; i < k; i++) {
                    t[i] = Cells.isMissing(raw[i]) ? null : raw[i];
                }
                b.textColumn(name, t);
            }
        }
        if (label == null) {
            String[] l = new String[k];
            for (int i = 0; i < k; i++) {
                l[i] = "Row " + lines[i];
            }
            b.labels(l);
        }
        return new Result(b.build(), notes);
    }

    /**
     * Spreadsheets often end every line with a separator: a trailing column with an empty name whose cells are all
     * empty carries nothing and is dropped (anything else in it stays an error).
     */
    private static void dropTrailingEmptyColumns(List<Record> records, List<String> notes) {
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

    private static String decode(String source, byte[] bytes, List<String> notes) {
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

    /**
     * Reads a column as numbers, or returns {@code null} for a text column. metafor's input columns must hold
     * numbers; any other column is numeric when every non-missing cell is a finite number, text when most cells are
     * not numbers, and an error naming the odd cells when it holds numbers but for a few (a mistyped {@code 2O} for
     * 20, or {@code Inf}, must not turn a numeric moderator into a categorical one with a dummy per value).
     * Counts and group sizes that are not whole numbers are kept with a note, as metafor keeps them (effective
     * sample sizes of cluster trials are fractional; Cochrane Handbook 6.4, sec. 23.1.4), unless the cell reads
     * like a thousands separator ({@code 1,200}), which is refused as ambiguous.
     */
    private static double[] numbers(String source, String name, String[] raw, int[] lines, char dec,
            boolean decided, List<String> notes) {
        int k = raw.length;
        boolean known = NUMERIC.contains(name);
        double[] values = new double[k];
        int numbers = 0;
        List<Integer> odd = new ArrayList<>();
        List<NumberCell.Kind> oddKind = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String cell = raw[i];
            if (Cells.isMissing(cell)) {
                values[i] = Double.NaN;
                continue;
            }
            NumberCell.Parsed v = NumberCell.parse(cell, dec);
            NumberCell.Kind kind = v.kind();
            if (kind == NumberCell.Kind.NUMBER && !decided && NumberCell.looksGrouped(cell, dec)) {
                kind = NumberCell.Kind.AMBIGUOUS; // nothing in the file says which mark is the decimal one
            }
            if (kind == NumberCell.Kind.NUMBER) {
                values[i] = v.value();
                numbers++;
                continue;
            }
            if (known) {
                throw new DataException(source, lines[i], name, problem(cell, kind, dec, decided));
            }
            odd.add(i);
            oddKind.add(kind);
        }
        if (odd.isEmpty()) {
            if (COUNTS.contains(name)) {
                wholeNumbers(source, name, raw, values, lines, dec, notes);
            }
            return values;
        }
        int numberLike = numbers; // numbers, ambiguously written ones included
        for (NumberCell.Kind kind : oddKind) {
            if (kind == NumberCell.Kind.AMBIGUOUS || kind == NumberCell.Kind.MIXED_MARKS) {
                numberLike++;
            }
        }
        if (numberLike <= k - numberLike - missing(raw)) {
            return null;
        }
        StringBuilder cells = new StringBuilder();
        for (int o = 0; o < odd.size() && o < 3; o++) {
            int i = odd.get(o);
            cells.append(o == 0 ? "" : "; ").append(String.format(Locale.ROOT, "row %d: %s", lines[i],
                    problem(raw[i], oddKind.get(o), dec, decided)));
        }
        if (odd.size() > 3) {
            cells.append(String.format(Locale.ROOT, "; and %d more", odd.size() - 3));
        }
        throw new DataException(source, lines[odd.get(0)], name, String.format(Locale.ROOT,
                "holds numbers in %d rows but not in %d (%s); correct %s, or write NA for a missing value "
                        + "(a column of categories should hold text, e.g. 'dose 20')",
                numbers, odd.size(), cells, odd.size() == 1 ? "that cell" : "those cells"));
    }

    private static int missing(String[] raw) {
        int m = 0;
        for (String c : raw) {
            if (Cells.isMissing(c)) {
                m++;
            }
        }
        return m;
    }

    private static String problem(String cell, NumberCell.Kind kind, char dec, boolean decided) {
        String c = abbreviate(cell);
        switch (kind) {
            case NON_FINITE:
                return "expected a finite number, got '" + c + "' (leave the cell empty or write NA for a missing "
                        + "value)";
            case AMBIGUOUS:
                return decided
                        ? String.format(Locale.ROOT, "'%s' is ambiguous in a file with decimal %s: a thousands "
                                + "separator or a decimal %s? write the number without thousands separators",
                                c, dec == ',' ? "commas" : "points", dec == ',' ? "point" : "comma")
                        : String.format(Locale.ROOT, "'%s' is ambiguous: nothing in the file shows whether '%s' "
                                + "is a decimal mark or a thousands separator; give the decimal mark (--decimal) "
                                + "or write the number without thousands separators", c, dec);
            case MIXED_MARKS:
                return String.format(Locale.ROOT, "expected a number with a decimal %s like the rest of the file, "
                        + "got '%s'", dec == ',' ? "comma" : "point", c);
            case NOT_A_NUMBER:
            case NUMBER:
            default:
                return "expected a number, got '" + c + "'";
        }
    }

    /** Counts must be whole numbers unless the user means it: see {@link #numbers}. */
    private static void wholeNumbers(String source, String name, String[] raw, double[] values, int[] lines,
            char dec, List<String> notes) {
        List<String> fractional = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || v == Math.rint(v)) {
                continue;
            }
            if (NumberCell.looksGrouped(raw[i], dec)) {
                throw new DataException(source, lines[i], name, String.format(Locale.ROOT, "'%s' would be %s, "
                        + "not a whole number, in a column of counts; if it is %s with a thousands separator, "
                        + "write it without one", raw[i], Double.toString(v), raw[i].replace(",", "")
                        .replace(".", "")));
            }
            fractional.add(String.format(Locale.ROOT, "row %d: %s", lines[i], abbreviate(raw[i])));
        }
        if (!fractional.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "column %s holds counts that are not whole numbers (%s%s); they "
                    + "are used as given (e.g. effective sample sizes): check they are not typos", name,
                    String.join(", ", fractional.subList(0, Math.min(3, fractional.size()))),
                    fractional.size() > 3 ? ", ..." : ""));
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
            boolean blank = true; // the unquoted field so far is white space (a quote may still open it)
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
                if (c == '"' && blank && !fieldQuoted) {
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
                    blank = true;
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
                blank &= Character.isWhitespace(c);
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
