"""The README's scope table is the code's: every scope the OpenAPI document declares, with each of its operations."""

import re
from pathlib import Path

import pytest

from accounts.models import Scope

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_scope_rows() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("| scope | endpoints |", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[2:]:
        first, _bar, rest = line.strip("| ").partition("|")
        if match := re.fullmatch(r"`([a-z]+:[a-z]+)`", first.strip()):
            rows[match.group(1)] = rest
    return rows


@pytest.mark.django_db
def test_the_readme_scope_table_lists_every_declared_scope_and_its_operations(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    declared: dict[str, set[str]] = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if scope := operation.get("x-required-scope"):
                declared.setdefault(scope, set()).add(f"{method.upper()} {path}")
    rows = _readme_scope_rows()
    assert set(rows) == set(declared) == set(Scope.values)
    missing = {scope: sorted(op for op in ops if f"`{op}`" not in rows[scope]) for scope, ops in declared.items()}
    assert {scope: ops for scope, ops in missing.items() if ops} == {}
