"""Offline wiring check for the OpenTofu code (providers cannot be downloaded, so `tofu validate`
cannot run): parses every .tf file and checks, for every module call with a local source, that the
arguments are declared variables of the module, that required variables are given, and that every
`module.<name>.<output>` and `var.<name>` reference resolves. Usage: python tf-wiring.py terraform/"""
import re
import sys
from pathlib import Path

import hcl2

errors = []


def load_dir(directory):
    blocks = {"variable": {}, "output": {}, "module": {}, "text": ""}
    for tf in sorted(directory.glob("*.tf")):
        text = tf.read_text()
        blocks["text"] += text
        try:
            parsed = hcl2.loads(text)
        except Exception as exc:  # the parser raises several lark error types
            errors.append(f"{tf}: does not parse: {exc}")
            continue
        for kind in ("variable", "output", "module"):
            for entry in parsed.get(kind, []):
                for name, body in entry.items():
                    blocks[kind][name.strip('"')] = body
    return blocks


def check_dir(directory, root):
    own = load_dir(directory)
    for name in sorted(set(re.findall(r"\bvar\.([A-Za-z0-9_-]+)", own["text"]))):
        if name not in own["variable"]:
            errors.append(f"{directory.relative_to(root)}: var.{name} is not declared")
    for call, body in own["module"].items():
        source = body.get("source", "")
        # Depending on the python-hcl2 release, attribute values come as scalars or one-item lists.
        source = source[0] if isinstance(source, list) else source
        if not source.startswith("."):
            errors.append(f"{directory.relative_to(root)}: module {call} uses a non-local source {source}")
            continue
        target = (directory / source).resolve()
        if not target.is_dir():
            errors.append(f"{directory.relative_to(root)}: module {call} source {source} does not exist")
            continue
        module = load_dir(target)
        given = {key for key in body if not key.startswith("__")} - {"source", "depends_on", "providers", "count", "for_each"}
        for argument in sorted(given - set(module["variable"])):
            errors.append(f"{directory.relative_to(root)}: module {call} has no variable {argument}")
        for variable, spec in module["variable"].items():
            if "default" not in spec and variable not in given:
                errors.append(f"{directory.relative_to(root)}: module {call} misses required variable {variable}")
        for output in sorted(set(re.findall(rf"\bmodule\.{re.escape(call)}\.([A-Za-z0-9_-]+)", own["text"]))):
            if output not in module["output"]:
                errors.append(f"{directory.relative_to(root)}: module.{call}.{output} is not an output of {source}")
    for name in sorted(set(re.findall(r"\bmodule\.([A-Za-z0-9_-]+)\.", own["text"]))):
        if name not in own["module"]:
            errors.append(f"{directory.relative_to(root)}: module.{name} is not declared")


def main():
    root = Path(sys.argv[1]).resolve()
    directories = sorted({tf.parent for tf in root.rglob("*.tf") if ".terraform" not in tf.parts})
    for directory in directories:
        check_dir(directory, root)
    for error in errors:
        print(error)
    print(f"{len(directories)} directories, {len(errors)} wiring errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
