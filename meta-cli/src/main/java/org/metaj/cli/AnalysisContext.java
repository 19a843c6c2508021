package org.metaj.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.FittedModel;
import org.metaj.model.MetaResult;
import org.metaj.regression.MetaRegressionResult;

/**
 * What a {@link Section} sees: the raw columns read from the file, the effect sizes, the configured analysis and its
 * fitted result, and the two outputs (JSON map and text). Sections may replace the top-level figures (a
 * meta-regression reports its own k, tau2, I2).
 */
public final class AnalysisContext {
    private final String file;
    private final StudyColumns columns;
    private final StudyData data;
    private final MetaAnalysis spec;
    private final MetaResult result;
    private final Map<String, Object> json;
    private final StringBuilder text = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();
    private MetaRegressionResult regression;

    AnalysisContext(String file, StudyColumns columns, StudyData data, MetaAnalysis spec, MetaResult result,
            Map<String, Object> json) {
        this.file = file;
        this.columns = columns;
        this.data = data;
        this.spec = spec;
        this.result = result;
        this.json = json;
    }

    /** @return the input file as given */
    public String file() {
        return file;
    }

    /** @return every column read from the file (moderators, subgroups, labels) */
    public StudyColumns columns() {
        return columns;
    }

    /** @return the effect sizes of the studies used */
    public StudyData data() {
        return data;
    }

    /** @return the configured pooled analysis */
    public MetaAnalysis spec() {
        return spec;
    }

    /** @return the fitted pooled model */
    public MetaResult result() {
        return result;
    }

    /**
     * Makes the meta-regression the fitted model of this analysis ({@code --mods}): its figures replace the top-level
     * figures of the model without moderators, and the analyses that follow (influence) take it.
     *
     * @param reg the fitted meta-regression
     */
    public void useRegression(MetaRegressionResult reg) {
        this.regression = reg;
    }

    /** @return the fitted meta-regression under {@code --mods}, or null */
    public MetaRegressionResult regression() {
        return regression;
    }

    /** @return the fitted model the analyses take: the meta-regression under {@code --mods}, else the pooled model */
    public FittedModel model() {
        return regression != null ? regression : result;
    }

    /** @return the JSON answer under construction (insertion-ordered; values: Number, String, arrays, maps) */
    public Map<String, Object> json() {
        return json;
    }

    /** @return the text answer under construction */
    public StringBuilder text() {
        return text;
    }

    /** @param w a warning to show the user (stderr in text mode, "warnings" in JSON) */
    public void warn(String w) {
        warnings.add(w);
    }

    List<String> warnings() {
        return warnings;
    }

    /** @return a new empty ordered map, for nested JSON objects */
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }
}
