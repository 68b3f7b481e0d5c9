"""The Keycloak realm file as production imports it.
  python3 deploy/realm.py production   prints the production variant: every password-grant client
                                       (the test-only `marketplace-tests`) removed, the browser apps'
                                       redirect URIs and web origins on https://<host>.${MARKETPLACE_DOMAIN}
                                       instead of localhost; Keycloak resolves the ${VAR} placeholders
                                       from its environment at import
  python3 deploy/realm.py check        (deploy/check) fails on a literal secret in the realm file, a
                                       password-grant client in the production variant, or admin roles
                                       on any service account but the provisioning client's, a loopback
                                       URL in the production variant, or a description Keycloak would
                                       refuse (longer than 255 characters)
"""
import json
import re
import sys
from pathlib import Path

REALM_FILE = Path(__file__).resolve().parent.parent / "platform/identity/realm/marketplace-realm.json"
PLACEHOLDER = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")
SECRET_KEYS = re.compile(r"secret|password|credential", re.IGNORECASE)
# Settings whose names look secret but hold none.
NOT_SECRETS = {"clientAuthenticatorType", "passwordPolicy"}
PROVISIONING_CLIENT = "marketplace-provisioning"
# Host prefix of each browser app under the environment's apex domain (helm global.domain).
APP_HOSTS = {"storefront": "", "seller-portal": "seller.", "admin-portal": "admin."}
DOMAIN_PLACEHOLDER = "${MARKETPLACE_DOMAIN}"
LOOPBACK = re.compile(r"https?://(localhost|127\.0\.0\.1)\b")
# Keycloak stores descriptions in a VARCHAR(255) and refuses the import of a longer one.
MAX_DESCRIPTION = 255


def load():
    return json.loads(REALM_FILE.read_text())


def production_variant(realm):
    variant = dict(realm)
    variant["clients"] = [
        on_public_hosts(client) for client in realm["clients"] if not client.get("directAccessGrantsEnabled")
    ]
    kept = {client["clientId"] for client in variant["clients"]}
    variant["users"] = [
        user for user in realm.get("users", []) if user.get("serviceAccountClientId", next(iter(kept))) in kept
    ]
    return variant


def on_public_hosts(client):
    """A browser app's client with its URLs on the environment's https host instead of localhost."""
    prefix = APP_HOSTS.get(client["clientId"])
    if prefix is None:
        return client
    origin = f"https://{prefix}{DOMAIN_PLACEHOLDER}"
    attributes = dict(client.get("attributes", {}), **{"post.logout.redirect.uris": f"{origin}/*"})
    return dict(client, rootUrl=origin, redirectUris=[f"{origin}/*"], webOrigins=[origin], attributes=attributes)


def loopback_urls(node, path="realm"):
    """Paths of string values that point at localhost or 127.0.0.1."""
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in loopback_urls(value, f"{path}.{key}")]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in loopback_urls(value, f"{path}[{index}]")]
    return [path] if isinstance(node, str) and LOOPBACK.search(node) else []


def long_descriptions(node, path="realm"):
    if isinstance(node, dict):
        found = [f"{path}.description" for key, value in node.items()
                 if key == "description" and isinstance(value, str) and len(value) > MAX_DESCRIPTION]
        return found + [f for key, value in node.items() if key != "description" for f in long_descriptions(value, f"{path}.{key}")]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in long_descriptions(value, f"{path}[{index}]")]
    return []


def literal_secrets(node, path="realm"):
    """Paths of secret-looking string values that are not ${VAR} placeholders."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}"
            if isinstance(value, str) and SECRET_KEYS.search(key) and key not in NOT_SECRETS:
                if not PLACEHOLDER.match(value):
                    found.append(where)
            else:
                found.extend(literal_secrets(value, where))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("clientId") or value.get("username") if isinstance(value, dict) else None
            found.extend(literal_secrets(value, f"{path}[{label or index}]"))
    return found


def check():
    realm = load()
    errors = [f"literal secret at {where}: use a ${{VAR}} placeholder" for where in literal_secrets(realm)]
    production = production_variant(realm)
    for client in production["clients"]:
        if client.get("directAccessGrantsEnabled"):
            errors.append(f"production variant keeps password-grant client {client['clientId']}")
    if any(client["clientId"] == "marketplace-tests" for client in production["clients"]):
        errors.append("production variant keeps the test client marketplace-tests")
    for where in loopback_urls(production):
        errors.append(f"production variant points at a loopback address at {where}")
    for where in long_descriptions(realm):
        errors.append(f"{where} is longer than {MAX_DESCRIPTION} characters; Keycloak refuses the import")
    missing = set(APP_HOSTS) - {client["clientId"] for client in production["clients"]}
    if missing:
        errors.append(f"production variant lacks the browser app clients {sorted(missing)}")
    for user in production["users"]:
        roles = user.get("clientRoles", {}).get("realm-management", [])
        if roles and user.get("serviceAccountClientId") != PROVISIONING_CLIENT:
            errors.append(f"{user['username']} holds realm-management roles {roles}; only {PROVISIONING_CLIENT} may")
    for error in errors:
        print(error)
    clients = ", ".join(client["clientId"] for client in production["clients"])
    print(f"production variant: clients {clients}")
    return 1 if errors else 0


def main(argv):
    if argv == ["production"]:
        json.dump(production_variant(load()), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if argv == ["check"]:
        return check()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
