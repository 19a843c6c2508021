package org.metaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.report.HtmlReport;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The plots and the report rendered by Debian's Chromium through chromedriver: not blank, every label present and
 * inside the drawing, no two texts overlapping as the browser lays them out, the diamond where the estimate is.
 * Skipped when /usr/bin/chromium or /usr/bin/chromedriver is missing, except under CI=true, where that fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ChromeDriver driver;
    private Path dir;

    @BeforeAll
    void start() throws IOException {
        requireBrowser(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), System.getenv("CI"));
        dir = Files.createTempDirectory("metaj-browser");
        Path profile = Files.createTempDirectory("metaj-chromium-profile");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toString());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Skips (assumption) without a browser, but fails under CI=true so that CI cannot pass without one. */
    static void requireBrowser(boolean present, String ci) {
        if (!present) {
            if ("true".equals(ci)) {
                fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: install chromium and "
                        + "chromium-driver");
            }
            Assumptions.assumeTrue(false, "chromium/chromedriver not installed: browser tests skipped");
        }
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void open(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        driver.get(f.toUri().toString());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Screenshot of the viewport: more than one distinct colour, so something was drawn. */
    private void assertNotBlank() throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 1, "screenshot is a single colour");
    }

    /** Pairs of overlapping text boxes (more than half a pixel both ways), as the browser laid them out. */
    @SuppressWarnings("unchecked")
    private List<String> overlaps(String svgSelector) {
        return (List<String>) js("const t=[...document.querySelectorAll(arguments[0]+' text')];"
                + "const b=t.map(e=>e.getBoundingClientRect());const out=[];"
                + "for(let i=0;i<b.length;i++)for(let j=i+1;j<b.length;j++){const p=b[i],q=b[j];"
                + "if(p.width>0&&q.width>0&&p.left<q.right-0.5&&q.left<p.right-0.5&&p.top<q.bottom-0.5"
                + "&&q.top<p.bottom-0.5)out.push(t[i].textContent+' / '+t[j].textContent);}return out;",
                svgSelector);
    }

    /** Study labels whose box is not inside the svg element's box. */
    @SuppressWarnings("unchecked")
    private List<String> labelsOutside(String svgSelector) {
        return (List<String>) js("const s=document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return [...document.querySelectorAll(arguments[0]+' text.label')].filter(e=>{"
                + "const r=e.getBoundingClientRect();return r.left<s.left-0.5||r.right>s.right+0.5||"
                + "r.top<s.top-0.5||r.bottom>s.bottom+0.5||r.width==0;}).map(e=>e.textContent);", svgSelector);
    }

    /** Screen x of the pooled diamond's centre minus the screen x of the estimate through the axis mapping. */
    private double diamondOffset(String svgSelector) {
        Object r = js("const svg=document.querySelector(arguments[0]);const d=svg.querySelector('polygon.pooled');"
                + "const a=svg.querySelector('g.axis');const est=+d.dataset.estimate;"
                + "const ux=+a.dataset.pxMin+(est-(+a.dataset.min))/((+a.dataset.max)-(+a.dataset.min))"
                + "*((+a.dataset.pxMax)-(+a.dataset.pxMin));const m=svg.getScreenCTM();"
                + "const b=d.getBoundingClientRect();return (b.left+b.right)/2-(m.a*ux+m.e);", svgSelector);
        return ((Number) r).doubleValue();
    }

    @Test
    void forestPlotOfBcgRendersLabelsWithoutOverlapAndDiamondOnTheEstimate() throws IOException {
        MetaResult r = PlotFixtures.bcg(EffectMeasure.RR, Method.REML);
        open("forest.svg", ForestPlot.of(r).withFavours("Favours vaccine", "Favours control").toSvg());
        assertNotBlank();
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) js("return [...document.querySelectorAll('text.label')]"
                + ".map(e=>e.textContent)");
        for (String l : r.data().labels()) {
            assertTrue(labels.contains(l), "label " + l + " missing from " + labels);
        }
        assertEquals(List.of(), labelsOutside("svg"));
        assertEquals(List.of(), overlaps("svg"));
        // inside the viewport too (the window is larger than the plot)
        Number right = (Number) js("return Math.max(...[...document.querySelectorAll('text')]"
                + ".map(e=>e.getBoundingClientRect().right))");
        assertTrue(right.doubleValue() <= driver.manage().window().getSize().getWidth());
        assertEquals(0, diamondOffset("svg"), 1.0, "diamond centred on the pooled estimate within a pixel");
    }

    @Test
    void forestPlotWithSubgroupsAndOneHundredTwentyStudiesStaysLegible() throws IOException {
        open("many.svg", ForestPlot.of(PlotFixtures.generic(120, null)).toSvg());
        assertNotBlank();
        assertEquals(120L, js("return document.querySelectorAll('.study').length"));
        assertEquals(List.of(), labelsOutside("svg"));
        assertEquals(List.of(), overlaps("svg"));
        Number minHeight = (Number) js("return Math.min(...[...document.querySelectorAll('text.label')]"
                + ".map(e=>e.getBoundingClientRect().height))");
        assertTrue(minHeight.doubleValue() >= 12, "labels keep a readable size: " + minHeight);
        assertEquals(0, diamondOffset("svg"), 1.0);

        open("subgroups.svg", ForestPlot.of(PlotFixtures.bcg(EffectMeasure.RR, Method.REML))
                .withSubgroups(SvgLayoutTest.subgroups(), null).toSvg());
        assertEquals(List.of(), overlaps("svg"));
        assertEquals(List.of(), labelsOutside("svg"));
        assertEquals(4L, js("return document.querySelectorAll('polygon.pooled').length"));
    }

    @Test
    void funnelAndOtherPlotsRenderWithoutTextOverlaps() throws IOException {
        MetaResult r = PlotFixtures.bcg(EffectMeasure.RR, Method.REML);
        Map<String, String> plots = Map.of(
                "funnel.svg", FunnelPlot.of(r).withImputed(new double[] {0.2}, new double[] {0.1}, -0.6).toSvg(),
                "radial.svg", RadialPlot.of(r).toSvg(),
                "labbe.svg", LabbePlot.of(r).toSvg(),
                "baujat.svg", BaujatPlot.of(new double[] {0.2, 5, 31, 2, 0.1, 12, 4, 28, 1, 6, 0.3, 0.7, 3},
                        new double[] {0.1, 2, 4, 1, 0.05, 9, 1, 30, 0.5, 3, 0.2, 0.1, 1}, r.data().labels()).toSvg());
        for (Map.Entry<String, String> p : plots.entrySet()) {
            open(p.getKey(), p.getValue());
            assertNotBlank();
            assertEquals(13L, js("return document.querySelectorAll('.study').length"), p.getKey());
            assertEquals(List.of(), overlaps("svg"), p.getKey());
        }
    }

    @Test
    void scriptLabelShowsAsTextAndNothingRuns() throws IOException {
        String evil = "<script>alert(1)</script>";
        MetaResult r = PlotFixtures.generic(3, new String[] {evil, "<img src=x onerror=alert(2)>", "Plain"});
        open("evil.svg", ForestPlot.of(r).withTitle(evil).toSvg());
        assertEquals(0L, js("return document.querySelectorAll('script').length"));
        assertEquals(0L, js("return document.getElementsByTagNameNS('*','img').length"));
        assertEquals(evil, js("return document.querySelector('text.label').textContent"));
        assertNoAlert();
        open("evil.html", HtmlReport.of(r).withTitle(evil).withTable(evil, Map.of(evil, evil)).toHtml());
        assertEquals(0L, js("return document.querySelectorAll('script, img').length"));
        assertEquals(evil, js("return document.querySelector('h1').textContent"));
        assertNoAlert();
    }

    private void assertNoAlert() {
        try {
            driver.switchTo().alert();
            fail("an alert opened: a label was run as script");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    @Test
    void reportRendersWithItsPlotsTablesAndMethods() throws IOException {
        MetaResult r = PlotFixtures.bcg(EffectMeasure.RR, Method.REML);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        open("report.html", HtmlReport.of(r).withTitle("BCG vaccine").toHtml());
        assertNotBlank();
        assertEquals(2L, js("return document.querySelectorAll('svg').length"), "forest and funnel inline");
        assertEquals(13L, js("return document.querySelectorAll('#forest .study').length"));
        assertEquals(13L, js("return document.querySelectorAll('#data tr').length - 1"), "one table row per study");
        assertEquals(List.of(), overlaps("#forest svg"));
        assertEquals(List.of(), labelsOutside("#forest svg"));
        assertEquals(List.of(), overlaps("#funnel svg"));
        assertEquals(0, diamondOffset("#forest svg"), 1.0);
        String methods = (String) js("return document.getElementById('methods').textContent");
        assertTrue(methods.contains("restricted maximum likelihood"), methods);
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(overflow.intValue() <= 0, "no horizontal scrolling: " + overflow);
        assertFalse(((String) js("return document.body.innerText")).contains("NaN"));
    }
}
