#!/usr/bin/python3
"""What openstack-dev creates inside its OpenStack, idempotently, through the REST APIs.

Run by openstack-dev (never by hand): `provision.py identity` once Keystone answers (service project,
service role, service users, catalogue), `provision.py resources` once every API answers (flavors,
images, the external network `public`). Each step looks first and only creates or corrects what is
missing, so `openstack-dev up` can run any number of times.

Secrets come from the environment (openstack-dev exports them from its root-only secrets file);
nothing here prints a password.
"""

import os
import sys
import time

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

HOST = "127.0.0.1"
REGION = os.environ.get("OS_DEV_REGION", "RegionOne")
AUTH_URL = f"http://{HOST}:5000/v3"

# type, name, URL (one URL for the public, internal and admin interfaces)
CATALOGUE = [
    ("image", "glance", f"http://{HOST}:9292"),
    ("placement", "placement", f"http://{HOST}:8778"),
    ("compute", "nova", f"http://{HOST}:8774/v2.1"),
    ("network", "neutron", f"http://{HOST}:9696"),
    ("volumev3", "cinderv3", f"http://{HOST}:8776/v3/%(project_id)s"),
    ("block-storage", "cinder", f"http://{HOST}:8776/v3/%(project_id)s"),
]
SERVICE_USERS = ["glance", "placement", "nova", "neutron", "cinder"]

# the emulator's flavors, with its ids (infra/openstack-emulator .../compute/Nova.java)
FLAVORS = [
    ("1", "m1.tiny", 512, 1, 1),
    ("2", "m1.small", 2048, 1, 20),
    ("3", "m1.medium", 4096, 2, 40),
    ("4", "m1.large", 8192, 4, 80),
    ("5", "m1.xlarge", 16384, 8, 160),
]
# the emulator's seeded images (.../image/Glance.java): name, os_distro, min_disk. The fake compute
# driver never reads an image, so each holds a few bytes, uploaded as raw.
IMAGES = [
    ("cirros-0.6.2-x86_64-disk", "cirros", 1),
    ("debian-12-genericcloud-amd64", "debian", 3),
    ("ubuntu-22.04-server-cloudimg-amd64", "ubuntu", 3),
]
PUBLIC_NET = "public"
PUBLIC_SUBNET = ("public-subnet", "172.24.4.0/24", "172.24.4.1", "172.24.4.2", "172.24.4.254")
PHYSNET = "public"


def log(message):
    print(f"  provision: {message}", flush=True)


def admin_session():
    auth = v3.Password(
        auth_url=AUTH_URL,
        username="admin",
        password=os.environ["OS_DEV_ADMIN_PASSWORD"],
        project_name="admin",
        user_domain_name="Default",
        project_domain_name="Default",
    )
    return ks_session.Session(auth=auth, timeout=60)


def call(sess, method, url, service=None, ok=(200, 201, 202, 204), **kwargs):
    """One REST call; raises with the answer's body unless the status is in ok."""
    filt = {"service_type": service, "interface": "public", "region_name": REGION} if service else None
    if service is None:
        url = AUTH_URL + url
    for attempt in range(30):
        try:
            resp = sess.request(url, method, endpoint_filter=filt, raise_exc=False, **kwargs)
        except (ks_exc.ConnectFailure, ks_exc.ConnectTimeout, ks_exc.EndpointNotFound) as e:
            # an API that just started may refuse connections for a moment
            if attempt == 29:
                raise
            log(f"{method} {url}: {e.__class__.__name__}, retrying")
            time.sleep(2)
            continue
        if resp.status_code in (502, 503) and attempt < 29:
            time.sleep(2)
            continue
        if resp.status_code not in ok:
            raise SystemExit(f"provision: {method} {url} -> {resp.status_code}: {resp.text[:500]}")
        return resp
    raise SystemExit(f"provision: {method} {url} never answered")


def one(items, what):
    if len(items) > 1:
        raise SystemExit(f"provision: more than one {what}")
    return items[0] if items else None


# ---- identity ----


def ensure_project(sess, name):
    found = one(call(sess, "GET", f"/projects?name={name}&domain_id=default").json()["projects"], "project " + name)
    if found:
        return found["id"]
    log(f"project {name}")
    body = {"project": {"name": name, "domain_id": "default", "enabled": True, "description": "openstack-dev"}}
    return call(sess, "POST", "/projects", json=body).json()["project"]["id"]


def ensure_role(sess, name):
    found = one(call(sess, "GET", f"/roles?name={name}").json()["roles"], "role " + name)
    if found:
        return found["id"]
    log(f"role {name}")
    return call(sess, "POST", "/roles", json={"role": {"name": name}}).json()["role"]["id"]


def ensure_user(sess, name, password, project_id):
    found = one(call(sess, "GET", f"/users?name={name}&domain_id=default").json()["users"], "user " + name)
    if found:
        # the secrets file is the truth: set the password again (cheap, and repairs a lost file)
        call(sess, "PATCH", f"/users/{found['id']}", json={"user": {"password": password, "enabled": True}})
        return found["id"]
    log(f"user {name}")
    body = {"user": {"name": name, "password": password, "domain_id": "default",
                     "default_project_id": project_id, "enabled": True}}
    return call(sess, "POST", "/users", json=body).json()["user"]["id"]


