"""The spaCy boundary is typed: a parameter holding a Doc, Span or Token says so, so strict mypy
checks the coder against spaCy's own stubs instead of letting ``Any`` through."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "comity"
CHECKED = [PACKAGE / "extract", PACKAGE / "nlp", PACKAGE / "pipeline.py"]

#: Parameter names that, in this code base, hold a spaCy object (or a collection of them).
SPACY_NAME = re.compile(
    r"^(?:docs?|spans?|sents?|sentences?|tokens?|tok|trigger|heads?|child(?:ren)?|verb|noun|"
    r"obj|subject|pobj|prep|clause|root|top|stop|unit)$|_(?:doc|span|sent|token)s?$"
)


def _mentions_any(annotation: ast.expr | None) -> bool:
    if annotation is None:
        return False
    names = {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(annotation) if isinstance(n, ast.Attribute)}
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        names |= set(re.findall(r"\w+", annotation.value))
    return "Any" in names


def untyped_spacy_parameters(source: str) -> list[str]:
    """``function(parameter)`` for every parameter named like a spaCy object but typed ``Any``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        args = node.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            if SPACY_NAME.search(arg.arg) and _mentions_any(arg.annotation):
                found.append(f"{node.name}({arg.arg})")
    return found


def _modules() -> list[Path]:
    return sorted(p for root in CHECKED for p in ([root] if root.is_file() else root.rglob("*.py")))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_spacy_objects_are_never_typed_any(path: Path) -> None:
    found = untyped_spacy_parameters(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(PACKAGE)}: type these as spacy.tokens Doc/Span/Token: {found}"


def test_spacy_type_check_catches_an_any_parameter() -> None:
    source = (
        "def f(token: Any, sent: 'Any', docs: list[typing.Any], n: Any, span: tuple[int, int]) -> None: ...\n"
        "class C:\n    def g(self, *, head: Any | None = None) -> None: ...\n"
    )
    assert untyped_spacy_parameters(source) == ["f(token)", "f(sent)", "f(docs)", "g(head)"]


def test_mypy_reads_spacy_types() -> None:
    """spaCy ships stubs (py.typed): ignoring its imports would make every Doc/Token ``Any`` again."""
    import tomllib

    config = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    ignored = [
        module
        for override in config["tool"]["mypy"].get("overrides", [])
        if override.get("ignore_missing_imports")
        for module in override["module"]
    ]
    assert not [m for m in ignored if m.split(".")[0] == "spacy"]
