package fr.picloud.openstack.emulator.http;

import java.util.Optional;

/**
 * A requested microversion as Nova and Cinder read it from {@code OpenStack-API-Version: <service>
 * <major>.<minor>} (or "latest"): absent means the minimum, above the maximum is a 406, a malformed
 * one a 400, both in the words the services share.
 */
public final class Microversion {

    private Microversion() {}

    /**
     * @param legacy the value of the service's older header, when it has one (Nova's X-OpenStack-Nova-API-Version)
     * @return the minor asked for; the major is the minimum's
     */
    public static int minor(
            ApiRequest request, String service, Optional<String> legacy, String minimum, String maximum) {
        String requested = request.header("OpenStack-API-Version")
                .map(v -> v.replaceFirst("(?i)^\\s*" + service + "\\s+", "").trim())
                .or(() -> legacy)
                .orElse(minimum);
        if (requested.equalsIgnoreCase("latest")) {
            requested = maximum;
        }
        try {
            String[] parts = requested.split("\\.");
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            if (major != major(minimum) || minor < minor(minimum) || minor > minor(maximum)) {
                throw ApiError.nova(
                        406,
                        "computeFault",
                        "Version " + requested + " is not supported by the API. Minimum is " + minimum
                                + " and maximum is " + maximum + ".");
            }
            return minor;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw ErrorStyle.NOVA.badRequest(
                    "API Version String " + requested + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
    }

    private static int major(String version) {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    private static int minor(String version) {
        return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    }
}
