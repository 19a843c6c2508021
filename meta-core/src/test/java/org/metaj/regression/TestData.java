package org.metaj.regression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Reads a reference dataset of the test resources (reference/data/*.csv) into study data. */
final class TestData {
    private TestData() {
    }

    /**
     * @param file    file name under reference/data
     * @param measure effect measure, or {@code null} for yi/vi columns
     */
    static StudyData load(String file, String measure) {
        String path = "/reference/data/" + file;
        try (InputStream in = TestData.class.getResourceAsStream(path)) {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(in).tableName(file));
            EffectSizes es = EffectSizes.withDefaults();
            return measure == null ? es.generic(Tables.toStudyColumns(t)).toStudyData()
                    : es.compute(EffectMeasure.parse(measure), Tables.toStudyColumns(t)).toStudyData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
