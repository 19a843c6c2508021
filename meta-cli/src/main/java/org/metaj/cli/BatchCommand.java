package org.metaj.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            out.println(Json.write(answer(line, n)));
            out.flush();
        }
        return 0;
    }

    /** Answers one input line. */
    static Map<String, Object> answer(String line, int lineNumber) {
        Map<String, Object> a = new LinkedHashMap<>();
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            a.put("id", null);
            a.put("error", "input line " + lineNumber + " is not JSON: " + e.getMessage().split("\n")[0]);
            return a;
        }
        JsonNode id = node.get("id");
        a.put("id", id == null ? null : id.isNumber() ? id.numberValue() : id.asText());
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
                arr.forEach(x -> args.add(x.asText()));
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
            CommandLine cl = new CommandLine(cmd);
            cl.setOut(new PrintWriter(sink));
            cl.setErr(new PrintWriter(sink));
            cl.parseArgs(args.toArray(new String[0]));
            Map<String, Object> result = cmd.analyze();
            result.remove("_text");
            result.remove("_stderr");
            a.put("result", result);
        } catch (CommandLine.ParameterException e) {
            a.put("error", e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            a.put("error", Main.message(e));
        }
        return a;
    }
}
