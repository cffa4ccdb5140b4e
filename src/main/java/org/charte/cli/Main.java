package org.charte.cli;

import org.charte.cli.internal.CharteCommand;

/** The jar's entry point: the command line, which starts the application for serve and demo. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = CharteCommand.run(args);
        if (code != CharteCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}
