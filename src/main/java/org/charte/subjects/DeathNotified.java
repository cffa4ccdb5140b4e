package org.charte.subjects;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person's death was notified: they are deceased from {@code diedOn}, their processing is
 * restricted, and their directives ({@code null}: none) are to be carried out (R9.4).
 */
public record DeathNotified(UUID subjectId, LocalDate diedOn, PostMortem.@Nullable Choice directive) {}
