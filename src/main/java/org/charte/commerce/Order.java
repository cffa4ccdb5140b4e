package org.charte.commerce;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An order of products or services (policy §3.2): its lines and total, in one currency. */
public record Order(UUID id, UUID subjectId, LocalDate orderedOn, String currency, BigDecimal total, List<Line> lines) {

    public record Line(int lineNo, String productCode, int quantity, BigDecimal unitPrice, BigDecimal amount) {}
}
