#!/usr/bin/env python3
"""Checks that the modules of src/ form layers without cycles.

Reads every `crate::<module>` path in src/ (in `use` lines and inline), maps
each file to its top-level module, and fails when a module uses one of a
higher layer or two modules use each other. Inside a module folder, files
must not use each other in a circle either. Exit status 0 when clean, 1 with
one line per problem otherwise.
"""
import pathlib
import re
import sys

# Lowest first. Modules on one line form one layer and must not use each
# other in a circle; a module may use any module of a lower layer.
LAYERS = [
    ["diagnostic", "moment", "slug", "url", "words", "profile"],
    ["locale"],
    ["schema"],
    ["config"],
    ["content"],
    ["site"],
    ["checklist"],
    ["render"],
    ["output"],
    ["build"],
    ["report", "scaffold", "serve"],
    ["cli"],
]

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"
CRATE_PATH = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?")
SUPER_PATH = re.compile(r"\bsuper::([a-z_][a-z0-9_]*)")


def code_lines(text):
    """The lines of `text` outside `#[cfg(test)]` modules and comments."""
    out = []
    skip_depth = None
    depth = 0
    pending_test = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if skip_depth is None and stripped.startswith("#[cfg(test)]"):
            pending_test = True
            continue
        opens, closes = line.count("{"), line.count("}")
        if pending_test and skip_depth is None and opens:
            skip_depth = depth
            pending_test = False
        depth += opens - closes
        if skip_depth is not None:
            if depth <= skip_depth:
                skip_depth = None
            continue
        out.append(line)
    return out


def module_of(path):
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "mod":
        parts.pop()
    return parts


def main():
    layer = {m: i for i, mods in enumerate(LAYERS) for m in mods}
    edges = {}
    file_edges = {}
    problems = []
    for path in sorted(SRC.rglob("*.rs")):
        parts = module_of(path)
        if parts in (["lib"], ["main"]):
            continue
        top = parts[0]
        if top not in layer:
            problems.append(f"{path.relative_to(SRC.parent)}: module `{top}` is in no layer of scripts/check-layers.py")
            continue
        for line in code_lines(path.read_text()):
            for m in CRATE_PATH.finditer(line):
                used = m.group(1)
                if used != top:
                    edges.setdefault(top, set()).add(used)
                elif m.group(2):
                    file_edges.setdefault((top, "/".join(parts[1:]) or "mod"), set()).add(m.group(2))
            for m in SUPER_PATH.finditer(line):
                if len(parts) >= 2:
                    file_edges.setdefault((top, "/".join(parts[1:]) or "mod"), set()).add(m.group(1))
    for a, used in sorted(edges.items()):
        for b in sorted(used):
            if b not in layer:
                continue
            if layer[b] > layer[a]:
                problems.append(f"`{a}` (layer {layer[a]}) uses `{b}` (layer {layer[b]}), a higher layer")
            elif layer[b] == layer[a] and a in edges.get(b, set()) and a < b:
                problems.append(f"`{a}` and `{b}` use each other")
    # Circles between files of one module folder (a file uses another by
    # `super::name` or `crate::module::name`).
    by_module = {}
    for (top, file), used in file_edges.items():
        by_module.setdefault(top, {})[file.split("/")[0]] = {u for u in used if u != file.split("/")[0]}
    for top, graph in sorted(by_module.items()):
        for a in sorted(graph):
            for b in sorted(graph[a]):
                if a < b and a in graph.get(b, set()):
                    problems.append(f"`{top}::{a}` and `{top}::{b}` use each other")
    for p in problems:
        print(p)
    print(f"module layers: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
