package fr.picloud.provisioning.saga.domain;

/** A resource template no saga can be planned from; the reason names the resource at fault. */
public class InvalidTemplateException extends RuntimeException {

    public InvalidTemplateException(String message) {
        super(message);
    }
}
