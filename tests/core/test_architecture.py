"""The shape of the code: the core never loads Qt, and its packages import each other without cycles."""

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

EDITOR = Path(__file__).resolve().parents[2] / "editor"


def modules(folder: Path) -> list[str]:
    """Every module under `folder`, as dotted names (packages' __init__ included)."""
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(EDITOR.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_importing_every_core_module_loads_no_qt():
    names = modules(EDITOR / "core")
    assert len(names) > 60 and "editor.core.render.extension" in names
    code = "import sys\n" + "".join(f"import {n}\n" for n in names) + (
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=EDITOR.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def imported_modules(path: Path) -> set[str]:
    """The editor modules a file imports (at the top or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("editor."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("editor"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def package_of(module: str) -> str | None:
    """editor.core.render.pipeline -> editor.core.render; top-level core modules are their own."""
    parts = module.split(".")
    return ".".join(parts[:3]) if len(parts) >= 3 and parts[1] in ("core", "ui") else None


def package_graph() -> dict[str, set[str]]:
    known = set(modules(EDITOR))
    graph: dict[str, set[str]] = defaultdict(set)
    for path in EDITOR.rglob("*.py"):
        parts = path.relative_to(EDITOR.parent).with_suffix("").parts
        source = package_of(".".join(parts))
        for target in imported_modules(path):
            if target in known and (target_package := package_of(target)) and source and target_package != source:
                graph[source].add(target_package)
    return graph


def test_packages_import_each_other_without_cycles():
    graph = package_graph()
    assert graph, "the scan sees imports between packages"
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for target in graph.get(node, ()):
            if target in path:
                cycles.append(path[path.index(target):] + [target])
            elif len(path) < 12:
                visit(target, path + [target])

    for start in list(graph):
        visit(start, [start])
    assert not cycles, "cycles between packages: " + "; ".join(" -> ".join(c) for c in cycles[:5])


def test_the_core_never_imports_the_interface():
    for path in (EDITOR / "core").rglob("*.py"):
        assert not any(name.startswith("editor.ui") for name in imported_modules(path)), path
