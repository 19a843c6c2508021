package org.metaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metaj.plot.PlotFixtures.attr;
import static org.metaj.plot.PlotFixtures.byClass;
import static org.metaj.plot.PlotFixtures.byTag;
import static org.metaj.plot.PlotFixtures.parse;
import static org.metaj.plot.PlotFixtures.shownText;
import static org.metaj.plot.PlotFixtures.textBox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.metaj.conformance.Tolerance;
import org.metaj.data.EffectMeasure;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Layout tests that need no browser: the SVG parsed with the JDK's DOM parser. */
class SvgLayoutTest {
    private static final MetaResult BCG_RR = PlotFixtures.bcg(EffectMeasure.RR, Method.REML);

    @Test
    void forestIsWellFormedStandaloneSvg() {
        String svg = ForestPlot.of(BCG_RR).toSvg();
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(PlotFixtures.SVG_NS, root.getNamespaceURI());
        assertEquals(4, PlotFixtures.viewBox(d).length);
        assertEquals("sans-serif", root.getAttribute("font-family"));
        // standalone: nothing loaded from outside, nothing run
        assertFalse(svg.contains("href"), "no links or external resources");
        assertTrue(byTag(d, "script").isEmpty());
        assertFalse(svg.contains("@import") || svg.contains("url("), "no external fonts or images");
    }

    @Test
    void forestHasOneMarkerPerStudyOnePooledDiamondAndPredictionIntervalForRandomEffects() {
        Document d = parse(ForestPlot.of(BCG_RR).toSvg());
        assertEquals(13, byClass(d, "study").size(), "13 BCG trials");
        assertEquals(13, byClass(d, "label").stream().filter(e -> !e.getAttribute("class").contains("sum")
                && !shownText(e).equals("Prediction interval")).count());
        assertEquals(1, byClass(d, "pooled").size());
        assertEquals(1, byClass(d, "pi").size());
        Element pi = byClass(d, "pi").get(0);
        assertEquals(BCG_RR.piLb(), attr(pi, "data-pi-lb"), 1e-9);
        assertEquals(BCG_RR.piUb(), attr(pi, "data-pi-ub"), 1e-9);

        MetaResult fe = PlotFixtures.bcg(EffectMeasure.RR, Method.FE);
        Document dfe = parse(ForestPlot.of(fe).toSvg());
        assertEquals(1, byClass(dfe, "pooled").size());
        assertTrue(byClass(dfe, "pi").isEmpty(), "no prediction interval for a common-effect model");
    }

