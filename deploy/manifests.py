"""Reads rendered umbrella-chart manifests as an operator would before a release. Fails on:
  - a secret value: a plain Secret (deployed environments take secrets from External Secrets only), a
    setting whose name says secret/password/token in a ConfigMap or literal env, a local stack credential,
    or a URL with a password;
  - a loopback address (127.0.0.0/8, localhost, ::1) anywhere;
  - a test-only setting (the test payment provider, confirm-on-checkout, a disabled sweeper or relay,
    stripe-mock, NODE_ENV other than production);
  - a service address whose target's NetworkPolicy does not admit the caller.
Usage: python3 deploy/manifests.py RENDERED.yaml..."""
import re
import sys

import yaml

LOCAL_SECRETS = [
    "marketplace-secret",
    "marketplace-root",
    "marketplace-services-secret",
    "marketplace-provisioning-secret",
    "sk_test_local",
    "whsec_local_development_only",
]
LOOPBACK = re.compile(r"(?<![\w.-])(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[?::1\]?)(?![\w-])", re.IGNORECASE)
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|PRIVATE_KEY", re.IGNORECASE)
URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@", re.IGNORECASE)
SERVICE_URL = re.compile(r"https?://([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local")
TEST_ONLY = {
    "PAYMENT_PROVIDER": lambda v: v == "test",
    "CONFIRM_PAYMENT_ON_CHECKOUT": lambda v: v.lower() in ("true", "1", "yes", "on"),
    "MEDIA_OUTBOX_RELAY": lambda v: v.lower() in ("false", "0", "no", "off"),
    "STRIPE_API_BASE": lambda v: True,
    "NODE_ENV": lambda v: v != "production",
}
DISABLED_SWEEPER = re.compile(r"SWEEP_INTERVAL_MS$")


def settings_of(manifests):
    """(owner, name, value) of every ConfigMap entry and literal container env entry."""
    for manifest in manifests:
        kind, owner = manifest["kind"], manifest["metadata"]["name"]
        if kind == "ConfigMap" and not owner.startswith("marketplace-dashboard"):
            for name, value in (manifest.get("data") or {}).items():
                yield f"ConfigMap {owner}", name, str(value)
        if kind == "Deployment":
            for container in manifest["spec"]["template"]["spec"]["containers"]:
                for entry in container.get("env", []):
                    if "value" in entry:
                        yield f"Deployment {owner}", entry["name"], str(entry["value"])


def admitted_callers(manifests):
    admitted = {}
    for manifest in manifests:
        if manifest["kind"] != "NetworkPolicy":
            continue
        selector = manifest["spec"]["podSelector"].get("matchLabels", {})
        target = selector.get("app.kubernetes.io/name")
        for rule in manifest["spec"].get("ingress", []):
            for peer in rule.get("from", []):
                name = peer.get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name")
                if target and name:
                    admitted.setdefault(target, set()).add(name)
    return admitted


def check(path):
    manifests = [doc for doc in yaml.safe_load_all(open(path)) if doc]
    errors = []
    text = open(path).read()
    for secret in LOCAL_SECRETS:
        if secret in text:
            errors.append(f"{path}: contains the local stack secret {secret[:4]}…")
    for match in sorted(set(LOOPBACK.findall(text))):
        errors.append(f"{path}: contains the loopback address {match}")
    for manifest in manifests:
        if manifest["kind"] == "Secret":
            errors.append(f"Secret {manifest['metadata']['name']}: plain Secret; use External Secrets")
    admitted = admitted_callers(manifests)
    for owner, name, value in settings_of(manifests):
        if SECRET_NAME.search(name):
            errors.append(f"{owner}: {name} is a secret in plain configuration; move it to the component's secretKeys")
        if URL_PASSWORD.search(value):
            errors.append(f"{owner}: {name} holds a URL with a password")
        if (name in TEST_ONLY and TEST_ONLY[name](value)) or (DISABLED_SWEEPER.search(name) and value == "0"):
            errors.append(f"{owner}: {name}={value} is a test-only setting")
        caller = owner.split(" ", 1)[1]
        for target, _namespace in SERVICE_URL.findall(value):
            if owner.startswith("ConfigMap") and caller != "gateway" and caller not in admitted.get(target, set()):
                if target in admitted:
                    errors.append(f"{owner}: {name} calls {target}, whose NetworkPolicy does not admit {caller}")
    for error in errors:
        print(error)
    print(f"{path}: {len(manifests)} manifests read")
    return errors


if __name__ == "__main__":
    problems = [error for path in sys.argv[1:] for error in check(path)]
    sys.exit(1 if problems or len(sys.argv) < 2 else 0)
