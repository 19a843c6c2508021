package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.model.TestType;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Every case of the reference file {@code cases.jsonl} (metafor 3.8-1 results, ../shared/reference) run through
 * the library, one test per case, at the project tolerance.
 */
class CasesConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("cases.jsonl");
    }

    @Test
    void allCasesPresent() {
        assertEquals(289, cases().size(), "cases.jsonl must hold the 289 reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, fit(c).figures());
    }

    static StudyData data(ReferenceCase c) {
        Table t = table(c.data());
        String measure = c.option("--measure");
        EffectSizes es = EffectSizes.withDefaults();
        return measure == null ? es.generic(Tables.toStudyColumns(t)).toStudyData()
                : es.compute(EffectMeasure.parse(measure), Tables.toStudyColumns(t)).toStudyData();
    }

    static org.metaj.model.MetaResult fit(ReferenceCase c) {
        MetaAnalysis ma = MetaAnalysis.withDefaults();
        if (c.option("--method") != null) {
            ma = ma.with(Method.parse(c.option("--method")));
        }
        if (c.option("--test") != null) {
            ma = ma.with(TestType.parse(c.option("--test")));
        }
        return ma.fit(data(c));
    }

    static Table table(String path) {
        try (InputStream in = CasesConformanceTest.class.getResourceAsStream("/reference/" + path)) {
            return Table.read().usingOptions(CsvReadOptions.builder(in).tableName(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<ReferenceCase> stream() {
        return cases().stream();
    }
}
