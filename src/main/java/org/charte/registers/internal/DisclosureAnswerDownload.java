package org.charte.registers.internal;

import org.charte.registers.DisclosureAnswerLink;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The answer to an authority, downloaded through its single-use link (R6.6): the secret in the
 * address is the credential; a second use, an expired or unknown link is 410 and gives nothing.
 */
@RestController
class DisclosureAnswerDownload {

    private final DisclosureService disclosures;

    DisclosureAnswerDownload(DisclosureService disclosures) {
        this.disclosures = disclosures;
    }

    @GetMapping(DisclosureAnswerLink.PATH + "{token}")
    ResponseEntity<byte[]> download(@PathVariable("token") String token) {
        DisclosureService.Download download = disclosures.download(token);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("disclosure-" + download.disclosureId() + ".json")
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Charte-SHA-256", download.sha256()).body(download.content());
    }

    @ExceptionHandler(DisclosureService.LinkGoneException.class)
    ProblemDetail gone(DisclosureService.LinkGoneException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, e.getMessage());
        problem.setTitle("Link unknown, used or expired");
        return problem;
    }
}
