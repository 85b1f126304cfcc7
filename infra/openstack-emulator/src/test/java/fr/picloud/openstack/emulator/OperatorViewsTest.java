package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the openstack CLI asks for in an operator's first commands beyond the resources: flavor extra
 * specs, availability zones, hypervisors, network agents and extensions, as Nova and Neutron answer
 * them (admin-only where their policies say so).
 */
class OperatorViewsTest extends EmulatorTestBase {

    @Test
    void a_flavor_has_no_extra_specs_and_an_unknown_key_or_flavor_is_404() {
        Reply specs = demo.get("/compute/v2.1/flavors/2/os-extra_specs");
        assertThat(specs.status()).isEqualTo(200);
        assertThat(specs.body().path("extra_specs").isObject()).isTrue();
        assertThat(specs.body().path("extra_specs").isEmpty()).isTrue();

        Reply key = demo.get("/compute/v2.1/flavors/2/os-extra_specs/hw:cpu_policy");
        assertThat(key.status()).isEqualTo(404);
        assertThat(key.body().path("itemNotFound").path("message").asString())
                .isEqualTo("Flavor 2 has no extra specs with key hw:cpu_policy.");
        assertThat(demo.get("/compute/v2.1/flavors/99/os-extra_specs").status()).isEqualTo(404);
    }

    @Test
    void the_detailed_availability_zones_show_the_compute_host_and_the_internal_zone_to_admins_only() {
        Reply zones = admin.get("/compute/v2.1/os-availability-zone/detail");
        assertThat(zones.status()).isEqualTo(200);
        JsonNode info = zones.body().path("availabilityZoneInfo");
        assertThat(info.findValuesAsString("zoneName")).containsExactly("nova", "internal");
        JsonNode compute = info.get(0).path("hosts").path("emulator").path("nova-compute");
        assertThat(compute.path("available").asBoolean()).isTrue();
        assertThat(compute.path("active").asBoolean()).isTrue();
        assertThat(info.get(1).path("hosts").path("emulator").propertyNames())
                .containsExactlyInAnyOrder("nova-conductor", "nova-scheduler");
        assertThat(demo.get("/compute/v2.1/os-availability-zone/detail").status())
                .isEqualTo(403);
        assertThat(demo.get("/compute/v2.1/os-availability-zone")
                        .body()
                        .path("availabilityZoneInfo")
                        .findValuesAsString("zoneName"))
                .containsExactly("nova");
    }

    @Test
    void the_one_hypervisor_counts_the_servers_it_runs() {
        String networkId = networkWithSubnet(demo, "net", "10.40.0.0/24");
        assertThat(bootServer(demo, "vm", networkId, "{}").status()).isEqualTo(202);

        Reply list = admin.get("/compute/v2.1/os-hypervisors");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()
                        .path("hypervisors")
                        .get(0)
                        .path("hypervisor_hostname")
                        .asString())
                .isEqualTo("emulator");
        JsonNode detail = admin.get("/compute/v2.1/os-hypervisors/detail")
                .body()
                .path("hypervisors")
                .get(0);
        assertThat(detail.path("hypervisor_type").asString()).isEqualTo("QEMU");
        assertThat(detail.path("running_vms").asInt()).isEqualTo(1);
        assertThat(detail.path("vcpus_used").asInt()).as("m1.tiny").isEqualTo(1);
        assertThat(detail.path("free_ram_mb").asInt())
                .isEqualTo(detail.path("memory_mb").asInt()
                        - detail.path("memory_mb_used").asInt());
        assertThat(admin.get("/compute/v2.1/os-hypervisors/1")
                        .body()
                        .path("hypervisor")
                        .path("id")
                        .asInt())
                .isEqualTo(1);
        assertThat(admin.get("/compute/v2.1/os-hypervisors/99").status()).isEqualTo(404);
        assertThat(demo.get("/compute/v2.1/os-hypervisors/detail").status()).isEqualTo(403);
    }

    @Test
    void the_network_agents_are_listed_filtered_and_shown_to_admins_only() {
        Reply agents = admin.get("/network/v2.0/agents");
        assertThat(agents.status()).isEqualTo(200);
        assertThat(agents.body().path("agents").findValuesAsString("agent_type"))
                .containsExactly("DHCP agent", "L3 agent", "Open vSwitch agent", "Metadata agent");
        assertThat(agents.body().path("agents").findValuesAsString("host")).containsOnly("emulator");
        JsonNode l3 =
                admin.get("/network/v2.0/agents?agent_type=L3%20agent").body().path("agents");
        assertThat(l3).hasSize(1);
        assertThat(l3.get(0).path("alive").asBoolean()).isTrue();
        assertThat(l3.get(0).path("availability_zone").asString()).isEqualTo("nova");
        String id = l3.get(0).path("id").asString();
        assertThat(admin.get("/network/v2.0/agents/" + id)
                        .body()
                        .path("agent")
                        .path("binary")
                        .asString())
                .isEqualTo("neutron-l3-agent");
        assertThat(admin.get("/network/v2.0/agents/no-such-agent").status()).isEqualTo(404);
        Reply refused = demo.get("/network/v2.0/agents");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("NeutronError").path("type").asString()).isEqualTo("PolicyNotAuthorized");
    }

    @Test
    void networks_and_routers_have_an_availability_zone_and_its_extension_is_found_by_alias() {
        Reply zones = demo.get("/network/v2.0/availability_zones");
        assertThat(zones.status()).isEqualTo(200);
        assertThat(zones.body().path("availability_zones").findValuesAsString("resource"))
                .containsExactly("network", "router");
        assertThat(zones.body().path("availability_zones").findValuesAsString("state"))
                .containsOnly("available");

        Reply extension = demo.get("/network/v2.0/extensions/availability_zone");
        assertThat(extension.status()).isEqualTo(200);
        assertThat(extension.body().path("extension").path("name").asString()).isEqualTo("Availability Zone");
        assertThat(demo.get("/network/v2.0/extensions")
                        .body()
                        .path("extensions")
                        .findValuesAsString("alias"))
                .contains("agent", "availability_zone", "router");
        assertThat(demo.get("/network/v2.0/extensions/no-such-extension").status())
                .isEqualTo(404);
    }
}
