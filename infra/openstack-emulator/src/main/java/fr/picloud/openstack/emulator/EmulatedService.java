package fr.picloud.openstack.emulator;

import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.ErrorStyle;

/** One OpenStack API mounted under a path prefix of the emulator. */
public interface EmulatedService {

    /** Catalogue service type ("compute", "network", ...), also the key of fault-injection settings. */
    String type();

    /** Path prefix under which the API is mounted ("" for Keystone, "/compute" for Nova...). */
    String prefix();

    ErrorStyle errors();

    ApiResponse handle(ApiRequest request, String relativePath);

    /** Forget every resource created through the API, keep what the emulator seeds at start. */
    void reset();

    /** Adds every live resource to the inventory, per project. */
    void describe(Inventory inventory);
}
