package org.metaj.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One reference case of ../shared/reference (copied to test resources): id, data file, CLI-style args, expectations. */
record ReferenceCase(String id, String data, List<String> args, Map<String, JsonNode> expect) {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return id;
    }

    static List<ReferenceCase> load(String file) {
        List<ReferenceCase> cases = new ArrayList<>();
        try (InputStream in = ReferenceCase.class.getResourceAsStream("/reference/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<String> args = new ArrayList<>();
                n.get("args").forEach(a -> args.add(a.asText()));
                Map<String, JsonNode> expect = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.get("expect").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    expect.put(e.getKey(), e.getValue());
                }
                cases.add(new ReferenceCase(n.get("id").asText(), n.get("data").asText(), args, expect));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** @return the value following {@code --name}, or {@code null} */
    String option(String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }

    boolean flag(String name) {
        return args.contains(name);
    }
}
