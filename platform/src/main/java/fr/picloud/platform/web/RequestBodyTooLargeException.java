package fr.picloud.platform.web;

import java.io.IOException;

/** A body sent without a declared length read past the endpoint's limit; the caller gets a 413. */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The limit a failure was caused by, if a body too large caused it however deep it was wrapped. */
    static RequestBodyTooLargeException causeOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
