package org.charte.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy file that cannot be used: it names every problem found, each with file and line. */
public class InvalidPolicyException extends RuntimeException {

    private final transient List<PolicyProblem> problems;

    public InvalidPolicyException(List<PolicyProblem> problems) {
        super(problems.size() + " problem(s) in the policy file:\n" + problems.stream()
                .map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
