package org.charte.policy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.charte.policy.InvalidPolicyException;
import org.charte.policy.PolicyProblem;

/** The text of the policy file in force and where it came from. */
record PolicySource(String name, String content) {

    static PolicySource read(Path file) {
        try {
            return new PolicySource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(file.toString(), 0,
                    Files.exists(file) ? "cannot be read: " + e.getMessage() : "no such file")));
        }
    }
}
