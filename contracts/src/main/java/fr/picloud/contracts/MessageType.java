package fr.picloud.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable logical name and integer version of a message, and the topic it travels on. A
 * breaking change is a new version (a new record), never an edit of an old one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {

    /** Logical type, for example {@code picloud.catalog.offering-published}. */
    String type();

    int version();

    /** One of {@link Topics}. */
    String topic();
}
