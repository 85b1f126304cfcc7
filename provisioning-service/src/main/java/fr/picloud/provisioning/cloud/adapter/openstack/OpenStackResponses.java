package fr.picloud.provisioning.cloud.adapter.openstack;

import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Optional;
import org.openstack4j.model.common.ActionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading OpenStack's answers and the template's properties, the same way for every kind. */
final class OpenStackResponses {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStackResponses.class);

    private OpenStackResponses() {}

    /**
     * True when the action succeeded; false for a 404 when {@code notFoundMeansGone}; otherwise the
     * failure as an {@link OpenStackFailure}.
     */
    static boolean requireSuccess(
            ActionResponse response, OpenStackService service, String call, boolean notFoundMeansGone) {
        if (response == null || response.isSuccess()) {
            return true;
        }
        if (response.getCode() == 404 && notFoundMeansGone) {
            return false;
        }
        throw OpenStackFailure.ofStatus(service, call, response.getCode(), response.getFault(), false, null);
    }

    /** The one match; several are twins of an interrupted attempt: the first is adopted, the rest logged. */
    static <T> Optional<T> single(List<T> matches, String what, String name) {
        if (matches.size() > 1) {
            LOG.warn(
                    "{} {} exists {} times: adopting the first, the others are twins to sweep",
                    what,
                    name,
                    matches.size());
        }
        return matches.stream().findFirst();
    }

    static String string(ResourceSpec spec, String property) {
        Object value = spec.properties().get(property);
        return value == null ? null : value.toString();
    }

    static String requiredString(ResourceSpec spec, String property) {
        String value = string(spec, property);
        if (value == null || value.isBlank()) {
            throw new CloudException(false, "a " + spec.kind() + " needs the property " + property);
        }
        return value;
    }

    static Optional<Integer> integer(ResourceSpec spec, String property) {
        return Optional.ofNullable(toInteger(spec.properties().get(property), property));
    }

    static Integer toInteger(Object value, String property) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new CloudException(false, property + " must be a whole number, got '" + value + "'");
        }
    }

    static String required(CloudResource resource, String attribute) {
        String value = resource.attribute(attribute);
        if (value == null) {
            throw new CloudException(false, "the " + resource.kind() + " " + resource.id() + " lacks " + attribute);
        }
        return value;
    }
}
