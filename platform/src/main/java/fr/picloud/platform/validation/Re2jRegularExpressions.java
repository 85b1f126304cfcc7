package fr.picloud.platform.validation;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema's {@code pattern} and {@code patternProperties} run on RE2/J, whose matching time is
 * linear in the input: a provider's schema cannot make a request thread backtrack for hours. A
 * pattern RE2/J cannot compile (back-references, look-around) is refused when the schema is imported.
 */
final class Re2jRegularExpressions implements RegularExpressionFactory {

    static final Re2jRegularExpressions INSTANCE = new Re2jRegularExpressions();

    private Re2jRegularExpressions() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        // JSON Schema patterns are not anchored: a match anywhere in the value counts
        return value -> pattern.matcher(value).find();
    }
}
