package fr.picloud.migration.wave.domain;

import fr.picloud.migration.wave.domain.WavePlan.Decision;
import fr.picloud.migration.wave.domain.WavePlan.Member;
import fr.picloud.migration.wave.domain.WavePlan.PlannedWave;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Picks the applications to move first and puts them into dated waves.
 *
 * <ol>
 *   <li>Dependency cycles become groups that move together (see {@link DependencyGroups}).
 *   <li>A group can move now when each member's recommendation moves it now and nothing it depends on
 *       moves only later (a refactoring): an application never moves before what it needs. What stays
 *       (retained, retired, repurchased) does not hold it back.
 *   <li>Groups are taken by best combined score, each with the groups it needs that have not moved
 *       yet, while the total stays within the fraction of the portfolio.
 *   <li>Each group goes into the first wave, from that of its latest dependency on, with room for it
 *       in applications and vCPU.
 * </ol>
 *
 * A movable group larger than a wave is refused as a whole, naming the group: nothing is half-planned.
 */
public final class WavePlanner {

    private enum State {
        LAUNCHED,
        MOVABLE,
        BLOCKED,
        NOT_MOVABLE
    }

    private WavePlanner() {}

    /**
     * @param launched applications already in launched waves: they count towards the target and
     *     satisfy the dependencies of others, and are left where they are
     * @param launchedWaves how many waves were launched, so new waves are numbered after them
     */
    public static WavePlan plan(
            List<PlanCandidate> portfolio, Set<String> launched, int launchedWaves, PlanParameters parameters) {
        int n = portfolio.size();
        Map<String, Integer> position = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            position.put(portfolio.get(i).id(), i);
        }
        int[][] edges = new int[n][];
        for (int i = 0; i < n; i++) {
            edges[i] = portfolio.get(i).dependencies().stream()
                    .filter(position::containsKey)
                    .mapToInt(position::get)
                    .toArray();
        }
        List<int[]> groups = DependencyGroups.of(edges);
        int groupCount = groups.size();
        int[] groupOf = new int[n];
        for (int g = 0; g < groupCount; g++) {
            for (int member : groups.get(g)) {
                groupOf[member] = g;
            }
        }
        int[][] groupDependencies = new int[groupCount][];
        for (int g = 0; g < groupCount; g++) {
            TreeSet<Integer> needed = new TreeSet<>();
            for (int member : groups.get(g)) {
                for (int dependency : edges[member]) {
                    if (groupOf[dependency] != g) {
                        needed.add(groupOf[dependency]);
                    }
                }
            }
            groupDependencies[g] = needed.stream().mapToInt(Integer::intValue).toArray();
        }

        // states, dependencies first (the order DependencyGroups gives)
        State[] state = new State[groupCount];
        String[] outReason = new String[n];
        for (int g = 0; g < groupCount; g++) {
            int[] members = groups.get(g);
            PlanCandidate first = portfolio.get(members[0]);
            if (launched.contains(first.id())) {
                state[g] = State.LAUNCHED;
                continue;
            }
            List<Integer> staying = Arrays.stream(members)
                    .filter(member -> !portfolio.get(member).recommendation().movesNow())
                    .boxed()
                    .toList();
            if (!staying.isEmpty()) {
                state[g] = State.NOT_MOVABLE;
                for (int member : members) {
                    PlanCandidate candidate = portfolio.get(member);
                    outReason[member] = candidate.recommendation().movesNow()
                            ? "in a dependency cycle with " + ids(portfolio, staying) + ", which do not move now"
                            : describe(candidate);
                }
                continue;
            }
            state[g] = State.MOVABLE;
            for (int dependency : groupDependencies[g]) {
                PlanCandidate needed = portfolio.get(groups.get(dependency)[0]);
                String why = switch (state[dependency]) {
                    case BLOCKED -> "depends on " + needed.id() + ", which cannot move yet";
                    case NOT_MOVABLE ->
                        groupMovesLater(portfolio, groups.get(dependency))
                                ? "depends on " + ids(portfolio, groups.get(dependency)) + " ("
                                        + needed.recommendation().name().toLowerCase(Locale.ROOT)
                                        + "), which moves later"
                                : null;
                    default -> null;
                };
                if (why != null) {
                    state[g] = State.BLOCKED;
                    for (int member : members) {
                        outReason[member] = why;
                    }
                    break;
                }
            }
        }