    @Test
    void diamondCentreMapsToPooledEstimateOnTheLogAxis() {
        Document d = parse(ForestPlot.of(BCG_RR).toSvg());
        Element diamond = byClass(d, "pooled").get(0);
        double est = attr(diamond, "data-estimate");
        // metafor 3.8-1: rma(yi, vi) on escalc("RR", dat.bcg) gives b = -0.7145323484 (bcg-subgroups.R)
        assertEquals(-0.7145323484, est, 1e-8);
        double[] pts = Arrays.stream(diamond.getAttribute("points").split("[ ,]")).mapToDouble(Double::parseDouble)
                .toArray();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pts.length; i += 2) {
            minX = Math.min(minX, pts[i]);
            maxX = Math.max(maxX, pts[i]);
        }
        Element axis = byClass(d, "axis").get(0);
        double lo = attr(axis, "data-min");
        double hi = attr(axis, "data-max");
        double p0 = attr(axis, "data-px-min");
        double p1 = attr(axis, "data-px-max");
        double px = p0 + (est - lo) / (hi - lo) * (p1 - p0);
        assertEquals(px, pts[2], 0.011, "top vertex at the estimate");
        assertEquals(px, (minX + maxX) / 2, 0.011, "symmetric CI on the log scale: centre at the estimate");
        // metafor: ci.lb = -1.0668976757, ci.ub = -0.3621670210
        assertEquals(p0 + (-1.0668976757 - lo) / (hi - lo) * (p1 - p0), minX, 0.011);
        assertEquals(p0 + (-0.3621670210 - lo) / (hi - lo) * (p1 - p0), maxX, 0.011);
    }

    @Test
    void logAxisShowsBackTransformedRatiosAtTheirLogs() {
        Document d = parse(ForestPlot.of(BCG_RR).toSvg());
        Map<String, Double> ticks = new LinkedHashMap<>();
        for (Element t : byClass(d, "tick")) {
            ticks.put(shownText(t), attr(t, "data-value"));
        }
        assertTrue(ticks.keySet().containsAll(List.of("0.5", "1", "2")), ticks.toString());
        assertEquals(0, ticks.get("1"), 1e-12);
        assertEquals(Math.log(0.5), ticks.get("0.5"), 1e-9);
        assertEquals(Math.log(2), ticks.get("2"), 1e-9);
        // estimate text back-transformed: Aronson 1948, RR = (4/123)/(11/139) = 0.4109
        assertTrue(byClass(d, "est").stream().anyMatch(e -> shownText(e).startsWith("0.41 [")));
        assertTrue(byClass(d, "axis-title").stream().anyMatch(e -> shownText(e).equals("Risk ratio (log scale)")));
    }

    @Test
    void labelsInsideViewBoxAndNoTextOverlapsByEstimatedWidth() {
        for (String svg : List.of(ForestPlot.of(BCG_RR).toSvg(),
                ForestPlot.of(PlotFixtures.generic(120, null)).toSvg(),
                ForestPlot.of(BCG_RR).withSubgroups(subgroups(), null).toSvg(),
                SensitivityForestPlot.of(new String[] {"a", "b"}, new double[] {0.1, 0.2},
                        new double[] {-0.1, 0}, new double[] {0.3, 0.4}).toSvg())) {
            assertLayout(parse(svg));
        }
    }

    static void assertLayout(Document d) {
        double[] vb = PlotFixtures.viewBox(d);
        List<Element> texts = new ArrayList<>();
        for (Element t : byTag(d, "text")) {
            if (!t.hasAttribute("transform")) {
                texts.add(t);
            }
        }
        List<double[]> boxes = new ArrayList<>();
        for (Element t : texts) {
            double[] b = textBox(t);
            assertTrue(b[0] >= vb[0] && b[1] >= vb[1] && b[2] <= vb[0] + vb[2] && b[3] <= vb[1] + vb[3],
                    "text '" + shownText(t) + "' at " + Arrays.toString(b) + " outside viewBox " + Arrays.toString(vb));
            boxes.add(b);
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
                assertFalse(overlap, "'" + shownText(texts.get(i)) + "' overlaps '" + shownText(texts.get(j)) + "'");
            }
        }
    }

    @Test
    void heightGrowsByOneRowPerStudySoManyStudiesStayLegible() {
        double h60 = PlotFixtures.viewBox(parse(ForestPlot.of(PlotFixtures.generic(60, null)).toSvg()))[3];
        double h120 = PlotFixtures.viewBox(parse(ForestPlot.of(PlotFixtures.generic(120, null)).toSvg()))[3];
        assertEquals(60 * ForestLayout.ROW, h120 - h60, 1e-9);
        Document d = parse(ForestPlot.of(PlotFixtures.generic(120, null)).toSvg());
        assertEquals(120, byClass(d, "study").size());
        // font size does not shrink
        assertTrue(byClass(d, "label").stream().allMatch(e -> e.getAttribute("font-size").isEmpty()));
    }

    @Test
    void longLabelIsCutWithEllipsisAndKeepsTheFullTextAsTooltip() {
        String longName = "The Extremely Long Multicentre Randomised Controlled Trial of Everything Versus Nothing 2024";
        String[] labels = {longName, "Short 2001", "Other 2002"};
        Document d = parse(ForestPlot.of(PlotFixtures.generic(3, labels)).toSvg());
        Element label = byClass(d, "label").get(0);
        String shown = shownText(label);
        assertTrue(shown.endsWith("\u2026") && shown.length() < longName.length(), shown);
        assertTrue(TextMetrics.width(shown, 12) <= 260);
        assertEquals(longName, label.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        assertEquals("Short 2001", shownText(byClass(d, "label").get(1)));
    }

    @Test
    void studyLabelsAreEscapedAndNoScriptElementAppears() {
        String evil = "<script>alert(1)</script>";
        String quotes = "Tom & Jerry's \"trial\"";
        String[] labels = {evil, quotes, "Plain 2000"};
        MetaResult r = PlotFixtures.generic(3, labels);
        for (String svg : List.of(ForestPlot.of(r).toSvg(), FunnelPlot.of(r).toSvg(), RadialPlot.of(r).toSvg(),
                BaujatPlot.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, labels).toSvg(),
                SensitivityForestPlot.of(labels, new double[] {0, 0.1, 0.2}, new double[] {-1, -1, -1},
                        new double[] {1, 1, 1}).toSvg(),
                ForestPlot.of(r).withTitle(evil).withFavours(evil, quotes).toSvg())) {
            assertFalse(svg.contains("<script"), "raw script tag in output");
            assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            Document d = parse(svg);
            assertTrue(byTag(d, "script").isEmpty());
            String all = d.getDocumentElement().getTextContent();
            assertTrue(all.contains(evil), "the label shows as text");
            assertTrue(all.contains(quotes));
        }
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Markup.escape("<a href=\"x\">&'"));
    }

    @Test
    void sortByEffectWeightAndYear() {
        StudyData data = BCG_RR.data();
        List<String> byEffect = labels(ForestPlot.of(BCG_RR).withOrder(ForestPlot.Order.EFFECT));
        // smallest log RR: Ferguson & Simes 1949 (-1.5854), then Vandiviere et al 1973 (-1.6209)? sorted ascending
        double prev = Double.NEGATIVE_INFINITY;
        for (String l : byEffect) {
            int i = Arrays.asList(data.labels()).indexOf(l);
            assertTrue(data.yi(i) >= prev, "ascending effect");
            prev = data.yi(i);
        }
        assertEquals("Vandiviere et al 1973", byEffect.get(0), "log RR -1.6209, the smallest");
        List<String> byYear = labels(ForestPlot.of(BCG_RR).withOrder(ForestPlot.Order.YEAR));
        assertEquals("Aronson 1948", byYear.get(0));
        assertEquals("TPT Madras 1980", byYear.get(12), "1980 is the latest year");
        List<String> byWeight = labels(ForestPlot.of(BCG_RR).withOrder(ForestPlot.Order.WEIGHT));
        assertEquals("TPT Madras 1980", byWeight.get(0), "10.2% is the largest REML weight");
        MetaResult noYear = PlotFixtures.generic(3, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForestPlot.of(noYear).withOrder(ForestPlot.Order.YEAR).toSvg());
        assertTrue(e.getMessage().contains("year"));
    }

    private static List<String> labels(ForestPlot p) {
        List<String> out = new ArrayList<>();
        for (Element e : byClass(parse(p.toSvg()), "study")) {
            String t = e.getElementsByTagNameNS("*", "title").item(0).getTextContent();
            out.add(t.substring(0, t.lastIndexOf(':')));
        }
        return out;
    }

    static Map<String, MetaResult> subgroups() {
        StudyData d = BCG_RR.data();
        String[] alloc = d.columns().getText("alloc");
        Map<String, MetaResult> groups = new LinkedHashMap<>();
        for (String g : new String[] {"alternate", "random", "systematic"}) {
            int[] idx = java.util.stream.IntStream.range(0, d.k()).filter(i -> alloc[i].equals(g)).toArray();
            groups.put(g, MetaAnalysis.withDefaults().fit(d.subset(idx)));
        }
        return groups;
    }

    @Test
    void subgroupBlocksWithSubtotalsAndTestForDifferences() {
        Map<String, MetaResult> g = subgroups();
        ForestPlot.SubgroupTest t = ForestPlot.SubgroupTest.fromSubtotals(g);
        // metafor 3.8-1 (bcg-subgroups.R): Q = 1.8614461412 on 2 df, p = 0.3942685233; the project's tolerance
        // 1e-9 + 1e-6 |want| (the subgroup REML fits converge to within metafor's 1e-5 threshold)
        assertEquals(1.8614461412, t.qBetween, Tolerance.of(1.8614461412));
        assertEquals(2, t.df);
        assertEquals(0.3942685233, t.pval, Tolerance.of(0.3942685233));
        Document d = parse(ForestPlot.of(BCG_RR).withSubgroups(g, null).toSvg());
        assertEquals(13, byClass(d, "study").size());
        assertEquals(4, byClass(d, "pooled").size(), "three subtotals and the overall diamond");
        assertEquals(3, byClass(d, "subtotal").size());
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains("Test for subgroup differences: Q = 1.86, df = 2, p = 0.39"), text);
        // given values are shown as given
        Document d2 = parse(ForestPlot.of(BCG_RR).withSubgroups(g, new ForestPlot.SubgroupTest(9.5, 2, 0.0087))
                .toSvg());
        assertTrue(d2.getDocumentElement().getTextContent().contains("Q = 9.50, df = 2, p = 0.009"));
    }

    @Test
    void favoursLabelsAreConfigurableAndSitEitherSideOfTheNullLine() {
        Document d = parse(ForestPlot.of(BCG_RR).withFavours("Favours BCG", "Favours no vaccine").toSvg());
        List<Element> fav = byClass(d, "favours");
        assertEquals(2, fav.size());
        Element nullLine = byClass(d, "null-line").get(0);
        double nx = attr(nullLine, "x1");
        assertTrue(textBox(fav.get(0))[2] <= nx && shownText(fav.get(0)).contains("Favours BCG"));
        assertTrue(textBox(fav.get(1))[0] >= nx && shownText(fav.get(1)).contains("Favours no vaccine"));
        assertTrue(byClass(parse(ForestPlot.of(BCG_RR).withFavours(null, null).toSvg()), "favours").isEmpty());
    }

    @Test
    void fixedAxisDrawsArrowsForIntervalsRunningOffIt() {
        Document d = parse(ForestPlot.of(BCG_RR).withAxis(0.2, 2).toSvg());
        // Aronson 1948 CI 0.13 to 1.26 runs off the left; Comstock & Webster 1969 0.37 to 6.53 off the right
        assertTrue(byClass(d, "arrow").size() >= 2);
        Element axis = byClass(d, "axis").get(0);
        assertEquals(Math.log(0.2), attr(axis, "data-min"), 1e-9);
        assertEquals(Math.log(2), attr(axis, "data-max"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ForestPlot.of(BCG_RR).withAxis(0, 2));
    }

    @Test
    void edgeCasesOneStudyMantelHaenszelAndProportions() {
        MetaResult one = MetaAnalysis.withDefaults().fit(BCG_RR.data().subset(new int[] {0}));
        String t = parse(ForestPlot.of(one).toSvg()).getDocumentElement().getTextContent();
        assertTrue(t.contains("Heterogeneity: not applicable (one study)"), t);
        assertFalse(t.contains("NA"), t);
        MetaResult mh = PlotFixtures.bcg(EffectMeasure.OR, Method.MH);
        Document d = parse(ForestPlot.of(mh).toSvg());
        assertTrue(d.getDocumentElement().getTextContent().contains("Mantel-Haenszel model (k = 13)"));
        assertTrue(byClass(d, "pi").isEmpty());
        org.metaj.data.StudyColumns p = org.metaj.data.StudyColumns.builder(3).column("xi", 5, 10, 20)
                .column("ni", 50, 60, 70).build();
        MetaResult pr = MetaAnalysis.withDefaults().fit(org.metaj.effect.EffectSizes.withDefaults()
                .compute(EffectMeasure.PR, p).toStudyData());
        Document dp = parse(ForestPlot.of(pr).toSvg());
        assertTrue(byClass(dp, "favours").isEmpty(), "no value of no effect for a proportion: no favours labels");
        assertTrue(byClass(dp, "null-line").isEmpty());
        assertLayout(dp);
    }

    @Test
    void niceTicks() {
        // Heckbert's nice numbers: a range of 0.13 to 0.87 gets steps of 0.1
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
                Arrays.stream(Axis.linearTicks(0.13, 0.87, 6)).map(v -> Math.round(v * 1e9) / 1e9).boxed()
                        .collect(java.util.stream.Collectors.toList()));
        // ratios 0.4 to 2.5 on a log axis: 0.5, 1, 2
        double[] lt = Axis.logTicks(Math.log(0.4), Math.log(2.5));
        assertEquals(List.of(0.5, 1.0, 2.0), Arrays.stream(lt).map(v -> Math.round(Math.exp(v) * 1e9) / 1e9).boxed()
                .collect(java.util.stream.Collectors.toList()));
        assertEquals("0.5", Svg.tick(0.5));
        assertEquals("\u22120.25", Svg.tick(-0.25));
    }

    @Test
    void funnelPlotMarksStudiesImputedPointsContoursAndEstimate() {
        double[] impY = {0.3, 0.1};
        double[] impV = {0.3, 0.05};
        Document d = parse(FunnelPlot.of(BCG_RR).withImputed(impY, impV, -0.5).toSvg());
        assertEquals(13, byClass(d, "study").size());
        List<Element> imp = byClass(d, "imputed");
        assertEquals(2, imp.size());
        assertTrue(imp.stream().allMatch(e -> e.getAttribute("fill").equals("#ffffff")), "hollow");
        assertEquals(4, byClass(d, "contour").size(), "background p < 0.01 and the 0.01, 0.05, 0.10 contours");
        assertEquals(1, byClass(d, "pseudo-ci").size());
        Element line = byClass(d, "pooled").get(0);
        Element axis = byClass(d, "x-axis").get(0);
        double px = attr(axis, "data-px-min") + (BCG_RR.estimate() - attr(axis, "data-min"))
                / (attr(axis, "data-max") - attr(axis, "data-min")) * (attr(axis, "data-px-max")
                        - attr(axis, "data-px-min"));
        assertEquals(px, attr(line, "x1"), 0.011);
        // inverted y axis: the most precise study (TPT Madras, se 0.063) is the top-most
        Element y = byClass(d, "y-axis").get(0);
        assertEquals(0, attr(y, "data-min"), 0);
        assertTrue(attr(y, "data-px-min") < attr(y, "data-px-max"), "se = 0 at the top");
        assertThrows(IllegalArgumentException.class, () -> FunnelPlot.of(BCG_RR).withImputed(impY, new double[1],
                Double.NaN));
        assertTrue(byClass(parse(FunnelPlot.of(BCG_RR).withContours(false).toSvg()), "contour").isEmpty());
    }

    @Test
    void baujatRadialLabbeAndSensitivityPlots() {
        String[] labels = BCG_RR.data().labels();
        double[] x = new double[13];
        double[] y = new double[13];
        for (int i = 0; i < 13; i++) {
            x[i] = i;
            y[i] = 13 - i;
        }
        Document b = parse(BaujatPlot.of(x, y, labels).toSvg());
        assertEquals(13, byClass(b, "study").size());
        assertLayout(b);
        assertThrows(IllegalArgumentException.class, () -> BaujatPlot.of(x, new double[2], labels));

        Document r = parse(RadialPlot.of(BCG_RR).toSvg());
        assertEquals(13, byClass(r, "study").size());
        assertEquals(1, byClass(r, "pooled").size());

        Document l = parse(LabbePlot.of(BCG_RR).toSvg());
        List<Element> pts = byClass(l, "study");
        assertEquals(13, pts.size());
        // Aronson 1948: control 11/(11+128), treatment 4/(4+119)
        assertTrue(pts.stream().anyMatch(e -> Math.abs(attr(e, "data-control") - 11.0 / 139) < 1e-9
                && Math.abs(attr(e, "data-treatment") - 4.0 / 123) < 1e-9));
        assertEquals(1, byClass(l, "pooled").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabbePlot.of(PlotFixtures.generic(3, null)));
        assertTrue(e.getMessage().contains("ai, bi, ci, di"), e.getMessage());

        Document s = parse(SensitivityForestPlot.of(new String[] {"omit A", "omit B", "omit C"},
                new double[] {-0.7, -0.6, -0.8}, new double[] {-1, -0.9, -1.1}, new double[] {-0.4, -0.3, -0.5})
                .withOverall(BCG_RR).toSvg());
        assertEquals(3, byClass(s, "study").size());
        assertEquals(1, byClass(s, "pooled").size());
        assertEquals(1, byClass(s, "ref-line").size());
        assertLayout(s);
    }
}
