package org.metaj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.Citations;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;

/** The HTML report's content and escaping, read as text (the browser test renders it). */
class HtmlReportTest {
    /** The first three BCG trials (metafor's dat.bcg rows 1-3). */
    private static MetaResult bcg3(Method m, TestType t) {
        StudyColumns c = StudyColumns.builder(3).labels("Aronson 1948", "Ferguson & Simes 1949", "Rosenthal et al 1960")
                .column("ai", 4, 6, 3).column("bi", 119, 300, 228).column("ci", 11, 29, 11).column("di", 128, 274, 209)
                .build();
        StudyData d = EffectSizes.withDefaults().compute(EffectMeasure.RR, c).toStudyData();
        return MetaAnalysis.withDefaults().with(m).with(t).fit(d);
    }

    @Test
    void reportHasEverySectionSelfContained() {
        String html = HtmlReport.of(bcg3(Method.REML, TestType.Z)).withTitle("BCG").toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String id : List.of("id=\"summary\"", "id=\"forest\"", "id=\"model\"", "id=\"heterogeneity\"",
                "id=\"funnel\"", "id=\"data\"", "id=\"methods\"")) {
            assertTrue(html.contains(id), id);
        }
        assertEquals(2, html.split("<svg ", -1).length - 1, "forest and funnel inline");
        assertFalse(html.toLowerCase().contains("<script"), "no scripts");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "nothing loaded from the network");
        assertFalse(html.contains("<link"));
        // the three studies' labels, escaped
        assertTrue(html.contains("<td>Ferguson &amp; Simes 1949</td>"));
        // Aronson 1948 RR = (4/123)/(11/139) = 0.4109 -> "0.41"; its weight appears with a percent sign
        assertTrue(html.contains("<td class=\"num\">0.41</td>"));
    }

    @Test
    void methodsNameTheEstimatorAndTestWithCitations() {
        String reml = HtmlReport.of(bcg3(Method.REML, TestType.Z)).toHtml();
        assertTrue(reml.contains("restricted maximum likelihood"));
        assertTrue(reml.contains(HtmlReport.escape(Citations.of(Method.REML))));
        assertTrue(reml.contains("Wald-type z test"));
        assertTrue(reml.contains(HtmlReport.escape(Citations.Q_PROFILE)));
        String dl = HtmlReport.of(bcg3(Method.DL, TestType.KNHA)).toHtml();
        assertTrue(dl.contains("DerSimonian R, Laird N"));
        assertTrue(dl.contains("Knapp G, Hartung J"));
        assertTrue(dl.contains("Random-effects model (DL, Knapp-Hartung)"));
        String fe = HtmlReport.of(bcg3(Method.FE, TestType.Z)).toHtml();
        assertTrue(fe.contains("common-effect model with inverse-variance weights"));
        assertFalse(fe.contains("Prediction interval"), "no prediction interval for a common-effect model");
        String mh = HtmlReport.of(bcg3(Method.MH, TestType.Z)).toHtml();
        assertTrue(mh.contains("Mantel N, Haenszel W") && mh.contains("Robins J, Breslow N, Greenland S"));
    }

    @Test
    void callerSectionsAndTablesArePluggedInAndEscaped() {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("Egger's test <z>", "p = 0.03 & \"sig\"");
        String html = HtmlReport.of(bcg3(Method.REML, TestType.Z))
                .withTable("Publication bias", kv)
                .withSection("Moderators <x>", "<p class=\"mine\">fragment</p>")
                .withForest(null).withFunnel(null).toHtml();
        assertTrue(html.contains("<h2>Publication bias</h2>"));
        assertTrue(html.contains("<th scope=\"row\">Egger&#39;s test &lt;z&gt;</th><td>p = 0.03 &amp; &quot;sig&quot;</td>"));
        assertTrue(html.contains("<h2>Moderators &lt;x&gt;</h2>"));
        assertTrue(html.contains("<p class=\"mine\">fragment</p>"), "fragments inserted as given");
        assertEquals(0, html.split("<svg ", -1).length - 1, "plots can be left out");
        assertTrue(html.indexOf("Publication bias") < html.indexOf("Moderators"), "sections in the order added");
    }

    @Test
    void methodsNotesAddSentencesAndNumberedReferences() {
        String html = HtmlReport.of(bcg3(Method.REML, TestType.Z)).withFunnel(null)
                .withMethodsNote("Small-study effects were assessed with Egger's test <lm>.", Citations.EGGER)
                .withMethodsNote("Again Egger and Begg", Citations.EGGER, Citations.BEGG).toHtml();
        // default REML references: inverse variance, REML, Cochran, I2, Q-profile, prediction = 1..6
        assertTrue(html.contains("Egger&#39;s test &lt;lm&gt; [7]."), html);
        assertTrue(html.contains("Again Egger and Begg [7, 8]."));
        assertEquals(1, html.split("Egger M, Davey Smith G", -1).length - 1, "each reference listed once");
    }

    @Test
    void titlesAndLabelsAreEscaped() {
        String evil = "<script>alert(1)</script>";
        String html = HtmlReport.of(bcg3(Method.REML, TestType.Z)).withTitle(evil).toHtml();
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
        assertEquals("&lt;&gt;&amp;&quot;&#39;", HtmlReport.escape("<>&\"'\u0001"));
    }
}
