package org.metaj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * The library reader: the variants researchers' files come in give the same columns, and every problem is a
 * {@link DataException} naming file, spreadsheet row (header = row 1) and column.
 */
class CsvReaderTest {
    @TempDir
    Path dir;

    static CsvReader.Result parse(String name, String content) {
        return CsvReader.withDefaults().parse(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static DataException error(String name, String content) {
        return assertThrows(DataException.class, () -> parse(name, content));
    }

    @Test
    void readsAFileWithLabelsRowsAndColumns() throws IOException {
        Path p = dir.resolve("bcg.csv");
        Files.writeString(p, "study,yi,vi,region\n\"Smith, 2001\",0.1,0.01,north\nJones,-0.3,0.02,south\n");
        CsvReader.Result r = CsvReader.withDefaults().read(p);
        StudyColumns c = r.columns();
        assertEquals(p.toString(), c.source());
        assertArrayEquals(new String[] {"Smith, 2001", "Jones"}, c.labels());
        assertArrayEquals(new int[] {2, 3}, c.rows());
        assertArrayEquals(new double[] {0.1, -0.3}, c.get("yi"));
        assertArrayEquals(new String[] {"north", "south"}, c.getText("region"));
        assertTrue(r.notes().isEmpty(), r.notes()::toString);
    }

    @Test
    void bomCrlfSemicolonsAndDecimalCommasGiveTheSameColumns() {
        StudyColumns plain = parse("a.csv", "study,yi,vi\nA,0.1,0.01\nB,0.3,0.02\n").columns();
        byte[] body = "study,yi,vi\r\nA,0.1,0.01\r\nB,0.3,0.02\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        StudyColumns crlf = CsvReader.withDefaults().parse("b.csv", bom).columns();
        CsvReader.Result semi = parse("c.csv", "study;yi;vi\nA;0,1;0,01\nB;0,3;0,02\n");
        StudyColumns tab = CsvReader.withDefaults().withDelimiter('\t')
                .parse("d.csv", "study\tyi\tvi\nA\t0.1\t0.01\nB\t0.3\t0.02\n".getBytes(StandardCharsets.UTF_8))
                .columns();
        for (StudyColumns c : new StudyColumns[] {crlf, semi.columns(), tab}) {
            assertArrayEquals(plain.labels(), c.labels());
            assertArrayEquals(plain.get("yi"), c.get("yi"));
            assertArrayEquals(plain.get("vi"), c.get("vi"));
            assertArrayEquals(plain.rows(), c.rows());
        }
        assertTrue(semi.notes().toString().contains("decimal commas"), semi.notes()::toString);
    }

    @Test
    void latin1IsReadWithANote() {
        byte[] b = "study,yi,vi\nM\u00fcller,0.1,0.01\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvReader.Result r = CsvReader.withDefaults().parse("l.csv", b);
        assertEquals("M\u00fcller", r.columns().label(0));
        assertTrue(r.notes().toString().contains("Latin-1"));
    }

    @Test
    void errorsNameFileRowAndColumn() {
        DataException e = error("nn.csv", "study,yi,vi\nA,0.1,0.01\nB,abc,0.02\n");
        assertEquals("nn.csv", e.source());
        assertEquals(3, e.row());
        assertEquals("yi", e.column());
        assertTrue(e.getMessage().startsWith("nn.csv: row 3, column yi: expected a number"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        DataException rag = error("rag.csv", "study,yi,vi\nA,0.1,0.01\nB,0.3\n");
        assertEquals(3, rag.row());
        assertTrue(rag.getMessage().contains("has 2 fields but the header has 3"), rag.getMessage());

        DataException quote = error("q.csv", "study,yi,vi\nA,0.1,0.01\n\"B,0.3,0.02\n");
        assertEquals(3, quote.row());
        assertTrue(quote.getMessage().contains("never closed"));

        DataException dup = error("dup.csv", "study,yi,yi\nA,0.1,0.1\n");
        assertEquals(1, dup.row());
        assertEquals("yi", dup.column());

        assertTrue(error("e.csv", "").getMessage().startsWith("e.csv: "));
        assertTrue(error("h.csv", "study,yi,vi\n").getMessage().contains("no data rows"));
    }

    @Test
    void quotedLinesCountAsSpreadsheetRows() {
        DataException e = error("ml.csv", "study,yi,vi\n\"two\nlines\",0.1,0.01\nB,x,0.02\n");
        assertEquals(4, e.row());
    }

    @Test
    void missingFileLabelColumnAndBadDecimalAreOneLine() {
        UncheckedIOException nf = assertThrows(UncheckedIOException.class,
                () -> CsvReader.withDefaults().read(dir.resolve("nope.csv")));
        assertTrue(nf.getMessage().endsWith("nope.csv: file not found"), nf.getMessage());
        UncheckedIOException d = assertThrows(UncheckedIOException.class, () -> CsvReader.withDefaults().read(dir));
        assertTrue(d.getMessage().contains("is a directory"), d.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> CsvReader.withDefaults()
                .withLabelColumn("name").parse("x.csv", "study,yi,vi\nA,1,1\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("x.csv: label column 'name' not found; columns are study, yi, vi", l.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvReader.withDefaults().withDecimal(';'));
    }
}
