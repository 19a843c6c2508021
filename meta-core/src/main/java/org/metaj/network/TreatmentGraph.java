package org.metaj.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.metaj.data.DataException;

/**
 * The graph of a network: treatments are nodes, two treatments compared in a study are joined. The network's
 * relative effects are estimable only if the graph is connected; otherwise the message names every part.
 */
final class TreatmentGraph {
    private TreatmentGraph() {
    }

    /**
     * @throws DataException naming the disconnected sub-networks
     */
    static void requireConnected(ArmTable data, List<String> order, Map<String, Integer> index) {
        int n = order.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int s = 0; s < data.studyCount(); s++) {
            int[] arms = data.armsView(s);
            int first = index.get(data.treatment(arms[0]));
            for (int j = 1; j < arms.length; j++) {
                union(parent, first, index.get(data.treatment(arms[j])));
            }
        }
        List<TreeSet<String>> parts = new ArrayList<>();
        int[] partOf = new int[n];
        java.util.Arrays.fill(partOf, -1);
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (partOf[r] < 0) {
                partOf[r] = parts.size();
                parts.add(new TreeSet<>());
            }
            parts.get(partOf[r]).add(order.get(i));
        }
        if (parts.size() > 1) {
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < parts.size(); p++) {
                sb.append(p == 0 ? "" : "; ").append(p + 1).append(": ").append(String.join(", ", parts.get(p)));
            }
            throw new DataException(data.source(), -1, "treatment", String.format(Locale.ROOT,
                    "the network is not connected: %d separate sub-networks (%s); analyse each part apart or "
                            + "add studies that link them", parts.size(), sb));
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
