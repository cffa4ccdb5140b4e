package org.charte.subjects;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Where a person stands, without any personal data: what retention counts from (policy §5): the
 * last inbound contact and, for an inactive client, the day the last contract ended.
 */
public record Lifecycle(SubjectStatus status, LocalDate lastContactOn, @Nullable LocalDate contractEndedOn) {}
