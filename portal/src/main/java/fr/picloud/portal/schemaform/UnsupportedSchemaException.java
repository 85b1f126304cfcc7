package fr.picloud.portal.schemaform;

/** The schema uses a construct the portal cannot turn into a form; the message says which and where. */
public class UnsupportedSchemaException extends RuntimeException {

    private final String location;
    private final String keyword;

    UnsupportedSchemaException(String location, String keyword, String why) {
        super("the portal cannot render \"" + keyword + "\" at " + location + ": " + why);
        this.location = location;
        this.keyword = keyword;
    }

    /** A JSON pointer into the schema, e.g. {@code /properties/disks}. */
    public String location() {
        return location;
    }

    public String keyword() {
        return keyword;
    }
}
