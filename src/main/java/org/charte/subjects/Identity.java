package org.charte.subjects;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Who a person is (policy §3.1, data category {@code identity}): civility, last name, first
 * names, birth date.
 *
 * @param civility   {@code M.}, {@code Mme} or {@code Mx}, if given
 * @param lastName   required
 * @param firstNames all of them, in order, if given
 * @param birthDate  if given: what the adults-only rule (R3.5) checks
 */
public record Identity(@Nullable @Size(max = 10) String civility, @Size(max = 100) String lastName, @Nullable @Size(max = 100) String firstNames,
        @Nullable LocalDate birthDate) {}
