"""Which sitrep modules a source file imports (at the top or inside functions), for the arrow tests."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def imported_modules(module: str) -> set[str]:
    """Every ``sitrep...`` module ``module`` imports, ``from sitrep.x import y`` counted as x and x.y."""
    path = SRC / (module.replace(".", "/") + ".py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("sitrep")}
