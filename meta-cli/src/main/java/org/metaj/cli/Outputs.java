package org.metaj.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a run writes: each is checked before anything is computed, so that no output overwrites an input (a
 * CSV file given as {@code -o} or {@code --forest}, directly, through {@code ./}, {@code ..} or a symbolic link) or
 * another output of the same run, and none names a directory; and each write failure says why.
 */
final class Outputs {
    /** One output: the option that names it and its path. */
    record Output(String option, Path path) {
    }

    private Outputs() {
    }

    /**
     * @param inputs  the files the run reads
     * @param outputs the files it will write
     * @throws UsageException naming the option and the clash
     */
    static void check(List<Path> inputs, List<Output> outputs) {
        Map<Path, String> seen = new HashMap<>();
        for (Path in : inputs) {
            seen.put(identity(in), "the input file " + in);
        }
        for (Output o : outputs) {
            Path p = o.path();
            String s = p.toString();
            if (s.endsWith(File.separator) || s.endsWith("/") || Files.isDirectory(p)) {
                throw new UsageException(o.option() + ": " + p + " is a directory; name a file in it, e.g. "
                        + p.resolve(o.option().equals("-o") || o.option().equals("--output") ? "report.html"
                                : "plot.svg"));
            }
            Path id = identity(p);
            String before = seen.putIfAbsent(id, o.option() + " " + p);
            if (before != null) {
                throw new UsageException(o.option() + " " + p + " is " + (before.startsWith("the input")
                        ? before + " (writing it would destroy the data)" : "also " + before)
                        + "; choose another file name");
            }
        }
    }

    /** @return the path a file name resolves to: links and {@code ..} resolved where the file or its folder exist */
    static Path identity(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(p)) {
                return p.toRealPath();
            }
            Path parent = abs.getParent();
            if (parent != null && Files.exists(parent)) {
                return parent.toRealPath().resolve(abs.getFileName());
            }
        } catch (IOException e) {
            // fall back to the normalised absolute path
        }
        return abs;
    }

    /**
     * Writes a text file (UTF-8), creating missing folders.
     *
     * @param what what is written, for the message ("the forest plot")
     * @throws UsageException with the reason when the file cannot be written
     */
    static void write(String what, Path p, String content) {
        try {
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write " + what + " to " + p + ": " + Messages.reason(e));
        }
    }
}
