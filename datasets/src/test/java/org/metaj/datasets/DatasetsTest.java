package org.metaj.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

class DatasetsTest {

    static Stream<String> names() {
        return Datasets.names().stream();
    }

    private static final List<List<String>> KINDS = List.of(
            List.of("yi", "vi"), List.of("yi", "sei"),
            List.of("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"),
            List.of("ai", "bi", "ci", "di"), List.of("ai", "n1i", "ci", "n2i"),
            List.of("ri", "ni"), List.of("xi", "ni"), List.of("x1i", "t1i", "x2i", "t2i"));

    private static final Set<String> NON_NEGATIVE = Set.of("n1i", "n2i", "ni", "ai", "bi", "ci", "di", "xi", "x1i",
            "x2i", "t1i", "t2i", "sd1i", "sd2i", "sd1", "sd2", "vi", "sei");

    private static final Set<String> COMPARATORS = Set.of("sham", "usual_care", "no_treatment", "waiting_list",
            "active");

    @Test
    void indexListsEveryRequiredDataset() {
        List<String> names = Datasets.names();
        for (String n : List.of("acupuncture-lbp-ahrq2010-rmdq", "acupuncture-lbp-trials", "acupressure-p6-lee2004",
                "bcg-colditz1994", "normand1999", "hine1989", "raudenbush1985", "yusuf1985", "hackshaw1998", "li2007",
                "molloy2014", "pritz1997", "hart1999", "egger2001", "collins1985b")) {
            assertTrue(names.contains(n), n);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void loadsWithProvenanceAndColumnsOfItsKind(String name) {
        Table t = Datasets.load(name);
        assertEquals(name, t.name());
        assertTrue(t.rowCount() > 0, name);
        assertEquals(ColumnType.STRING, t.column("study").type(), name + ": study is text");
        if (t.containsColumn("comparator")) {
            assertEquals(ColumnType.STRING, t.column("comparator").type());
            for (String c : t.stringColumn("comparator")) {
                assertTrue(COMPARATORS.contains(c), name + ": comparator " + c);
            }
        }
        assertTrue(KINDS.stream().anyMatch(k -> k.stream().allMatch(t::containsColumn)),
                name + " has no complete metafor column set: " + t.columnNames());
        for (String c : t.columnNames()) {
            if (NON_NEGATIVE.contains(c)) {
                NumericColumn<?> col = t.numberColumn(c);
                for (int i = 0; i < col.size(); i++) {
                    assertTrue(col.isMissing(i) || col.getDouble(i) >= 0, name + ": negative " + c + " row " + i);
                }
            }
        }
        if (t.containsColumn("ai") && t.containsColumn("n1i")) {
            for (Row r : t) {
                if (!r.isMissing("ai") && !r.isMissing("n1i")) {
                    assertTrue(r.getNumber("ai") <= r.getNumber("n1i"), name);
                    assertTrue(r.getNumber("ci") <= r.getNumber("n2i"), name);
                }
            }
        }
        String md = Datasets.provenance(name);
        assertTrue(md.contains("## Source"), name + ".md has no Source section");
        assertFalse(md.isBlank());
    }

    @Test
    void unknownNameListsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("nope"));
        assertTrue(e.getMessage().contains("bcg-colditz1994"));
        assertThrows(IllegalArgumentException.class, () -> Datasets.provenance("nope"));
        assertThrows(IllegalArgumentException.class, () -> Datasets.path("nope"));
    }

    @Test
    void pathPointsAtAReadableCsv() throws Exception {
        Path p = Datasets.path("hart1999");
        assertTrue(Files.isRegularFile(p));
        assertTrue(Files.readString(p).startsWith("\"study\""));
    }

    private static Row row(Table t, String study) {
        for (Row r : t) {
            if (r.getString("study").equals(study)) {
                return r;
            }
        }
        throw new AssertionError("no study " + study + " in " + t.name());
    }

    private static void assertRow(Table t, String study, Object... colValue) {
        Row r = row(t, study);
        for (int i = 0; i < colValue.length; i += 2) {
            String c = (String) colValue[i];
            assertEquals(((Number) colValue[i + 1]).doubleValue(), r.getNumber(c), 1e-12, t.name() + " " + study + " " + c);
        }
    }

    @Test
    void ahrqRmdq() {
        // AHRQ Evidence Report 194 (Furlan et al. 2010), figure "Disability (RMDQ score) - immediate post-treatment"
        Table t = Datasets.load("acupuncture-lbp-ahrq2010-rmdq");
        assertEquals(2, t.rowCount());
        assertRow(t, "Kwon 2007", "n1i", 24, "m1i", 5.16, "sd1i", 4.9, "n2i", 23, "m2i", 4.92, "sd2i", 4.8);
        assertRow(t, "Cherkin 2009", "n1i", 158, "m1i", 6.3, "sd1i", 5.7, "n2i", 162, "m2i", 5.4, "sd2i", 4.9);
    }