def grant(sess, project_id, user_id, role_id):
    call(sess, "PUT", f"/projects/{project_id}/users/{user_id}/roles/{role_id}")


def ensure_catalogue(sess):
    services = call(sess, "GET", "/services").json()["services"]
    endpoints = call(sess, "GET", "/endpoints").json()["endpoints"]
    for stype, name, url in CATALOGUE:
        service = next((s for s in services if s["type"] == stype), None)
        if service is None:
            log(f"service {stype} ({name})")
            service = call(sess, "POST", "/services",
                           json={"service": {"type": stype, "name": name, "enabled": True}}).json()["service"]
        for interface in ("public", "internal", "admin"):
            existing = [e for e in endpoints if e["service_id"] == service["id"] and e["interface"] == interface]
            if existing and existing[0]["url"] == url:
                continue
            for stale in existing:
                call(sess, "DELETE", f"/endpoints/{stale['id']}")
            call(sess, "POST", "/endpoints", json={"endpoint": {
                "service_id": service["id"], "interface": interface, "url": url,
                "region_id": REGION, "enabled": True}})


def identity():
    sess = admin_session()
    service_project = ensure_project(sess, "service")
    admin_role = ensure_role(sess, "admin")
    service_role = ensure_role(sess, "service")
    ensure_role(sess, "member")
    ensure_role(sess, "reader")
    for name in SERVICE_USERS:
        user_id = ensure_user(sess, name, os.environ[f"OS_DEV_{name.upper()}_PASSWORD"], service_project)
        # admin for what the services do on each other's behalf; "service" so that the service
        # tokens Nova sends with user requests are honoured (volume detach)
        grant(sess, service_project, user_id, admin_role)
        grant(sess, service_project, user_id, service_role)
    ensure_catalogue(sess)
    log("identity: service project, roles, service users, catalogue ok")


# ---- resources ----


def ensure_flavors(sess):
    existing = {f["name"]: f for f in call(sess, "GET", "/flavors/detail?is_public=None", "compute").json()["flavors"]}
    for fid, name, ram, vcpus, disk in FLAVORS:
        if name in existing:
            continue
        log(f"flavor {name}")
        call(sess, "POST", "/flavors", "compute", json={"flavor": {
            "id": fid, "name": name, "ram": ram, "vcpus": vcpus, "disk": disk, "os-flavor-access:is_public": True}})


def ensure_images(sess):
    for name, distro, min_disk in IMAGES:
        found = call(sess, "GET", f"/v2/images?name={name}", "image").json()["images"]
        if any(i["status"] == "active" for i in found):
            continue
        for broken in found:  # an upload that died half-way
            call(sess, "DELETE", f"/v2/images/{broken['id']}", "image", ok=(204, 404))
        log(f"image {name}")
        image = call(sess, "POST", "/v2/images", "image", json={
            "name": name, "disk_format": "raw", "container_format": "bare", "visibility": "public",
            "min_disk": min_disk, "os_distro": distro}).json()
        data = (f"openstack-dev placeholder image {name}\n").encode().ljust(4096, b"\0")
        call(sess, "PUT", f"/v2/images/{image['id']}/file", "image", data=data,
             headers={"Content-Type": "application/octet-stream"})
        status = call(sess, "GET", f"/v2/images/{image['id']}", "image").json()["status"]
        if status != "active":
            raise SystemExit(f"provision: image {name} is {status} after upload")


def ensure_public_network(sess):
    nets = call(sess, "GET", f"/v2.0/networks?name={PUBLIC_NET}&router:external=true", "network").json()["networks"]
    net = one(nets, "external network public")
    if net is None:
        log("network public (external, flat)")
        net = call(sess, "POST", "/v2.0/networks", "network", json={"network": {
            "name": PUBLIC_NET, "router:external": True, "shared": False, "admin_state_up": True,
            "provider:network_type": "flat", "provider:physical_network": PHYSNET}}).json()["network"]
    name, cidr, gateway, start, end = PUBLIC_SUBNET
    subnets = call(sess, "GET", f"/v2.0/subnets?network_id={net['id']}", "network").json()["subnets"]
    if not subnets:
        log(f"subnet {name} {cidr}")
        call(sess, "POST", "/v2.0/subnets", "network", json={"subnet": {
            "name": name, "network_id": net["id"], "ip_version": 4, "cidr": cidr, "gateway_ip": gateway,
            "enable_dhcp": False, "allocation_pools": [{"start": start, "end": end}]}})


def resources():
    sess = admin_session()
    ensure_flavors(sess)
    ensure_images(sess)
    ensure_public_network(sess)
    log("resources: flavors, images, network public ok")


def check():
    """Exit 0 when the admin can log in (openstack-dev uses it to skip keystone-manage bootstrap)."""
    try:
        admin_session().get_token()
    except Exception:  # noqa: BLE001 - any failure means "bootstrap again"
        sys.exit(1)


if __name__ == "__main__":
    {"identity": identity, "resources": resources, "check": check}[sys.argv[1]]()
