package org.charte.mail;

/** The ways personal data leaves Charte, each through the {@link DoorOut}; its code is the audit entry's action. */
public enum ExitChannel {
    MAIL("send-mail"),
    SMS("send-sms"),
    DOWNLOAD("download"),
    EXPORT("export"),
    HTTP("http-post");

    private final String action;

    ExitChannel(String action) {
        this.action = action;
    }

    /** The audit entry's action code. */
    public String action() {
        return action;
    }
}
