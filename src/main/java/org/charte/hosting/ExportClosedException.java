package org.charte.hosting;

/** The database is destroyed, or its destruction is due: no export, no credentials any more (410). */
public class ExportClosedException extends RuntimeException {

    public ExportClosedException(String message) {
        super(message);
    }
}
