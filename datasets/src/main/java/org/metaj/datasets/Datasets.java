package org.metaj.datasets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Published meta-analysis datasets shipped with metaj, each a CSV file with metafor's column names and a Markdown
 * note on its provenance. The files live in the repository's {@code datasets/} directory and are packaged as
 * classpath resources under {@code org/metaj/datasets/}.
 */
public final class Datasets {

    private static final String BASE = "org/metaj/datasets/";
    private static final String INDEX = BASE + "index.txt";

    /** Columns that are always text, whatever their content looks like. */
    private static final Set<String> TEXT_COLUMNS = Set.of(
            "study", "comparator", "comparison", "outcome", "timepoint", "scale", "source", "design", "alloc",
            "trial", "table", "id");

    private Datasets() {
    }

    /** The names of every dataset, in the order of the index. */
    public static List<String> names() {
        try (InputStream in = resource(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + INDEX);
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    names.add(s);
                }
            }
            return Collections.unmodifiableList(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a dataset as a Tablesaw table named {@code name}. Text columns (study labels, comparator, ...) are STRING;
     * a column whose every non-empty value is a whole number is INTEGER, any other numeric column DOUBLE.
     */
    public static Table load(String name) {
        byte[] csv = bytes(name, ".csv");
        Table raw = read(name, csv, null);
        ColumnType[] types = new ColumnType[raw.columnCount()];
        for (int j = 0; j < raw.columnCount(); j++) {
            types[j] = typeOf(raw.column(j));
        }
        return read(name, csv, types);
    }

    /** The provenance note ({@code name.md}) of a dataset. */
    public static String provenance(String name) {
        return new String(bytes(name, ".md"), StandardCharsets.UTF_8);
    }

    /**
     * A file-system path to the dataset's CSV file: the repository's {@code datasets/} directory when it can be found
     * (system property {@code metaj.datasets.dir}, environment variable {@code METAJ_DATASETS_DIR}, or a
     * {@code datasets/} directory in the working directory or one of its parents); otherwise the packaged resource
     * copied to a temporary file.
     */
    public static Path path(String name) {
        check(name);
        String file = name + ".csv";
        for (String dir : new String[] {System.getProperty("metaj.datasets.dir"), System.getenv("METAJ_DATASETS_DIR")}) {
            if (dir != null && !dir.isBlank() && Files.isRegularFile(Paths.get(dir, file))) {
                return Paths.get(dir, file).toAbsolutePath();
            }
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("datasets").resolve(file);
            if (Files.isRegularFile(p)) {
                return p;
            }
            if (d.getFileName() != null && d.getFileName().toString().equals("datasets")
                    && Files.isRegularFile(d.resolve(file))) {
                return d.resolve(file);
            }
        }
        try (InputStream in = resource(BASE + file)) {
            Path tmp = Files.createTempFile("metaj-" + name + "-", ".csv");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Table read(String name, byte[] csv, ColumnType[] types) {
        CsvReadOptions.Builder b = CsvReadOptions.builder(new ByteArrayInputStream(csv))
                .tableName(name)
                .header(true)
                .missingValueIndicator("", "NA");
        if (types == null) {
            b.columnTypes(col -> ColumnType.STRING);
        } else {
            b.columnTypes(types);
        }
        return Table.read().usingOptions(b.build());
    }

    private static ColumnType typeOf(Column<?> col) {
        if (TEXT_COLUMNS.contains(col.name().toLowerCase(Locale.ROOT))) {
            return ColumnType.STRING;
        }
        boolean integral = true;
        for (int i = 0; i < col.size(); i++) {
            if (col.isMissing(i)) {
                continue;
            }
            String s = col.getString(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                double v = Double.parseDouble(s);
                if (!s.matches("[+-]?\\d+") || Math.abs(v) > Integer.MAX_VALUE) {
                    integral = false;
                }
            } catch (NumberFormatException e) {
                return ColumnType.STRING;
            }
        }
        return integral ? ColumnType.INTEGER : ColumnType.DOUBLE;
    }

    private static byte[] bytes(String name, String ext) {
        check(name);
        try (InputStream in = resource(BASE + name + ext)) {
            if (in == null) {
                throw new IllegalStateException("dataset " + name + " is listed but " + name + ext + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(String name) {
        List<String> names = names();
        if (name == null || !names.contains(name)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known datasets: "
                    + String.join(", ", names));
        }
    }

    private static InputStream resource(String path) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream(path);
        return in != null ? in : Datasets.class.getClassLoader().getResourceAsStream(path);
    }
}
