package org.metaj.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.metaj.bias.EggerTest;
import org.metaj.bias.TrimAndFill;
import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.plot.ForestPlot;
import org.metaj.resample.Bootstrap;
import org.metaj.resample.IntervalType;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed option values. Each converter parses with the library's own {@code parse} (so its aliases, e.g. {@code EE}
 * for FE or {@code hksj} for Knapp-Hartung, and its error message hold on the command line too), and each candidate
 * list derives from the enum: the help ({@code ${COMPLETION-CANDIDATES}}), shell completion and the messages list
 * the same names, and a new constant appears in all of them without another edit.
 */
final class Converters {
    private Converters() {
    }

    /** The output format of {@code analyze} and {@code bootstrap}. */
    enum Format {
        /** readable text on stdout, warnings on stderr. */
        TEXT,
        /** one JSON object on stdout (warnings inside it). */
        JSON
    }

    /** Wraps a library parser: its IllegalArgumentException message becomes picocli's conversion error. */
    abstract static class Parsing<T> implements ITypeConverter<T> {
        private final Function<String, T> parser;

        Parsing(Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T convert(String value) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(Messages.shorten(e.getMessage()));
            }
        }
    }

    /** Candidates: the constants' names as the command line writes them. */
    abstract static class Names implements Iterable<String> {
        private final List<String> names = new ArrayList<>();

        <E extends Enum<E>> Names(E[] values, Function<E, String> name) {
            for (E e : values) {
                names.add(name.apply(e));
            }
        }

        @Override
        public Iterator<String> iterator() {
            return names.iterator();
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Lower-case enum parsing with a message that lists the accepted names. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String what) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(lower(e));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "'; expected one of "
                + String.join(", ", names));
    }

    static final class MethodConverter extends Parsing<Method> {
        MethodConverter() {
            super(Method::parse);
        }
    }

    static final class MethodNames extends Names {
        MethodNames() {
            super(Method.values(), Method::label);
        }
    }

    static final class MeasureConverter extends Parsing<EffectMeasure> {
        MeasureConverter() {
            super(EffectMeasure::parse);
        }
    }

    static final class MeasureNames extends Names {
        MeasureNames() {
            super(EffectMeasure.values(), Enum::name);
        }
    }

    static final class TestConverter extends Parsing<TestType> {
        TestConverter() {
            super(TestType::parse);
        }
    }

    static final class TestNames extends Names {
        TestNames() {
            super(TestType.values(), Converters::lower);
        }
    }

    static final class PolicyConverter extends Parsing<MetaAnalysis.OnNonConvergence> {
        PolicyConverter() {
            super(s -> {
                for (MetaAnalysis.OnNonConvergence p : MetaAnalysis.OnNonConvergence.values()) {
                    if (s != null && p.name().equalsIgnoreCase(s.trim())) {
                        return p;
                    }
                }
                throw new IllegalArgumentException("must be report, fail or DL, got '" + s + "'");
            });
        }
    }

    static final class PolicyNames extends Names {
        PolicyNames() {
            super(MetaAnalysis.OnNonConvergence.values(),
                    p -> p == MetaAnalysis.OnNonConvergence.DL ? "DL" : lower(p));
        }
    }

    static final class FormatConverter extends Parsing<Format> {
        FormatConverter() {
            super(s -> parseEnum(Format.class, s, "format"));
        }
    }

    static final class FormatNames extends Names {
        FormatNames() {
            super(Format.values(), Converters::lower);
        }
    }

    static final class EggerModelConverter extends Parsing<EggerTest.Model> {
        EggerModelConverter() {
            super(s -> parseEnum(EggerTest.Model.class, s, "Egger model"));
        }
    }

    static final class EggerModelNames extends Names {
        EggerModelNames() {
            super(EggerTest.Model.values(), Converters::lower);
        }
    }

    static final class PredictorConverter extends Parsing<EggerTest.Predictor> {
        PredictorConverter() {
            super(EggerTest.Predictor::parse);
        }
    }

    static final class PredictorNames extends Names {
        PredictorNames() {
            super(EggerTest.Predictor.values(), EggerTest.Predictor::label);
        }
    }

    static final class EstimatorConverter extends Parsing<TrimAndFill.Estimator> {
        EstimatorConverter() {
            super(s -> parseEnum(TrimAndFill.Estimator.class, s, "trim-and-fill estimator"));
        }
    }

    static final class EstimatorNames extends Names {
        EstimatorNames() {
            super(TrimAndFill.Estimator.values(), Enum::name);
        }
    }

    static final class SideConverter extends Parsing<TrimAndFill.Side> {
        SideConverter() {
            super(s -> parseEnum(TrimAndFill.Side.class, s, "side"));
        }
    }

    static final class SideNames extends Names {
        SideNames() {
            super(TrimAndFill.Side.values(), TrimAndFill.Side::label);
        }
    }

    static final class BootstrapTypeConverter extends Parsing<Bootstrap.Type> {
        BootstrapTypeConverter() {
            super(Bootstrap.Type::parse);
        }
    }

    static final class BootstrapTypeNames extends Names {
        BootstrapTypeNames() {
            super(Bootstrap.Type.values(), Converters::lower);
        }
    }

    static final class IntervalConverter extends Parsing<IntervalType> {
        IntervalConverter() {
            super(IntervalType::parse);
        }
    }

    static final class IntervalNames extends Names {
        IntervalNames() {
            super(IntervalType.values(), Converters::lower);
        }
    }

    /**
     * An output file: a name that ends with a separator ({@code -o out/}) names a folder, not a file, and would
     * otherwise write a file called {@code out}.
     */
    static final class OutputFile implements ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String value) {
            if (value.isEmpty()) {
                throw new TypeConversionException("an empty file name");
            }
            if (value.endsWith("/") || value.endsWith(java.io.File.separator)) {
                throw new TypeConversionException("'" + Messages.shorten(value) + "' names a directory, not a file; "
                        + "give a file name in it, e.g. '" + Messages.shorten(value) + "report.html' or '"
                        + Messages.shorten(value) + "forest.svg'");
            }
            try {
                return java.nio.file.Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw new TypeConversionException("'" + Messages.shorten(value) + "' is not a file name: "
                        + e.getReason());
            }
        }
    }

    static final class OrderConverter extends Parsing<ForestPlot.Order> {
        OrderConverter() {
            super(s -> parseEnum(ForestPlot.Order.class, s, "row order"));
        }
    }

    static final class OrderNames extends Names {
        OrderNames() {
            super(ForestPlot.Order.values(), Converters::lower);
        }
    }
}
