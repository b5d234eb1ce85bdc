package org.openfactory.registry.asset;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Asset definitions were rejected, all of them: the problems found in every file and across files, in file and line
 * order. Nothing of the rejected set was loaded or applied.
 */
public class AssetValidationException extends RuntimeException {

    private final transient List<AssetProblem> problems;

    public AssetValidationException(List<AssetProblem> problems) {
        super(messageOf(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<AssetProblem> problems() {
        return problems;
    }

    private static String messageOf(List<AssetProblem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in asset definitions:" + problems.stream().map(AssetProblem::toString)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
