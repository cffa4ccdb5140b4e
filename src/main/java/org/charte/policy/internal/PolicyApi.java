package org.charte.policy.internal;

import java.time.LocalDate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.LintFinding;
import org.charte.policy.PolicyLint;
import org.charte.policy.PolicyVersion;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The policy in force, its versions and its lint against the law, for integrations. */
@RestController
@RequestMapping("/api/v1/policy")
class PolicyApi {

    private final CurrentPolicy current;
    private final Clock clock;

    PolicyApi(CurrentPolicy current, Clock clock) {
        this.current = current;
        this.clock = clock;
    }

    record Summary(PolicyVersion version, String controller, String dpo, String dpoEmail, List<String> purposes) {}

    @GetMapping
    Summary summary() {
        var policy = current.policy();
        return new Summary(current.version(), policy.controller().name(), policy.dpo().name(), policy.dpo().email(),
                policy.purposes().stream().map(p -> p.id()).toList());
    }

    @GetMapping("/versions")
    List<PolicyVersion> versions() {
        return current.versions();
    }

    @GetMapping("/versions/{id}")
    PolicyVersion version(@PathVariable("id") UUID id) {
        return current.find(id).orElseThrow(() -> notFound(id));
    }

    /** The policy file of a version, byte for byte as it was loaded. */
    @GetMapping(value = "/versions/{id}/file", produces = "application/yaml")
    ResponseEntity<String> file(@PathVariable("id") UUID id) {
        return current.content(id)
                .map(content -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(content))
                .orElseThrow(() -> notFound(id));
    }

    @GetMapping("/lint")
    List<LintFinding> lint() {
        return PolicyLint.lint(current.policy(), LocalDate.now(clock));
    }

    private static ResponseStatusException notFound(UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no policy version " + id);
    }
}
