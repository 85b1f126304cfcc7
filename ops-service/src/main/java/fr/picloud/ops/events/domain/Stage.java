package fr.picloud.ops.events.domain;

/** The parts of an order's story, in the order it crosses them. */
public enum Stage {
    CATALOGUE,
    TENANT,
    ORDER,
    SAGA,
    PROVISIONING,
    BILLING,
    OTHER;

    /** Topics are named {@code picloud.<area>[.<stream>]}; the area tells the stage. */
    public static Stage ofTopic(String topic) {
        if (topic.startsWith("picloud.catalog")) {
            return CATALOGUE;
        }
        if (topic.startsWith("picloud.tenants")) {
            return TENANT;
        }
        if (topic.startsWith("picloud.orders")) {
            return ORDER;
        }
        if (topic.equals("picloud.provisioning.sagas")) {
            return SAGA;
        }
        if (topic.startsWith("picloud.provisioning")) {
            return PROVISIONING;
        }
        if (topic.startsWith("picloud.billing")) {
            return BILLING;
        }
        return OTHER;
    }
}
