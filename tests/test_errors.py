"""The error tree: every error feedhook raises on purpose is in app/errors.py and drawn in its docstring."""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import app.errors
from app.errors import FeedhookError, NormalizeError, QuarantinedError

_APP = Path(app.errors.__file__).parent
_BUILTIN_ERRORS = {
    name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, BaseException)
}
_TREE = set(app.errors.__all__)


def _error_classes_outside_the_tree() -> list[str]:
    found = []
    for path in sorted(_APP.rglob("*.py")):
        if path == Path(app.errors.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
                continue  # a private exception is control flow inside its module, never raised out of it
            bases = {base.id if isinstance(base, ast.Name) else getattr(base, "attr", "") for base in node.bases}
            if bases & (_BUILTIN_ERRORS | _TREE):
                found.append(f"{path.relative_to(_APP.parent)}:{node.lineno} {node.name}")
    return found


def test_every_public_error_class_lives_in_app_errors() -> None:
    assert _error_classes_outside_the_tree() == []


def test_the_docstring_draws_every_error_of_the_tree() -> None:
    doc = app.errors.__doc__ or ""
    errors = [name for name in app.errors.__all__ if issubclass(getattr(app.errors, name), FeedhookError)]
    assert errors == sorted(app.errors.__all__)
    drawn = set(re.findall(r"^[│├└─ ]*(\w+) ", doc, flags=re.MULTILINE))
    assert drawn >= set(errors)


def test_a_quarantined_error_keeps_its_reason_and_its_class_attributes() -> None:
    reason = NormalizeError("no headline could be recovered", missing=("headline",))
    error = QuarantinedError(reason, 7)
    assert (error.code, error.title) == ("quarantined", "Quarantined payload")
    assert "code" not in vars(error)
    assert "title" not in vars(error)
    assert error.reason is reason
    assert (error.detail, error.missing, error.quarantine_id) == (reason.detail, ("headline",), 7)
