"""The layers of docs/architecture.md, checked: every module belongs to one, and imports only its own or lower ones."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import gzkit

SRC = Path(gzkit.__file__).parent
DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"

#: Lower layers first. A package (cli, charts, audit, htmlreport) is placed as a whole.
LAYERS = ("foundation", "data", "computations", "rendering", "command line")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[0] in ("__init__", "__main__"):
            continue
        found.setdefault(parts[0], path.parent if len(parts) > 1 else path)
    return found


def _layer_of() -> dict[str, str]:
    """The module map of docs/architecture.md: rows `| layer | `module`, `module` … |`."""
    table = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].lower() in LAYERS:
            for name in re.findall(r"`([a-z0-9_]+)`", cells[1]):
                table[name] = cells[0].lower()
    return table


def _imports(path: Path) -> set[str]:
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    names = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "gzkit":
                    names.update(a.name for a in node.names)
                elif node.module.startswith("gzkit."):
                    names.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("gzkit."))
    return names - {"__version__"}


def test_every_module_has_a_layer_in_the_architecture_page():
    layer = _layer_of()
    assert sorted(set(_modules()) - set(layer)) == []
    assert sorted(set(layer) - set(_modules())) == []


def test_no_module_imports_a_higher_layer():
    layer, rank = _layer_of(), {name: n for n, name in enumerate(LAYERS)}
    upward = [
        f"{name} ({layer[name]}) imports {used} ({layer[used]})"
        for name, path in _modules().items()
        for used in sorted(_imports(path))
        if used in layer and rank[layer[used]] > rank[layer[name]]
    ]
    assert upward == []


def test_only_the_command_line_imports_typer():
    users = [
        name
        for name, path in _modules().items()
        if any(
            re.search(r"^\s*(import typer|from typer)", f.read_text(encoding="utf-8"), re.M)
            for f in (sorted(path.rglob("*.py")) if path.is_dir() else [path])
        )
    ]
    assert users == ["cli"]


def test_no_module_uses_another_modules_private_name():
    private = []
    for name, path in _modules().items():
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            tree = ast.parse(file.read_text(encoding="utf-8"))
            aliases = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gzkit"):
                    home = ([node.module.split(".")[1]] if "." in node.module else []) if node.level == 0 else [name]
                    if node.module == "gzkit":
                        aliases.update(a.asname or a.name for a in node.names if a.name != name)
                    if home != [name]:
                        private += [
                            f"{file.name}: {node.module}.{a.name}"
                            for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__") and a.name != "_"
                        ]
            private += [
                f"{file.name}: {node.value.id}.{node.attr}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and node.attr != "_"
                and not node.attr.startswith("__")
            ]
    assert private == []


def test_no_module_is_longer_than_about_four_hundred_lines():
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 420
    }
    assert long == {}
