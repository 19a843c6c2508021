package org.metaj.resample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Test inputs: the BCG trials (reference/data/bcg.csv) as log risk ratios. */
final class ResampleTestData {
    private ResampleTestData() {
    }

    static StudyData bcg() {
        try (InputStream in = ResampleTestData.class.getResourceAsStream("/reference/data/bcg.csv")) {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(in).tableName("bcg"));
            return EffectSizes.withDefaults().compute(EffectMeasure.RR, Tables.toStudyColumns(t)).toStudyData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
