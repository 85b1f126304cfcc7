#!/usr/bin/python3
"""Same REST calls against the emulator and the real cloud; reports where the answers differ in shape.

    compare-shapes.py EMULATOR_AUTH_URL         (the real cloud comes from OS_CLOUD/clouds.yaml)

For each call: the status codes, and the JSON keys present on one side only (recursively, lists
compared through their first element). Values are not compared (ids, dates, addresses differ by
nature). Creates its resources as admin in the admin project and deletes them at the end.
How docs/openstack-dev.md's list of differences was found.
"""

import sys
import time
import uuid

import openstack.config
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3


def session_for(auth_url, username, password, project):
    auth = v3.Password(auth_url=auth_url, username=username, password=password, project_name=project,
                       user_domain_name="Default", project_domain_name="Default")
    return ks_session.Session(auth=auth, timeout=60)


class Cloud:
    def __init__(self, name, sess):
        self.name, self.sess = name, sess

    def call(self, method, service, path, **kw):
        headers = kw.pop("headers", {})
        if service == "compute":
            headers["OpenStack-API-Version"] = "compute 2.46"
        r = self.sess.request(path, method, endpoint_filter={"service_type": service, "interface": "public"},
                              raise_exc=False, headers=headers, **kw)
        try:
            body = r.json()
        except ValueError:
            body = r.text
        return r.status_code, body


def _cleanup(self, method, service, path, **kw):
    status, body = self.call(method, service, path, **kw)
    if status >= 300 and status != 404:
        print(f"  {self.name}: cleanup {method} {path} -> {status} {str(body)[:200]}")
    return status, body


Cloud.cleanup = _cleanup


def keys(node, prefix=""):
    out = set()
    if isinstance(node, dict):
        for k, v in node.items():
            out.add(prefix + k)
            out |= keys(v, prefix + k + ".")
    elif isinstance(node, list) and node:
        out |= keys(node[0], prefix + "[].")
    return out


REPORT = []


def compare(label, a, b):
    (sa, ba), (sb, bb) = a, b
    lines = []
    if sa != sb:
        lines.append(f"status emulator {sa} / real {sb}")
    ka, kb = keys(ba), keys(bb)
    if ka - kb:
        lines.append("only in emulator: " + ", ".join(sorted(ka - kb)))
    if kb - ka:
        lines.append("only in real:     " + ", ".join(sorted(kb - ka)))
    if isinstance(ba, str) or isinstance(bb, str):
        lines.append(f"bodies: emulator {str(ba)[:160]!r} / real {str(bb)[:160]!r}")
    print(f"{'DIFF' if lines else 'same'}  {label}")
    for line in lines:
        print("      " + line)
    REPORT.append((label, lines))


