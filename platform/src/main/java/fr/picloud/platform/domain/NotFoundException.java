package fr.picloud.platform.domain;

/** The thing does not exist, or the caller may not know that it does (404). */
public class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message, null);
    }
}
