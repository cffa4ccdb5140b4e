package org.charte.registers.internal;

import java.util.List;

/**
 * A register as one table (item 7 of issue 14): its title, column headings and rows of text, in
 * one language. The CSV and the PDF of a register are written from the same table, so they say
 * the same thing.
 */
record RegisterExportTable(String name, String title, List<String> columns, List<List<String>> rows) {

    RegisterExportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + name + " has " + row.size() + " cells for " + columns.size() + " columns");
            }
        }
    }
}
