package org.charte.rights.internal;

import java.util.Locale;
import java.util.Optional;
import org.charte.common.PageController;
import org.charte.policy.Policy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the links of an answer lead (R8.5). Opening a link shows a page with a button (a mail
 * client or a scanner that opens links ahead does not use it up); the button downloads the file
 * once. A link used already, expired or unknown gets the same refusal page, which discloses
 * nothing, not even which of the three it is.
 */
@PageController
class DownloadPages {

    private final AnswerDelivery delivery;
    private final RequestStore store;
    private final Policy policy;

    DownloadPages(AnswerDelivery delivery, RequestStore store, Policy policy) {
        this.delivery = delivery;
        this.store = store;
        this.policy = policy;
    }

    static String base(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "/en/download/" : "/telechargement/";
    }

    @GetMapping({"/telechargement/{token}", "/en/download/{token}"})
    ModelAndView page(@PathVariable String token, Model model, Locale locale) {
        model.addAttribute("policy", policy);
        if (delivery.state(token) != AnswerDelivery.LinkState.VALID) {
            return new ModelAndView("rights/link-refused", model.asMap(), HttpStatus.GONE);
        }
        model.addAttribute("action", base(locale) + token);
        return new ModelAndView("rights/download", model.asMap(), HttpStatus.OK);
    }

    @PostMapping({"/telechargement/{token}", "/en/download/{token}"})
    Object download(@PathVariable String token, Model model, Locale locale) {
        Optional<AnswerDelivery.Delivered> file = delivery.consume(token);
        if (file.isEmpty()) {
            delivery.requestOf(token).ifPresent(id -> store.step(id, Steps.SYSTEM, "link-refused", null));
            model.addAttribute("policy", policy);
            return new ModelAndView("rights/link-refused", model.asMap(), HttpStatus.GONE);
        }
        store.step(file.get().requestId(), Steps.SYSTEM, "downloaded", file.get().fileName());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.get().fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(file.get().contentType()))
                .body(file.get().content());
    }
}
