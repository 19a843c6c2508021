package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code meta analyze --forest/--funnel/--baujat-plot/--radial/--labbe} and {@code meta report}, run in-process. */
class PlotCommandsTest {
    @TempDir
    Path dir;

    /** metafor 3.8-1 baujat() of the REML model of the BCG log RRs, run to convergence: x, y (baujat-bcg.R). */
    private static final double[][] BAUJAT = {
        {0.0478183405, 1.4934114076, 0.5508753367, 1.5860500735, 0.6777110311, 0.0160055560, 1.5319030626,
            1.6638459497, 0.1625233292, 1.1168477625, 0.4322210972, 1.5922385451, 1.2637881718},
        {0.0015375009, 0.1121070734, 0.0243490469, 0.2377736417, 0.0669858350, 0.0003332722, 0.1079094854,
            0.1989646719, 0.0183816218, 0.1113896159, 0.0489706407, 0.0618345640, 0.1153128762}};

    private Path bcg() throws Exception {
        return CliFixtures.writeBcg(dir);
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(svg))));
    }

    private static int countClass(Document d, String cls) {
        NodeList all = d.getElementsByTagNameNS("*", "*");
        int n = 0;
        for (int i = 0; i < all.getLength(); i++) {
            String c = ((org.w3c.dom.Element) all.item(i)).getAttribute("class");
            if ((" " + c + " ").contains(" " + cls + " ")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void analyzeWritesEveryPlotAndListsThemInJson() throws Exception {
        Path f = bcg();
        String[] names = {"forest", "funnel", "baujat", "radial", "labbe"};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("analyze", f.toString(),
                "--measure", "RR", "--format", "json", "--sort", "year", "--favours", "Favours BCG|Favours control"));
        for (String n : names) {
            args.add("--" + n + (n.equals("baujat") ? "-plot" : ""));
            args.add(dir.resolve(n + ".svg").toString());
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        JsonNode plots = Json.MAPPER.readTree(r.out()).get("plots");
        for (String n : names) {
            Path p = dir.resolve(n + ".svg");
            assertEquals(p.toString(), plots.get(n).asText());
            Document d = parse(p);
            assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
            assertEquals(13, countClass(d, "study"), n);
        }
        Document forest = parse(dir.resolve("forest.svg"));
        assertEquals(1, countClass(forest, "pooled"));
        assertTrue(forest.getDocumentElement().getTextContent().contains("Favours BCG"));
    }

    @Test
    void baujatFiguresMatchMetafor() {
        StudyColumns c = org.metaj.data.Tables.toStudyColumns(tech.tablesaw.api.Table.read().csv(CliFixtures.BCG,
                "bcg"));
        StudyData d = EffectSizes.withDefaults().compute(EffectMeasure.RR, c).toStudyData();
        MetaAnalysis ma = MetaAnalysis.withDefaults();
        MetaResult r = ma.fit(d);
        org.metaj.sensitivity.Baujat b = org.metaj.sensitivity.Baujat.of(r);
        double[][] got = {b.heterogeneity(), b.influence()};
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < 13; i++) {
                double want = BAUJAT[a][i];
                assertEquals(want, got[a][i], 1e-9 + 1e-6 * Math.abs(want), (a == 0 ? "x" : "y") + "[" + i + "]");
            }
        }
    }

    @Test
    void labbeNeedsTwoByTwoDataAndBadSortIsAUsageError() throws Exception {
        Path f = dir.resolve("md.csv");
        Files.writeString(f, "study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,5.16,4.9,24,4.92,4.8,23\nB,6.3,5.7,158,5.4,4.9,162\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--measure", "MD", "--labbe",
                dir.resolve("l.svg").toString());
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("--labbe needs a 2x2 measure"), r.err());
        r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR", "--forest",
                dir.resolve("x.svg").toString(), "--sort", "alphabet");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("--sort': unknown row order 'alphabet'; expected one of data, effect, weight, year"), r.err());
    }

    @Test
    void reportWritesOneSelfContainedPage() throws Exception {
        Path out = dir.resolve("sub/report.html");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("report", bcg().toString(), "--measure", "RR", "-o",
                out.toString(), "--title", "BCG <trials>");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Report written to"));
        String html = Files.readString(out);
        assertTrue(html.contains("<h1>BCG &lt;trials&gt;</h1>"));
        assertTrue(html.contains("Leave-one-out analysis") && html.contains("Baujat plot")
                && html.contains("Radial plot") && html.contains("L&#39;Abb\u00e9 plot"));
        // forest, funnel, leave-one-out, Baujat, radial, L'Abbe
        assertEquals(6, html.split("<svg ", -1).length - 1);
        assertTrue(!html.toLowerCase().contains("<script"));
        assertEquals(Main.USAGE, AnalyzeCommandTest.run("report", bcg().toString(), "--measure", "RR").code(),
                "-o is required");
    }
}