    @Test
    void acupunctureTrials() {
        // Haake 2007 Arch Intern Med 167:1892 (abstract); Brinkhaus 2006 Arch Intern Med 166:450 (abstract);
        // Thomas 2006 BMJ 333:623 (abstract)
        Table t = Datasets.load("acupuncture-lbp-trials");
        int geracIndex = -1;
        for (Row r : t) {
            if (r.getString("study").startsWith("Haake") && r.getString("comparator").equals("sham")) {
                geracIndex = r.getRowNumber();
            }
            if (r.getNumber("primary") == 1) {
                assertFalse(r.isMissing("sei"), "primary rows need a standard error");
                assertTrue(r.getNumber("sei") > 0);
                double mid = (r.getNumber("ci_lb") + r.getNumber("ci_ub")) / 2;
                assertEquals(r.getNumber("yi"), mid, 0.3, "yi near the CI midpoint: " + r.getString("comparison"));
            }
        }
        Row gerac = t.row(geracIndex);
        assertEquals(3.4, gerac.getNumber("yi"), 1e-12);
        assertEquals(-3.7, gerac.getNumber("ci_lb"), 1e-12);
        assertEquals(10.3, gerac.getNumber("ci_ub"), 1e-12);
        assertEquals(14.0 / (2 * 1.959964), gerac.getNumber("sei"), 1e-5);
        assertEquals(387, gerac.getNumber("n1i"), 0);
    }

    @Test
    void referenceCopies() {
        // values as in the project's reference data (metafor's metadat: dat.bcg, dat.lee2004, dat.normand1999, ...)
        assertRow(Datasets.load("bcg-colditz1994"), "Aronson 1948", "ai", 4, "bi", 119, "ci", 11, "di", 128,
                "ablat", 44, "year", 1948);
        Table lee = Datasets.load("acupressure-p6-lee2004");
        assertEquals(16, lee.rowCount());
        assertRow(lee, "Agarwal 2000", "ai", 18, "n1i", 100, "ci", 20, "n2i", 100, "year", 2000);
        assertRow(lee, "Zarate 2001", "ai", 28, "n1i", 110, "ci", 25, "n2i", 111);
        assertRow(Datasets.load("normand1999"), "Edinburgh", "m1i", 55, "sd1i", 47, "n1i", 155, "m2i", 75,
                "sd2i", 64, "n2i", 156);
        assertRow(Datasets.load("hart1999"), "AFASAK", "x1i", 9, "t1i", 413, "x2i", 19, "t2i", 398);
        Table li = Datasets.load("li2007");
        assertEquals(22, li.rowCount());
        assertRow(li, "Morton 1984", "ai", 1, "n1i", 40, "ci", 2, "n2i", 36);
        Table mo = Datasets.load("molloy2014");
        assertEquals(16, mo.rowCount());
        assertRow(mo, "Axelsson et al. 2009", "ri", 0.187, "ni", 109);
        assertRow(Datasets.load("pritz1997"), "Giannotta et al.", "xi", 16, "ni", 17);
        Table ra = Datasets.load("raudenbush1985");
        assertEquals(19, ra.rowCount());
        assertRow(ra, "Rosenthal et al. 1974", "weeks", 2, "yi", 0.03, "vi", 0.0156);
        Table hk = Datasets.load("hackshaw1998");
        assertEquals(37, hk.rowCount());
        assertRow(hk, "Garfinkel 1981", "yi", 0.165514438477573, "vi", 0.0187768854850681);
        assertEquals(13, Datasets.load("bcg-colditz1994").rowCount());
        assertEquals(9, Datasets.load("normand1999").rowCount());
    }

    @Test
    void metadatCopies() {
        // metadat 1.x: dat.hine1989 (Normand 1999, Table I), dat.yusuf1985, dat.egger2001, dat.collins1985b
        Table h = Datasets.load("hine1989");
        assertEquals(6, h.rowCount());
        assertRow(h, "Study 6", "ai", 11, "n1i", 154, "ci", 4, "n2i", 146);
        Table y = Datasets.load("yusuf1985");
        assertEquals(ColumnType.STRING, y.column("table").type());
        assertEquals(130, y.rowCount());
        Row balcon = y.where(y.stringColumn("study").isEqualTo("Balcon").and(y.stringColumn("table").isEqualTo("6")))
                .row(0);
        assertEquals(14, balcon.getNumber("ai"), 0);
        assertEquals(56, balcon.getNumber("n1i"), 0);
        assertEquals(15, balcon.getNumber("ci"), 0);
        assertEquals(58, balcon.getNumber("n2i"), 0);
        Table e = Datasets.load("egger2001");
        assertEquals(16, e.rowCount());
        assertRow(e, "ISIS-4", "ai", 2216, "n1i", 29011, "ci", 2103, "n2i", 29039);
        Table c = Datasets.load("collins1985b");
        assertEquals(9, c.rowCount());
        assertRow(c, "Landesman et al.", "ai", 138, "n1i", 1370, "ci", 175, "n2i", 1336);
    }
}