        // a movable group that no wave can hold makes the request impossible
        List<Violation> tooBig = new ArrayList<>();
        int[] groupSize = new int[groupCount];
        int[] groupVcpus = new int[groupCount];
        double[] groupScore = new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            int[] members = groups.get(g);
            groupSize[g] = members.length;
            for (int member : members) {
                groupVcpus[g] += portfolio.get(member).vcpus();
                groupScore[g] += portfolio.get(member).combined();
            }
            groupScore[g] /= members.length;
            if (state[g] == State.MOVABLE
                    && (groupSize[g] > parameters.maxApplications() || groupVcpus[g] > parameters.maxVcpus())) {
                tooBig.add(new Violation(
                        "capacity",
                        (members.length > 1
                                        ? "dependency group " + ids(portfolio, members)
                                        : "application "
                                                + portfolio.get(members[0]).id())
                                + " must move in one wave but needs " + groupSize[g] + " applications and "
                                + groupVcpus[g] + " vCPU; a wave holds " + parameters.maxApplications()
                                + " applications and " + parameters.maxVcpus() + " vCPU"));
            }
        }
        if (!tooBig.isEmpty()) {
            throw new InvalidInputException(
                    "the capacity per wave is too small for " + tooBig.size() + " dependency group(s)", tooBig);
        }

        // selection by score, each group with what it needs
        int launchedCount =
                (int) portfolio.stream().filter(c -> launched.contains(c.id())).count();
        int target = (int) Math.ceil(parameters.fraction() * n - 1e-9);
        int room = Math.max(0, target - launchedCount);
        Integer[] ranking = new Integer[groupCount];
        for (int g = 0; g < groupCount; g++) {
            ranking[g] = g;
        }
        Arrays.sort(
                ranking,
                Comparator.comparingDouble((Integer g) -> -groupScore[g])
                        .thenComparing(g -> portfolio.get(groups.get(g)[0]).id()));
        int[] rankOf = new int[groupCount];
        int movableRank = 0;
        for (Integer g : ranking) {
            rankOf[g] = state[g] == State.MOVABLE ? ++movableRank : 0;
        }
        int movableCount = movableRank;
        BitSet selected = new BitSet(groupCount);
        String[] inReason = new String[groupCount];
        int selectedCount = 0;
        for (Integer g : ranking) {
            if (state[g] != State.MOVABLE || selected.get(g)) {
                continue;
            }
            List<Integer> closure = closure(g, groupDependencies, state, selected);
            int size = closure.stream().mapToInt(c -> groupSize[c]).sum();
            if (selectedCount + size > room) {
                String why = "beyond the target of " + target + " applications ("
                        + Math.round(parameters.fraction() * 100) + " % of " + n + "): ranked " + rankOf[g] + " of "
                        + movableCount + " movable with a combined score of " + format(groupScore[g])
                        + (size > groupSize[g] ? ", and needs " + (size - groupSize[g]) + " more with it" : "");
                for (int member : groups.get(g)) {
                    outReason[member] = why;
                }
                continue;
            }
            selectedCount += size;
            for (int c : closure) {
                selected.set(c);
                inReason[c] = c == g
                        ? "ranked " + rankOf[g] + " of " + movableCount + " movable with a combined score of "
                                + format(groupScore[g])
                        : "needed by " + ids(portfolio, groups.get(g)) + ", so it moves no later (ranked " + rankOf[c]
                                + ")";
            }
        }

        List<PlannedWave> waves = assign(
                portfolio,
                groups,
                groupDependencies,
                selected,
                ranking,
                inReason,
                groupSize,
                groupVcpus,
                launchedWaves,
                parameters);

        List<Decision> excluded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PlanCandidate candidate = portfolio.get(i);
            if (state[groupOf[i]] == State.LAUNCHED || selected.get(groupOf[i])) {
                continue;
            }
            excluded.add(new Decision(candidate.id(), candidate.name(), outReason[i]));
        }
        return new WavePlan(n, target, waves, excluded);
    }

    private static List<PlannedWave> assign(
            List<PlanCandidate> portfolio,
            List<int[]> groups,
            int[][] groupDependencies,
            BitSet selected,
            Integer[] ranking,
            String[] inReason,
            int[] groupSize,
            int[] groupVcpus,
            int launchedWaves,
            PlanParameters parameters) {
        int groupCount = groups.size();
        int[] priority = new int[groupCount];
        for (int r = 0; r < ranking.length; r++) {
            priority[ranking[r]] = r;
        }
        int[] waiting = new int[groupCount];
        List<List<Integer>> dependents = new ArrayList<>(groupCount);
        for (int g = 0; g < groupCount; g++) {
            dependents.add(new ArrayList<>());
        }
        for (int g = selected.nextSetBit(0); g >= 0; g = selected.nextSetBit(g + 1)) {
            for (int dependency : groupDependencies[g]) {
                if (selected.get(dependency)) {
                    waiting[g]++;
                    dependents.get(dependency).add(g);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.comparingInt(g -> priority[g]));
        for (int g = selected.nextSetBit(0); g >= 0; g = selected.nextSetBit(g + 1)) {
            if (waiting[g] == 0) {
                ready.add(g);
            }
        }
        int[] waveOf = new int[groupCount];
        List<int[]> load = new ArrayList<>(); // per wave: applications, vcpus
        List<List<Integer>> contents = new ArrayList<>();
        while (!ready.isEmpty()) {
            int g = ready.poll();
            int earliest = 0;
            for (int dependency : groupDependencies[g]) {
                if (selected.get(dependency)) {
                    earliest = Math.max(earliest, waveOf[dependency]);
                }
            }
            int wave = earliest;
            while (wave < load.size()
                    && (load.get(wave)[0] + groupSize[g] > parameters.maxApplications()
                            || load.get(wave)[1] + groupVcpus[g] > parameters.maxVcpus())) {
                wave++;
            }
            if (wave == load.size()) {
                load.add(new int[2]);
                contents.add(new ArrayList<>());
            }
            load.get(wave)[0] += groupSize[g];
            load.get(wave)[1] += groupVcpus[g];
            contents.get(wave).add(g);
            waveOf[g] = wave;
            for (int dependent : dependents.get(g)) {
                if (--waiting[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        List<PlannedWave> waves = new ArrayList<>();
        for (int w = 0; w < contents.size(); w++) {
            List<Member> members = new ArrayList<>();
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal after = BigDecimal.ZERO;
            for (int g : contents.get(w)) {
                int[] group = groups.get(g);
                String cycle =
                        group.length > 1 ? "; dependency cycle " + ids(portfolio, group) + " moves together" : "";
                for (int member : group) {
                    PlanCandidate candidate = portfolio.get(member);
                    String reason = candidate.recommendation().name().toLowerCase(Locale.ROOT) + " ("
                            + candidate.recommendationReason() + "); " + inReason[g] + cycle
                            + (w > 0 && isHeldBack(g, groupDependencies, selected, waveOf, w)
                                    ? "; after what it depends on"
                                    : "");
                    members.add(new Member(candidate.id(), candidate.name(), candidate.combined(), reason, candidate));
                    before = before.add(candidate.target().monthlyCostBefore());
                    after = after.add(candidate.target().monthlyCostAfter());
                }
            }
            var start = parameters.startDate().plusDays((long) w * parameters.waveDays());
            waves.add(new PlannedWave(
                    launchedWaves + w + 1,
                    start,
                    start.plusDays(parameters.waveDays() - 1L),
                    List.copyOf(members),
                    load.get(w)[1],
                    before,
                    after));
        }
        return waves;
    }

    private static boolean isHeldBack(int g, int[][] groupDependencies, BitSet selected, int[] waveOf, int wave) {
        for (int dependency : groupDependencies[g]) {
            if (selected.get(dependency) && waveOf[dependency] == wave - 1) {
                return true;
            }
        }
        return false;
    }

    /** The group and every group it needs that is movable, not yet selected (depth first, no recursion). */
    private static List<Integer> closure(int start, int[][] groupDependencies, State[] state, BitSet selected) {
        List<Integer> closure = new ArrayList<>();
        BitSet seen = new BitSet();
        java.util.ArrayDeque<Integer> toVisit = new java.util.ArrayDeque<>();
        toVisit.push(start);
        seen.set(start);
        while (!toVisit.isEmpty()) {
            int g = toVisit.pop();
            closure.add(g);
            for (int dependency : groupDependencies[g]) {
                if (!seen.get(dependency) && state[dependency] == State.MOVABLE && !selected.get(dependency)) {
                    seen.set(dependency);
                    toVisit.push(dependency);
                }
            }
        }
        return closure;
    }

    private static boolean groupMovesLater(List<PlanCandidate> portfolio, int[] group) {
        return Arrays.stream(group)
                .anyMatch(member -> portfolio.get(member).recommendation().movesLater());
    }

    private static String describe(PlanCandidate candidate) {
        return candidate.recommendation().name().toLowerCase(Locale.ROOT) + ": " + candidate.recommendationReason();
    }

    private static String ids(List<PlanCandidate> portfolio, int[] members) {
        return Arrays.stream(members)
                .mapToObj(member -> portfolio.get(member).id())
                .sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String ids(List<PlanCandidate> portfolio, List<Integer> members) {
        return ids(portfolio, members.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String format(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }
}
