package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.StudyData;
import org.metaj.multilevel.ClusterRobust;
import org.metaj.multilevel.MultilevelControl;
import org.metaj.multilevel.MultilevelFit;
import org.metaj.multilevel.MultilevelSpec;
import org.metaj.multilevel.ProfileIntervals;
import org.metaj.multilevel.Structure;

/**
 * Every case of {@code multilevel-extra.jsonl} (metafor 3.8-1 {@code rma.mv}, {@code vcalc}, {@code robust},
 * {@code confint}, {@code fitstats}, converged tightly by {@code reference/multilevel-extra.R}) run through the
 * library, one test per case, at the project tolerance. The options are read as CONTRACT-2.md part A defines them.
 */
class MultilevelConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("multilevel-extra.jsonl");
    }

    @Test
    void casesPresent() {
        assertTrue(cases().size() >= 45, "multilevel-extra.jsonl must hold the multilevel reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, figures(c));
    }

    static List<String> all(ReferenceCase c, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < c.args().size(); i++) {
            if (c.args().get(i).equals(name)) {
                out.add(c.args().get(i + 1));
            }
        }
        return out;
    }

    static List<String> list(String s) {
        return s == null ? List.of() : Arrays.asList(s.split(","));
    }

    static Map<String, Object> figures(ReferenceCase c) {
        StudyData d = CasesConformanceTest.data(c);
        MultilevelSpec spec = MultilevelSpec.withDefaults().withRandom(all(c, "--random"))
                .withMods(list(c.option("--mods"))).withCluster(c.option("--cluster"))
                .withVcovColumns(list(c.option("--vcov-columns")))
                .withSharedGroups(list(c.option("--shared-groups")), list(c.option("--group-sizes")));
        if (c.option("--struct") != null) {
            spec = spec.with(Structure.parse(c.option("--struct")));
        }
        if (c.option("--rho") != null) {
            spec = spec.withRho(Double.parseDouble(c.option("--rho")));
        }
        MultilevelControl control = MultilevelControl.withDefaults();
        if (c.option("--method") != null) {
            control = control.with(MultilevelControl.Estimation.parse(c.option("--method")));
        }
        control = control.withTTest("t".equals(c.option("--test")));
        MultilevelFit fit = spec.build(d).fit(control);
        Map<String, Object> f = new LinkedHashMap<>(fit.figures());
        if (c.option("--robust") != null) {
            f.putAll(ClusterRobust.of(fit, d.columns(), c.option("--robust"), c.flag("--clubsandwich")).figures());
        }
        if (c.flag("--variance-ci")) {
            f.putAll(ProfileIntervals.of(fit).figures());
        }
        return f;
    }
}
