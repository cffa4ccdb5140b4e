package org.charte.policy;

/** One thing wrong with a policy file, at a line of it (1-based; 0 when the file as a whole). */
public record PolicyProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
