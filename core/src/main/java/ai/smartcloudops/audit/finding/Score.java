package ai.smartcloudops.audit.finding;

import java.util.Collection;

/**
 * Health score: 100 minus a weight per finding that counts ({@link Counts}: not waived; P0 25, P1 10, P2 3, P3 1),
 * never below 0, and its grade.
 */
public final class Score {

    private Score() {
    }

    public static int of(Collection<Finding> findings) {
        return of(Counts.of(findings));
    }

    public static int of(Counts counts) {
        int penalty = counts.bySeverity().entrySet().stream().mapToInt(e -> weight(e.getKey()) * e.getValue()).sum();
        return Math.max(0, 100 - penalty);
    }

    public static String grade(int score) {
        if (score >= 90) {
            return "A";
        }
        if (score >= 75) {
            return "B";
        }
        if (score >= 60) {
            return "C";
        }
        if (score >= 40) {
            return "D";
        }
        return "F";
    }

    private static int weight(Severity severity) {
        return switch (severity) {
            case P0 -> 25;
            case P1 -> 10;
            case P2 -> 3;
            case P3 -> 1;
        };
    }
}
