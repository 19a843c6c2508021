package org.metaj.cli;

import org.metaj.bias.BeggTest;
import org.metaj.bias.EggerTest;
import org.metaj.bias.FailSafeN;
import org.metaj.bias.PetPeese;
import org.metaj.bias.TrimAndFill;
import org.metaj.model.MetaResult;

import picocli.CommandLine.Option;

/**
 * Small-study and publication-bias analyses of the pooled model ({@code --egger --begg --trimfill --failsafe
 * --petpeese}, org.metaj.bias), with their figures under the contract's keys ({@code egger_*}, {@code begg_*},
 * {@code trimfill_*}, {@code failsafe_*}, {@code petpeese_*}) and a readable block each in the text.
 */
public final class BiasSection implements Section {
    @Option(names = "--egger", description = "Egger's regression test (metafor regtest; default: model lm, "
            + "predictor sei)")
    boolean egger;

    @Option(names = "--egger-model", paramLabel = "lm|rma", defaultValue = "lm",
            converter = Converters.EggerModelConverter.class, completionCandidates = Converters.EggerModelNames.class,
            description = "lm: weighted regression (classic, default); rma: mixed-effects meta-regression with the "
                    + "model's method and test")
    EggerTest.Model eggerModel = EggerTest.Model.LM;

    @Option(names = "--egger-predictor", paramLabel = "P", defaultValue = "sei",
            converter = Converters.PredictorConverter.class, completionCandidates = Converters.PredictorNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; ninv = 1/n, sqrtninv = 1/sqrt(n))")
    EggerTest.Predictor eggerPredictor = EggerTest.Predictor.SEI;

    @Option(names = "--begg", description = "Begg's rank correlation test (metafor ranktest)")
    boolean begg;

    @Option(names = "--trimfill", description = "trim and fill (metafor trimfill)")
    boolean trimfill;

    @Option(names = "--trimfill-estimator", paramLabel = "L0|R0", defaultValue = "L0",
            converter = Converters.EstimatorConverter.class, completionCandidates = Converters.EstimatorNames.class,
            description = "estimator of the number of missing studies: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE})")
    TrimAndFill.Estimator trimfillEstimator = TrimAndFill.Estimator.L0;

    @Option(names = "--trimfill-side", paramLabel = "left|right",
            converter = Converters.SideConverter.class, completionCandidates = Converters.SideNames.class,
            description = "side of the missing studies (default: chosen from the data, as metafor does)")
    TrimAndFill.Side trimfillSide;

    @Option(names = "--failsafe", description = "fail-safe N: Rosenthal, Orwin, Rosenberg (metafor fsn)")
    boolean failsafe;

    @Option(names = "--petpeese", description = "PET-PEESE regressions and conditional estimate")
    boolean petpeese;

    @Override
    public void run(AnalysisContext ctx) {
        MetaResult r = ctx.result();
        if (egger) {
            EggerTest.Result e = eggerTest().test(r);
            ctx.json().putAll(e.figures());
            ctx.text().append('\n').append(e);
        }
        if (begg) {
            BeggTest b = BeggTest.test(r);
            ctx.json().putAll(b.figures());
            ctx.text().append('\n').append(b);
        }
        if (trimfill) {
            TrimAndFill t = trimFill();
            TrimAndFill.Result tf = t.fit(r);
            ctx.json().putAll(tf.figures());
            ctx.text().append('\n').append(tf);
        }
        if (failsafe) {
            FailSafeN f = FailSafeN.of(r);
            ctx.json().putAll(f.figures());
            ctx.text().append('\n').append(f);
        }
        if (petpeese) {
            PetPeese pp = PetPeese.of(r);
            ctx.json().putAll(pp.figures());
            ctx.text().append('\n').append(pp);
        }
    }

    /** @return Egger's test as configured by --egger-model and --egger-predictor (also used by the report) */
    EggerTest eggerTest() {
        return EggerTest.classic().with(eggerModel).with(eggerPredictor);
    }

    /** @return trim and fill as configured by --trimfill-estimator and --trimfill-side (also used by plots) */
    TrimAndFill trimFill() {
        TrimAndFill t = TrimAndFill.withDefaults().with(trimfillEstimator);
        return trimfillSide == null ? t : t.with(trimfillSide);
    }
}
