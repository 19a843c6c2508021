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

    // ---- issue 19, finding 3: one set of missing-value tokens for numeric and text columns alike

    @Test
    void missingTokensAreMissingInTextColumnsToo() {
        StudyColumns c = parse("na.csv", "study,yi,vi,region,arm\nA,0.1,0.01,NA,x\nB,NA,0.02,n/a,y\n"
                + "C,0.3,0.03,north,#N/A\nD,0.4,.,N/A,\n").columns();
        assertArrayEquals(new String[] {null, null, "north", null}, c.getText("region"));
        assertArrayEquals(new String[] {"x", "y", null, null}, c.getText("arm"));
        assertTrue(Double.isNaN(c.get("yi")[1]) && Double.isNaN(c.get("vi")[3]));
        for (String token : new String[] {"", "NA", "na", "Na", "N/A", "n/a", "#N/A", ".", " NA "}) {
            assertTrue(org.metaj.data.Cells.isMissing(token), token);
        }
        for (String text : new String[] {"NaN", "none", "NAN", "0", "-"}) {
            assertFalse(org.metaj.data.Cells.isMissing(text), text);
        }
    }

    @Test
    void aMissingLabelIsNamedByItsRow() {
        StudyColumns c = parse("l.csv", "study,yi,vi\nNA,0.1,0.01\n,0.2,0.02\n").columns();
        assertArrayEquals(new String[] {"Row 2", "Row 3"}, c.labels());
        assertArrayEquals(new String[] {null, null}, c.getText("study"));
    }

    // ---- issue 19, finding 4: thousands separators and decimal marks

    @Test
    void aThousandsSeparatorInADecimalCommaFileIsRefusedAsAmbiguous() {
        DataException e = error("dc.csv", "study;m1i;sd1i;n1i;m2i;sd2i;n2i\nA;10,5;2,1;1.200;9,1;2,4;1.150\n"
                + "B;11,5;3,0;35;10,0;2,8;30\n");
        assertEquals(2, e.row());
        assertEquals("n1i", e.column());
        assertTrue(e.getMessage().contains("'1.200' is ambiguous"), e.getMessage());
        // also outside the columns of counts
        DataException y = error("dy.csv", "study;yi;vi\nA;0,5;0,01\nB;1.250;0,02\n");
        assertEquals(3, y.row());
        assertEquals("yi", y.column());
    }

    @Test
    void unambiguousGroupingIsRead() {
        StudyColumns c = parse("g.csv", "study;yi;vi;n\nA;1.234,5;0,01;1.200.000\nB;-0,5;0,02;3\n").columns();
        assertArrayEquals(new double[] {1234.5, -0.5}, c.get("yi"));
        assertArrayEquals(new double[] {1_200_000, 3}, c.get("n"));
        StudyColumns q = parse("q.csv", "study,yi,vi\nA,\"12,345.5\",0.01\nB,1,0.02\n").columns();
        assertArrayEquals(new double[] {12345.5, 1}, q.get("yi"));
    }

    @Test
    void aDecimalPointInADecimalCommaFileIsAnError() {
        DataException e = error("mix.csv", "study;yi;vi\nA;0,5;0,01\nB;0,3;0,02\nC;0.25;0,03\n");
        assertEquals(4, e.row());
        assertEquals("yi", e.column());
        assertTrue(e.getMessage().contains("decimal comma like the rest of the file, got '0.25'"), e.getMessage());
        DataException q = error("qc.csv", "study,yi,vi\nA,\"0,5\",0.01\n");
        assertTrue(q.getMessage().contains("decimal point like the rest"), q.getMessage());
        DataException amb = error("qa.csv", "study,yi,vi\nA,\"1,500\",0.01\n");
        assertTrue(amb.getMessage().contains("ambiguous"), amb.getMessage());
    }

    @Test
    void undecidedFilesDoNotGuessTheDecimalMark() {
        // a semicolon file whose only marks are of the form 1.200: 1200 or 1.2? refused, unless the mark is given
        DataException e = error("u.csv", "study;yi;vi;n\nA;1;2;1.200\nB;3;4;5\n");
        assertTrue(e.getMessage().contains("--decimal"), e.getMessage());
        StudyColumns c = CsvReader.withDefaults().withDecimal('.')
                .parse("u.csv", "study;yi;vi;n\nA;1;2;1.200\nB;3;4;5\n".getBytes(StandardCharsets.UTF_8))
                .columns();
        assertArrayEquals(new double[] {1.2, 5}, c.get("n"));
        // the majority of decisive cells wins; tab files are detected too
        CsvReader.Result t = parse("t.tsv", "study\tyi\tvi\nA\t0,5\t0,01\nB\t1,25\t0,02\n");
        assertArrayEquals(new double[] {0.5, 1.25}, t.columns().get("yi"));
        assertTrue(t.notes().toString().contains("decimal commas (tab-separated file)"), t.notes()::toString);
    }

    @Test
    void countsThatAreNotWholeNumbers() {
        // 1,200 read as 1.2 in a column of counts reads like a thousands separator: refused
        DataException e = error("n.csv", "study;ai;n1i;ci;n2i\nA;4;1,200;11;139\nB;6,5;306;29;303\n");
        assertEquals(2, e.row());
        assertEquals("n1i", e.column());
        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
        // other fractional counts are kept, as metafor keeps them, with a note naming the cells
        CsvReader.Result r = parse("f.csv", "study,ai,n1i,ci,n2i\nA,4,123.5,11,139\nB,6,306,29,303\n");
        assertEquals(123.5, r.columns().get("n1i")[0]);
        assertTrue(r.notes().toString().contains("column n1i holds counts that are not whole numbers (row 2: 123.5)"),
                r.notes()::toString);
    }

    // ---- issue 19, finding 5: a numeric column with a few malformed cells

    @Test
    void aNumericColumnWithAFewMalformedCellsIsAnError() {
        String head = "study,yi,vi,dose\nA,0.1,0.01,10\nB,0.2,0.02,20\nC,0.3,0.03,";
        for (String bad : new String[] {"2O", "Inf", "-inf", "NaN", "1e400", "30mg", "3.0.1"}) {
            DataException e = error("d.csv", head + bad + "\nD,0.4,0.04,40\n");
            assertEquals(4, e.row(), bad);
            assertEquals("dose", e.column(), bad);
            assertTrue(e.getMessage().contains("holds numbers in 3 rows but not in 1"), e.getMessage());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        // a column of categories stays text, and so does one with as many numbers as words
        StudyColumns c = parse("t.csv", "study,yi,vi,dose\nA,0.1,0.01,low\nB,0.2,0.02,high\nC,0.3,0.03,10\n"
                + "D,0.4,0.04,NA\n").columns();
        assertArrayEquals(new String[] {"low", "high", "10", null}, c.getText("dose"));
        StudyColumns half = parse("h.csv", "study,yi,vi,g\nA,0.1,0.01,1\nB,0.2,0.02,b\n").columns();
        assertTrue(half.hasText("g"));
    }

    @Test
    void metaforColumnsMustHoldFiniteNumbers() {
        for (String bad : new String[] {"abc", "Inf", "NaN", "1e400", "0x10", "1..2", "+-1", "e5", "2e"}) {
            DataException e = error("m.csv", "study,yi,vi\nA,0.1,0.01\nB," + bad + ",0.02\n");
            assertEquals(3, e.row(), bad);
            assertEquals("yi", e.column(), bad);
        }
        StudyColumns ok = parse("ok.csv", "study,yi,vi\nA,+.5,1e-3\nB,-5.,2E+1\nC, 3 ,0.5\n").columns();
        assertArrayEquals(new double[] {0.5, -5, 3}, ok.get("yi"));
        assertArrayEquals(new double[] {0.001, 20, 0.5}, ok.get("vi"));
    }

    // ---- issue 19, finding 9: linear-time parsing and a cap on cell length

    @Test
    void longCellsAreParsedInLinearTimeAndCapped() {
        String digits = "1".repeat(CsvReader.MAX_CELL - 1);
        for (String cell : new String[] {digits + "x", digits + ".5x", "\"" + "\"\"".repeat(4000) + "\""}) {
            DataException e = error("long.csv", "study,yi,vi\nA," + cell + ",0.01\nB,0.1,0.02\n");
            assertEquals(2, e.row());
            assertEquals("yi", e.column());
        }
        DataException cap = error("cap.csv", "study,yi,vi\nA,0.1,0.01\nB," + "1".repeat(100_000) + "x,0.02\n");
        assertEquals(3, cap.row());
        assertTrue(cap.getMessage().contains("100001 characters long; a cell may have at most 10000"),
                cap.getMessage());
        DataException name = error("h.csv", "study,yi,vi," + "x".repeat(20_000) + "\nA,1,1,1\n");
        assertTrue(name.getMessage().contains("a column name may have at most"), name.getMessage());
    }

    // ---- metafor's column names in any letter case

    @Test
    void metaforNamesAreReadInAnyCase() {
        CsvReader.Result r = parse("up.csv", "Study,YI,Vi\nA,0.1,0.01\nB,0.2,0.02\n");
        assertArrayEquals(new double[] {0.1, 0.2}, r.columns().get("yi"));
        assertArrayEquals(new double[] {0.01, 0.02}, r.columns().get("vi"));
        assertArrayEquals(new String[] {"A", "B"}, r.columns().labels());
        assertTrue(r.notes().toString().contains("read column 'YI' as yi"), r.notes()::toString);
        DataException e = error("both.csv", "study,yi,YI,vi\nA,0.1,0.1,0.01\n");
        assertEquals("yi", e.column());
        assertTrue(e.getMessage().contains("'yi' and 'YI'"), e.getMessage());
        // other columns keep their case
        assertTrue(parse("m.csv", "study,yi,vi,Region\nA,0.1,0.01,x\n").columns().hasText("Region"));
    }
}
