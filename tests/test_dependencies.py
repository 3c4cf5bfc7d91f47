"""Every package the code imports is declared in pyproject.toml, in the extra that installs it.

Why: a package that arrives only as another's dependency (httpx through chromadb, scikit-learn
through sentence-transformers) can vanish on that package's next release, and the layer that
imports it breaks on a fresh install.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = {"assistant", "indexing", "evals", "corpus", "tests"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    return runtime, runtime | {_name(r) for r in project["optional-dependencies"]["eval"]}


def _imports(folder: str) -> dict[str, str]:
    """Top-level third-party module -> one file importing it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OURS and top != "__future__":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def _undeclared(folder: str, allowed: set[str]) -> list[str]:
    dists = packages_distributions()
    out = []
    for module, where in _imports(folder).items():
        names = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not names & allowed:
            out.append(f"{module} ({where}; distribution {', '.join(sorted(names))})")
    return out


def test_the_serving_layers_import_only_runtime_dependencies():
    runtime, _ = _declared()
    assert _undeclared("indexing", runtime) == []
    assert _undeclared("assistant", runtime) == []


def test_evals_import_only_runtime_or_eval_dependencies():
    _, with_eval = _declared()
    assert _undeclared("evals", with_eval) == []


def test_scikit_learn_is_not_a_dependency():
    runtime, with_eval = _declared()
    assert "scikit-learn" not in with_eval
    assert "sklearn" not in _imports("indexing") | _imports("assistant") | _imports("evals")
