"""Every deployable that the umbrella chart enables, the image workflow builds or docker-compose.yml
builds must be a workspace package, and the three must name the same deployables; every deployable
`npm start` runs (platform/stack/services.txt) must be deployed. A component whose code does not exist
yet stays disabled: `enabled: false` in helm/marketplace/values.yaml, no entry in images.yml,
`profiles: [unbuilt]` in docker-compose.yml. Usage: python3 deploy/deployables.py (from the repo root)."""
import fnmatch
import sys
from pathlib import Path

import yaml

UNBUILT_PROFILE = "unbuilt"
errors = []


def workspace_patterns():
    return yaml.safe_load(Path("pnpm-workspace.yaml").read_text())["packages"]


def is_workspace_package(directory, patterns):
    if not (Path(directory) / "package.json").is_file():
        return False
    return any(fnmatch.fnmatch(directory, pattern) for pattern in patterns)


def enabled_charts():
    chart = yaml.safe_load(Path("helm/marketplace/Chart.yaml").read_text())
    values = yaml.safe_load(Path("helm/marketplace/values.yaml").read_text())
    enabled = {}
    for dependency in chart["dependencies"]:
        name = dependency["name"]
        if not (values.get(name) or {}).get("enabled", False):
            continue
        component = yaml.safe_load(Path(f"helm/{name}/values.yaml").read_text())
        repository = component["image"]["repository"]
        enabled[name] = repository.split("/")[-1]
    return enabled


def workflow_images():
    workflow = yaml.safe_load(Path(".github/workflows/images.yml").read_text())
    matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
    return {entry["name"]: entry["dir"] for entry in matrix}


def compose_builds():
    compose = yaml.safe_load(Path("docker-compose.yml").read_text())
    builds = {}
    for name, service in compose["services"].items():
        build = service.get("build")
        if not build or UNBUILT_PROFILE in service.get("profiles", []):
            continue
        args = build.get("args", {})
        builds[name] = args.get("SERVICE_DIR") or args.get("APP_DIR")
    return builds


def stack_deployables():
    lines = Path("platform/stack/services.txt").read_text().splitlines()
    return {line.split()[0]: line.split()[1] for line in lines if line.strip() and not line.startswith("#")}


def main():
    patterns = workspace_patterns()
    charts = enabled_charts()
    images = workflow_images()
    builds = compose_builds()

    for chart, image in sorted(charts.items()):
        if image not in images:
            errors.append(f"chart {chart} is enabled but images.yml builds no image {image}")
        if chart not in builds:
            errors.append(f"chart {chart} is enabled but docker-compose.yml builds no service {chart}")
    for image, directory in sorted(images.items()):
        if not is_workspace_package(directory, patterns):
            errors.append(f"images.yml builds {image} from {directory}, which is no workspace package")
        if image not in charts.values():
            errors.append(f"images.yml builds {image}, which no enabled chart deploys")
    for service, directory in sorted(builds.items()):
        if not directory or not is_workspace_package(directory, patterns):
            errors.append(
                f"docker-compose.yml builds {service} from {directory}, which is no workspace package "
                f"(add `profiles: [{UNBUILT_PROFILE}]` until its code exists)"
            )
        if service not in charts:
            errors.append(f"docker-compose.yml builds {service}, which no enabled chart deploys")
    for name, directory in sorted(stack_deployables().items()):
        if name not in charts:
            errors.append(f"platform/stack/services.txt runs {name} ({directory}), which no enabled chart deploys")

    for error in errors:
        print(error)
    print(f"{len(charts)} enabled charts, {len(images)} images, {len(builds)} compose builds checked")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
