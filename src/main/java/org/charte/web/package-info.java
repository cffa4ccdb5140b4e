/**
 * Shared web concerns: page layout and languages, the home page, sign-in page and dashboard, API
 * guards (body size, Idempotency-Key), and error handling: problem+json on the API (every invalid
 * field named, one 404 for an unknown id of any module), readable error pages, never a stack trace.
 * Each module's own pages and endpoints live in that module.
 */
@NullMarked
@ApplicationModule(displayName = "Web")
package org.charte.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
