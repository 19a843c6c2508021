package org.metaj.plot;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Shared data and SVG parsing for the plot tests. */
final class PlotFixtures {
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private PlotFixtures() {
    }

    /** BCG vaccine trials (Colditz et al. 1994; metafor's dat.bcg), from the datasets module. */
    static StudyColumns bcgColumns() {
        try (InputStream in = PlotFixtures.class.getResourceAsStream("/org/metaj/datasets/bcg-colditz1994.csv")) {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(in).tableName("bcg.csv"));
            return Tables.toStudyColumns(t);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static MetaResult bcg(EffectMeasure m, Method method) {
        StudyData d = EffectSizes.withDefaults().compute(m, bcgColumns()).toStudyData();
        return MetaAnalysis.withDefaults().with(method).fit(d);
    }

    /** Generic data with k studies and the given labels (null for "Study i"), effects spread around 0.2. */
    static MetaResult generic(int k, String[] labels) {
        double[] y = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = 0.2 + 0.4 * Math.sin(1.7 * i);
            v[i] = 0.02 + 0.05 * ((i * 7) % 11) / 10.0;
        }
        StudyColumns.Builder b = StudyColumns.builder(k).column("yi", y).column("vi", v);
        if (labels != null) {
            b.labels(labels);
        }
        StudyData d = StudyData.of(b.build(), y, v, null, List.of());
        return MetaAnalysis.withDefaults().fit(d);
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** @return all elements whose class attribute has the token */
    static List<Element> byClass(Document d, String token) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String c : e.getAttribute("class").split("\\s+")) {
                if (c.equals(token)) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    static List<Element> byTag(Document d, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    /** The text shown by a text element, without its title tooltip. */
    static String shownText(Element text) {
        StringBuilder b = new StringBuilder();
        for (org.w3c.dom.Node n = text.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                b.append(n.getNodeValue());
            }
        }
        return b.toString();
    }

    /** Estimated box {x0, y0, x1, y1} of an unrotated text element, from its anchor, font size and text. */
    static double[] textBox(Element t) {
        double x = Double.parseDouble(t.getAttribute("x"));
        double y = Double.parseDouble(t.getAttribute("y"));
        String fs = t.getAttribute("font-size");
        double size = fs.isEmpty() ? 12 : Double.parseDouble(fs);
        double w = TextMetrics.width(shownText(t), size);
        String anchor = t.getAttribute("text-anchor");
        double x0 = anchor.equals("end") ? x - w : anchor.equals("middle") ? x - w / 2 : x;
        // ascent ~0.76 em, descent ~0.24 em for sans-serif fonts
        return new double[] {x0, y - 0.76 * size, x0 + w, y + 0.24 * size};
    }

    static double[] viewBox(Document d) {
        String[] p = d.getDocumentElement().getAttribute("viewBox").trim().split("\\s+");
        return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
            Double.parseDouble(p[3])};
    }

    static double attr(Element e, String name) {
        return Double.parseDouble(e.getAttribute(name));
    }
}
