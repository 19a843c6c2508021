package org.metaj.cli;

import java.util.Locale;

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
            description = "lm: weighted regression (classic, default); rma: mixed-effects meta-regression with the "
                    + "model's method and test")
    String eggerModel;

    @Option(names = "--egger-predictor", paramLabel = "P", defaultValue = "sei",
            description = "sei (default), vi, ninv (1/n), sqrtninv (1/sqrt(n))")
    String eggerPredictor;

    @Option(names = "--begg", description = "Begg's rank correlation test (metafor ranktest)")
    boolean begg;

    @Option(names = "--trimfill", description = "trim and fill (metafor trimfill)")
    boolean trimfill;

    @Option(names = "--trimfill-estimator", paramLabel = "L0|R0", defaultValue = "L0",
            description = "estimator of the number of missing studies (default: ${DEFAULT-VALUE})")
    String trimfillEstimator;

    @Option(names = "--trimfill-side", paramLabel = "left|right",
            description = "side of the missing studies (default: chosen from the data, as metafor does)")
    String trimfillSide;

    @Option(names = "--failsafe", description = "fail-safe N: Rosenthal, Orwin, Rosenberg (metafor fsn)")
    boolean failsafe;

    @Option(names = "--petpeese", description = "PET-PEESE regressions and conditional estimate")
    boolean petpeese;

    @Override
    public void run(AnalysisContext ctx) {
        MetaResult r = ctx.result();
        if (egger) {
            EggerTest.Model m;
            switch (eggerModel.toLowerCase(Locale.ROOT)) {
                case "lm":
                    m = EggerTest.Model.LM;
                    break;
                case "rma":
                    m = EggerTest.Model.RMA;
                    break;
                default:
                    throw new UsageException("--egger-model must be lm or rma, got '" + eggerModel + "'");
            }
            EggerTest.Predictor p;
            try {
                p = EggerTest.Predictor.parse(eggerPredictor);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--egger-predictor: " + e.getMessage());
            }
            EggerTest.Result e = EggerTest.classic().with(m).with(p).test(r);
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

    /** @return trim and fill as configured by --trimfill-estimator and --trimfill-side (also used by plots) */
    TrimAndFill trimFill() {
        TrimAndFill t = TrimAndFill.withDefaults();
        switch (trimfillEstimator.toUpperCase(Locale.ROOT)) {
            case "L0":
                t = t.with(TrimAndFill.Estimator.L0);
                break;
            case "R0":
                t = t.with(TrimAndFill.Estimator.R0);
                break;
            default:
                throw new UsageException("--trimfill-estimator must be L0 or R0, got '" + trimfillEstimator
                        + "'");
        }
        if (trimfillSide != null) {
            switch (trimfillSide.toLowerCase(Locale.ROOT)) {
                case "left":
                    t = t.with(TrimAndFill.Side.LEFT);
                    break;
                case "right":
                    t = t.with(TrimAndFill.Side.RIGHT);
                    break;
                default:
                    throw new UsageException("--trimfill-side must be left or right, got '" + trimfillSide
                            + "'");
            }
        }
        return t;
    }
}
