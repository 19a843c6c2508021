package org.metaj.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code meta batch}: JSON lines in, JSON lines out, one JVM for many analyses. Each input line
 * {@code {"id": ..., "file": "/abs/path.csv", "args": [...]}} answers one line {@code {"id": ..., "result": {...}}}
 * (what {@code analyze --format json} prints) or {@code {"id": ..., "error": "message"}}; a bad case never stops
 * the others.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Read JSON lines {\"id\", \"file\", \"args\"} from standard input and answer one JSON line "
                + "each ({\"id\", \"result\"} or {\"id\", \"error\"}).")
public final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(new InputStreamReader(input(), StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark
            }
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> a;
            try {
                a = answer(line, n);
            } catch (Throwable t) { // every line gets its answer, whatever happened to the one before
                a = new LinkedHashMap<>();
                a.put("id", null);
                a.put("error", Main.message(t));
            }
            out.println(Json.write(a));
            out.flush();
        }
        return 0;
    }

    /** Where the lines come from: standard input, or the stream a test sets. */
    static java.io.InputStream input() {
        java.io.InputStream in = INPUT.get();
        return in != null ? in : System.in;
    }

    /** A test's input stream for this thread (null: standard input). */
    static final ThreadLocal<java.io.InputStream> INPUT = new ThreadLocal<>();

    /** Answers one input line. */
    static Map<String, Object> answer(String line, int lineNumber) {
        Map<String, Object> a = new LinkedHashMap<>();
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            a.put("id", null);
            a.put("error", "input line " + lineNumber + " is not JSON: "
                    + Messages.shorten(String.valueOf(e.getMessage()).split("\n")[0]));
            return a;
        }
        if (node == null || !node.isObject()) {
            a.put("id", null);
            a.put("error", "input line " + lineNumber + " must be a JSON object {\"id\", \"file\", \"args\"}");
            return a;
        }
        JsonNode id = node.get("id");
        a.put("id", id); // echoed as given: a string, number, object or array
        try {
            if (node.get("file") == null || !node.get("file").isTextual()) {
                throw new UsageException("input line " + lineNumber + ": \"file\" (a CSV path) is missing");
            }
            List<String> args = new ArrayList<>();
            args.add(node.get("file").asText());
            JsonNode arr = node.get("args");
            if (arr != null) {
                if (!arr.isArray()) {
                    throw new UsageException("input line " + lineNumber + ": \"args\" must be an array of strings");
                }
                for (int i = 0; i < arr.size(); i++) {
                    JsonNode x = arr.get(i);
                    if (!x.isTextual()) {
                        throw new UsageException(String.format(Locale.ROOT, "input line %d: \"args\" must be an "
                                + "array of strings; element %d is %s %s (write it as a string: \"%s\")",
                                lineNumber, i + 1, x.getNodeType().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                Messages.shorten(x.toString()), Messages.shorten(x.isValueNode() ? x.asText()
                                        : x.toString()).replace("\"", "'")));
                    }
                    args.add(x.asText());
                }
            }
            JsonNode command = node.get("command");
            boolean network = command != null && "network".equals(command.asText())
                    || args.size() > 1 && "network".equals(args.get(1));
            if (network) {
                if (args.size() > 1 && "network".equals(args.get(1))) {
                    args.remove(1);
                }
                NetworkCommand net = new NetworkCommand();
                new CommandLine(net).parseArgs(args.toArray(new String[0]));
                a.put("result", NetworkCommand.figures(net.fit()));
                return a;
            }
            AnalyzeCommand cmd = new AnalyzeCommand();
            StringWriter sink = new StringWriter();
            CommandLine cl = Main.configure(new CommandLine(cmd), new PrintWriter(sink), new PrintWriter(sink));
            cl.parseArgs(args.toArray(new String[0]));
            a.put("result", cmd.analyze().json());
        } catch (CommandLine.ParameterException e) {
            a.put("error", Messages.shorten(e.getMessage()));
        } catch (RuntimeException | Error e) {
            JsonNode f = node.get("file");
            a.put("error", Main.message(e, f != null && f.isTextual() ? f.asText() : null));
        }
        return a;
    }
}