def wait(cloud, service, path, key, field, want, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        s, b = cloud.call("GET", service, path)
        if s == 200 and b[key][field] in want:
            return
        time.sleep(1)
    print(f"  {cloud.name}: {path} never reached {want}")


def scenario(c):
    """Runs the calls on one cloud; returns {label: (status, body)} and the ids to clean."""
    r = {}
    run = "shape-" + uuid.uuid4().hex[:6]
    missing = str(uuid.uuid4())
    r["flavors/detail"] = c.call("GET", "compute", "/flavors/detail")
    r["images"] = c.call("GET", "image", "/v2/images")
    r["networks?router:external"] = c.call("GET", "network", "/v2.0/networks?router:external=true")
    s, net = c.call("POST", "network", "/v2.0/networks", json={"network": {"name": run}})
    r["network create"] = (s, net)
    net_id = net["network"]["id"]
    r["subnet create"] = c.call("POST", "network", "/v2.0/subnets", json={"subnet": {
        "network_id": net_id, "ip_version": 4, "cidr": "10.99.0.0/24", "name": run}})
    subnet_id = r["subnet create"][1]["subnet"]["id"]
    r["subnet bad cidr"] = c.call("POST", "network", "/v2.0/subnets", json={"subnet": {
        "network_id": net_id, "ip_version": 4, "cidr": "10.300.0.0/24"}})
    r["port create"] = c.call("POST", "network", "/v2.0/ports", json={"port": {"network_id": net_id, "name": run}})
    port_id = r["port create"][1]["port"]["id"]
    r["network delete in use"] = c.call("DELETE", "network", f"/v2.0/networks/{net_id}")
    r["network 404"] = c.call("GET", "network", f"/v2.0/networks/{missing}")
    ext = r["networks?router:external"][1]["networks"][0]["id"]
    r["router create"] = c.call("POST", "network", "/v2.0/routers", json={"router": {
        "name": run, "external_gateway_info": {"network_id": ext}}})
    router_id = r["router create"][1]["router"]["id"]
    r["router add interface"] = c.call("PUT", "network", f"/v2.0/routers/{router_id}/add_router_interface",
                                       json={"subnet_id": subnet_id})
    r["router delete in use"] = c.call("DELETE", "network", f"/v2.0/routers/{router_id}")
    r["sg create"] = c.call("POST", "network", "/v2.0/security-groups", json={"security_group": {"name": run}})
    sg_id = r["sg create"][1]["security_group"]["id"]
    rule = {"security_group_rule": {"security_group_id": sg_id, "direction": "ingress", "ethertype": "IPv4",
                                    "protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
                                    "remote_ip_prefix": "0.0.0.0/0"}}
    r["sg rule create"] = c.call("POST", "network", "/v2.0/security-group-rules", json=rule)
    r["sg rule duplicate"] = c.call("POST", "network", "/v2.0/security-group-rules", json=rule)
    r["fip create"] = c.call("POST", "network", "/v2.0/floatingips", json={"floatingip": {"floating_network_id": ext}})
    fip_id = r["fip create"][1]["floatingip"]["id"]
    flavor = sorted(r["flavors/detail"][1]["flavors"], key=lambda f: f["ram"])[0]["id"]
    image = [i for i in r["images"][1]["images"] if i["name"].startswith("cirros")][0]["id"]
    r["keypair import"] = c.call("POST", "compute", "/os-keypairs", json={"keypair": {"name": run, "public_key":
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxD4mZyVbHc8vJ1m1aTq3lbOfRoaV1vQ5yT8xkE2mVx x"}})
    r["keypair duplicate"] = c.call("POST", "compute", "/os-keypairs", json={"keypair": {"name": run, "public_key":
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxD4mZyVbHc8vJ1m1aTq3lbOfRoaV1vQ5yT8xkE2mVx x"}})
    r["server create"] = c.call("POST", "compute", "/servers", json={"server": {
        "name": run, "flavorRef": flavor, "imageRef": image, "networks": [{"uuid": net_id}],
        "key_name": run, "metadata": {"k": "v"}}})
    server_id = r["server create"][1]["server"]["id"]
    r["server create with tags at 2.46"] = c.call("POST", "compute", "/servers", json={"server": {
        "name": run + "-tagged", "flavorRef": flavor, "imageRef": image, "networks": [{"uuid": net_id}],
        "tags": ["t1"]}})
    r["server tags put"] = c.call("PUT", "compute", f"/servers/{server_id}/tags", json={"tags": ["t1"]})
    r["server create bad flavor"] = c.call("POST", "compute", "/servers", json={"server": {
        "name": run, "flavorRef": "nope", "imageRef": image, "networks": [{"uuid": net_id}]}})
    wait(c, "compute", f"/servers/{server_id}", "server", "status", ("ACTIVE", "ERROR"))
    r["server show"] = c.call("GET", "compute", f"/servers/{server_id}")
    r["servers/detail?name"] = c.call("GET", "compute", f"/servers/detail?name=^{run}$")
    r["server 404"] = c.call("GET", "compute", f"/servers/{missing}")
    r["ports?device_id"] = c.call("GET", "network", f"/v2.0/ports?device_id={server_id}")
    r["volume create"] = c.call("POST", "volumev3", "/volumes", json={"volume": {"name": run, "size": 1}})
    vol_id = r["volume create"][1]["volume"]["id"]
    wait(c, "volumev3", f"/volumes/{vol_id}", "volume", "status", ("available", "error"))
    r["volume attach"] = c.call("POST", "compute", f"/servers/{server_id}/os-volume_attachments",
                                json={"volumeAttachment": {"volumeId": vol_id}})
    wait(c, "volumev3", f"/volumes/{vol_id}", "volume", "status", ("in-use", "error"))
    r["volume show in-use"] = c.call("GET", "volumev3", f"/volumes/{vol_id}")
    r["volume delete in-use"] = c.call("DELETE", "volumev3", f"/volumes/{vol_id}")
    r["volume 404"] = c.call("GET", "volumev3", f"/volumes/{missing}")
    r["os-volume_attachments"] = c.call("GET", "compute", f"/servers/{server_id}/os-volume_attachments")
    c.call("DELETE", "compute", f"/servers/{server_id}/os-volume_attachments/{vol_id}")
    wait(c, "volumev3", f"/volumes/{vol_id}", "volume", "status", ("available", "error"))
    port_of_server = r["ports?device_id"][1]["ports"][0]["id"]
    r["fip associate"] = c.call("PUT", "network", f"/v2.0/floatingips/{fip_id}",
                                json={"floatingip": {"port_id": port_of_server}})
    time.sleep(8)
    r["server show with fip"] = c.call("GET", "compute", f"/servers/{server_id}")
    r["quota-sets"] = c.call("GET", "compute", f"/os-quota-sets/{c.project_id}")
    r["limits"] = c.call("GET", "compute", "/limits")
    r["volume quota"] = c.call("GET", "volumev3", f"/os-quota-sets/{c.project_id}?usage=false")
    r["network quota"] = c.call("GET", "network", f"/v2.0/quotas/{c.project_id}")
    # clean up
    c.cleanup("PUT", "network", f"/v2.0/floatingips/{fip_id}", json={"floatingip": {"port_id": None}})
    c.cleanup("DELETE", "network", f"/v2.0/floatingips/{fip_id}")
    c.cleanup("DELETE", "volumev3", f"/volumes/{vol_id}")
    c.cleanup("DELETE", "compute", f"/servers/{server_id}")
    for _ in range(120):
        if c.call("GET", "compute", f"/servers/{server_id}")[0] == 404:
            break
        time.sleep(1)
    c.cleanup("DELETE", "compute", f"/os-keypairs/{run}")
    c.cleanup("PUT", "network", f"/v2.0/routers/{router_id}/remove_router_interface", json={"subnet_id": subnet_id})
    c.cleanup("DELETE", "network", f"/v2.0/routers/{router_id}")
    c.cleanup("DELETE", "network", f"/v2.0/ports/{port_id}")
    c.cleanup("DELETE", "network", f"/v2.0/security-groups/{sg_id}")
    c.cleanup("DELETE", "network", f"/v2.0/networks/{net_id}")
    return r


def main():
    emulator_url = sys.argv[1]
    real = openstack.config.OpenStackConfig().get_one().config["auth"]
    clouds = [
        Cloud("emulator", session_for(emulator_url, "admin", "admin", "admin")),
        Cloud("real", session_for(real["auth_url"], real["username"], real["password"], real["project_name"])),
    ]
    results = []
    for c in clouds:
        c.project_id = c.sess.get_project_id()
        print(f"== {c.name}", flush=True)
        results.append(scenario(c))
    print("== differences (emulator vs real)")
    for label in results[0]:
        compare(label, results[0][label], results[1].get(label, (None, None)))


if __name__ == "__main__":
    main()
