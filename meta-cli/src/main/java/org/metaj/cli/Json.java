package org.metaj.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON output with Jackson. Undefined numbers (NaN, infinite) become {@code null}, as the contract asks; arrays of
 * doubles become lists.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(clean(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Object clean(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? v : null;
        }
        if (v instanceof double[]) {
            double[] a = (double[]) v;
            List<Object> out = new ArrayList<>(a.length);
            for (double d : a) {
                out.add(Double.isFinite(d) ? d : null);
            }
            return out;
        }
        if (v instanceof int[]) {
            int[] a = (int[]) v;
            List<Object> out = new ArrayList<>(a.length);
            for (int d : a) {
                out.add(d);
            }
            return out;
        }
        if (v instanceof boolean[]) {
            boolean[] a = (boolean[]) v;
            List<Object> out = new ArrayList<>(a.length);
            for (boolean d : a) {
                out.add(d);
            }
            return out;
        }
        if (v instanceof Object[]) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) v) {
                out.add(clean(o));
            }
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(clean(o));
            }
            return out;
        }
        if (v instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(String.valueOf(e.getKey()), clean(e.getValue()));
            }
            return out;
        }
        return v;
    }
}
