package fr.picloud.migration.wave.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The strongly connected components of the dependency graph (Tarjan's algorithm, iterative so a long
 * chain cannot overflow the stack): applications that depend on each other in a cycle form one group
 * and move together; an application in no cycle is a group of one. Groups come out dependencies
 * first: a group is listed after every group it depends on.
 */
public final class DependencyGroups {

    private DependencyGroups() {}

    /**
     * @param dependencies for each node (0..n-1), the nodes it depends on
     * @return the groups, each a list of nodes, dependencies first
     */
    public static List<int[]> of(int[][] dependencies) {
        int n = dependencies.length;
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackSize = 0;
        int counter = 0;
        List<int[]> groups = new ArrayList<>();
        int[] nextEdge = new int[n];
        Deque<Integer> calls = new ArrayDeque<>();
        for (int root = 0; root < n; root++) {
            if (index[root] != -1) {
                continue;
            }
            calls.push(root);
            index[root] = low[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (!calls.isEmpty()) {
                int node = calls.peek();
                if (nextEdge[node] < dependencies[node].length) {
                    int next = dependencies[node][nextEdge[node]++];
                    if (index[next] == -1) {
                        index[next] = low[next] = counter++;
                        stack[stackSize++] = next;
                        onStack[next] = true;
                        calls.push(next);
                    } else if (onStack[next]) {
                        low[node] = Math.min(low[node], index[next]);
                    }
                    continue;
                }
                calls.pop();
                if (!calls.isEmpty()) {
                    int parent = calls.peek();
                    low[parent] = Math.min(low[parent], low[node]);
                }
                if (low[node] == index[node]) {
                    int size = 0;
                    for (int i = stackSize - 1; stack[i] != node; i--) {
                        size++;
                    }
                    int[] group = new int[size + 1];
                    for (int i = 0; i <= size; i++) {
                        int member = stack[--stackSize];
                        onStack[member] = false;
                        group[i] = member;
                    }
                    Arrays.sort(group);
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** Convenience for ids: the groups of ids, dependencies first; unknown dependency ids are ignored. */
    public static List<List<String>> ofIds(List<String> ids, Map<String, List<String>> dependencies) {
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        int[][] edges = new int[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            edges[i] = dependencies.getOrDefault(ids.get(i), List.of()).stream()
                    .filter(position::containsKey)
                    .mapToInt(position::get)
                    .toArray();
        }
        return of(edges).stream()
                .map(group -> Arrays.stream(group).mapToObj(ids::get).toList())
                .toList();
    }
}
