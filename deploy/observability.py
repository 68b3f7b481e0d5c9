"""Offline validation of the log and trace shipping configuration the umbrella chart deploys (Fluent Bit
and the OpenTelemetry collector cannot be built here, so their own dry runs cannot run):
  - fluent-bit.conf: known section names, every section has a Name, every [INPUT]/[FILTER]/[OUTPUT]
    plugin is one Fluent Bit ships, every parser it names is defined in parsers.conf, the Lua script
    and function it calls exist, every ${VAR} it reads is set by the DaemonSet template;
  - otel/collector.yaml: every component a pipeline or the service names is defined, every defined
    component is used, the OTLP ports match the Service the chart renders.
Usage: python3 deploy/observability.py (from the repo root)."""
import re
import sys
from pathlib import Path

import yaml

LOGGING = Path("deploy/monitoring/logging")
COLLECTOR = Path("deploy/monitoring/otel/collector.yaml")
FLUENT_TEMPLATE = Path("helm/marketplace/templates/observability-fluent-bit.yaml")
COLLECTOR_TEMPLATE = Path("helm/marketplace/templates/observability-otel-collector.yaml")
SECTIONS = {"SERVICE", "INPUT", "FILTER", "OUTPUT", "PARSER", "MULTILINE_PARSER"}
PLUGINS = {
    "INPUT": {"tail", "systemd", "forward", "http", "dummy", "kubernetes_events", "fluentbit_metrics"},
    "FILTER": {"kubernetes", "lua", "modify", "grep", "record_modifier", "nest", "parser", "rewrite_tag", "throttle"},
    "OUTPUT": {"opensearch", "es", "cloudwatch_logs", "forward", "stdout", "null", "http"},
}
BUILTIN_PARSERS = {"cri", "docker", "json", "go", "python", "java"}
errors = []


def sections(path):
    """[(section, {key_lower: value})] of a classic-mode Fluent Bit file."""
    found, current = [], None
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([A-Z_]+)\]", line)
        if header:
            if header.group(1) not in SECTIONS:
                errors.append(f"{path}:{number}: unknown section [{header.group(1)}]")
            current = (header.group(1), {})
            found.append(current)
            continue
        if current is None:
            errors.append(f"{path}:{number}: setting outside a section")
            continue
        key, _, value = line.partition(" ")
        if not value.strip():
            errors.append(f"{path}:{number}: {key} has no value")
        current[1][key.lower()] = value.strip()
    return found


def check_fluent_bit():
    config = sections(LOGGING / "fluent-bit.conf")
    service = [settings for kind, settings in config if kind == "SERVICE"]
    if len(service) != 1:
        errors.append("fluent-bit.conf: exactly one [SERVICE] section expected")
    parsers_file = service[0].get("parsers_file") if service else None
    defined = set(BUILTIN_PARSERS)
    if parsers_file:
        if not (LOGGING / parsers_file).is_file():
            errors.append(f"fluent-bit.conf: Parsers_File {parsers_file} does not exist")
        else:
            defined |= {s.get("name") for kind, s in sections(LOGGING / parsers_file) if kind in ("PARSER", "MULTILINE_PARSER")}
    for kind, settings in config:
        if kind == "SERVICE":
            continue
        name = settings.get("name")
        if not name:
            errors.append(f"fluent-bit.conf: [{kind}] without Name")
            continue
        if name not in PLUGINS.get(kind, set()):
            errors.append(f"fluent-bit.conf: [{kind}] plugin {name} is not a known Fluent Bit plugin")
        for key in ("parser", "merge_parser", "multiline.parser"):
            for parser in filter(None, re.split(r"[,\s]+", settings.get(key, ""))):
                if parser not in defined:
                    errors.append(f"fluent-bit.conf: [{kind}] {name} names undefined parser {parser}")
        if name == "lua":
            script = LOGGING / settings.get("script", "")
            if not script.is_file():
                errors.append(f"fluent-bit.conf: Lua script {script} does not exist")
            elif not re.search(rf"function\s+{re.escape(settings.get('call', ''))}\s*\(", script.read_text()):
                errors.append(f"fluent-bit.conf: {script} has no function {settings.get('call')}")
    template = FLUENT_TEMPLATE.read_text()
    for variable in set(re.findall(r"\$\{([A-Z_]+)\}", (LOGGING / "fluent-bit.conf").read_text())):
        if f"name: {variable}" not in template:
            errors.append(f"fluent-bit.conf reads ${{{variable}}}, which {FLUENT_TEMPLATE} does not set")
    for name in ("fluent-bit.conf", "parsers.conf", "pino.lua"):
        if f'"{name}"' not in template:
            errors.append(f"{FLUENT_TEMPLATE} does not mount {name}")


def check_collector():
    config = yaml.safe_load(COLLECTOR.read_text())
    service = config.get("service", {})
    used = {("extensions", name) for name in service.get("extensions", [])}
    pipelines = service.get("pipelines") or {}
    if not pipelines:
        errors.append("collector.yaml: no pipelines")
    for pipeline, body in pipelines.items():
        for kind in ("receivers", "processors", "exporters"):
            for name in body.get(kind, []):
                used.add((kind, name))
        if not body.get("receivers") or not body.get("exporters"):
            errors.append(f"collector.yaml: pipeline {pipeline} needs receivers and exporters")
    for kind, name in sorted(used):
        if name not in (config.get(kind) or {}):
            errors.append(f"collector.yaml: {kind[:-1]} {name} is used but not defined")
    for kind in ("receivers", "processors", "exporters", "extensions"):
        for name in config.get(kind) or {}:
            if (kind, name) not in used:
                errors.append(f"collector.yaml: {kind[:-1]} {name} is defined but not used")
    for _, exporter in (config.get("exporters") or {}).items():
        authenticator = ((exporter or {}).get("http") or {}).get("auth", {}).get("authenticator")
        if authenticator and authenticator not in service.get("extensions", []):
            errors.append(f"collector.yaml: authenticator {authenticator} is not an enabled extension")
    protocols = ((config.get("receivers") or {}).get("otlp") or {}).get("protocols") or {}
    template = COLLECTOR_TEMPLATE.read_text()
    for protocol, port in (("grpc", "4317"), ("http", "4318")):
        endpoint = (protocols.get(protocol) or {}).get("endpoint", "")
        if not endpoint.endswith(f":{port}") or f"containerPort: {port}" not in template:
            errors.append(f"collector.yaml: OTLP {protocol} must listen on {port} as {COLLECTOR_TEMPLATE} exposes it")


check_fluent_bit()
check_collector()
for error in errors:
    print(error)
print(f"observability configs: {len(errors)} problem(s)")
sys.exit(1 if errors else 0)
