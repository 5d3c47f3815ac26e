"""Partner scopes, generated from the OpenAPI document: every operation declares who may call it, and a key holding
one scope alone is let through exactly where that scope is declared (403 naming the missing scope elsewhere).

The cases come from the live schema, so an endpoint added later is in this matrix the day it is added, and one
that forgets to declare its scope fails `test_every_operation_declares_who_may_call_it`."""

import pytest
from django.test import Client

from accounts.models import Scope
from accounts.services import partner_key_create
from tests.test_access_matrix import concrete

API_KEY = "ApiKeyAuth"


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def partner_operations() -> list[tuple[str, str, dict]]:
    """(method, path, operation) of every operation that takes credentials at all."""
    found = []
    for path, item in _schema()["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"} and operation.get("security") not in (None, [{}]):
                found.append((method, path, operation))
    return sorted(found, key=lambda op: (op[1], op[0]))


def _call(method: str, path: str, scopes: list[str]):
    api_key, key = partner_key_create(partner="Matrix Bank", name="matrix", scopes=scopes)
    if {Scope.FREEZES_MANAGE, Scope.REFUNDS_MANAGE} & set(scopes):  # a bank's scopes also need the key bound to a bank
        from recovery.models import Bank, BankPartner

        BankPartner.objects.create(key=api_key).banks.set(Bank.objects.filter(code="YESB"))
    return getattr(Client(), method)(concrete(path), data={}, content_type="application/json",
                                     HTTP_AUTHORIZATION=f"Api-Key {key}")  # fmt: skip


def _cases():
    for method, path, operation in partner_operations():
        for scope in Scope.values:
            yield pytest.param(method, path, operation, scope, id=f"{scope}-{method}-{path}")


@pytest.mark.django_db
def test_every_operation_declares_who_may_call_it():
    for method, path, operation in partner_operations():
        schemes = {name for option in operation["security"] for name in option}
        declared = operation.get("x-required-scope") or operation.get("x-partner-access")
        assert declared, (method, path, "declares no partner scope nor partner access")
        if operation.get("x-partner-access") == "none":
            assert API_KEY not in schemes, (method, path, "staff only, yet documents the API key")
            assert "Helpline staff only" in operation["description"]
        else:
            assert API_KEY in schemes, (method, path)
        if operation.get("x-required-scope"):
            assert operation["x-required-scope"] in Scope.values
            assert f"`{operation['x-required-scope']}`" in operation["description"]


@pytest.mark.django_db
def test_every_scope_opens_at_least_one_operation_and_the_documented_operations_are_the_expected_ones():
    by_scope = {}
    for method, path, operation in partner_operations():
        if operation.get("x-required-scope"):
            by_scope.setdefault(operation["x-required-scope"], set()).add(f"{method.upper()} {path}")
    assert set(by_scope) == set(Scope.values)
    assert by_scope["alerts:send"] >= {"POST /api/alerts/", "POST /api/alert/send", "POST /api/alert/location"}
    assert by_scope["citizens:read"] == {"GET /api/users/location"}
    assert by_scope["consent:write"] == {"POST /api/consent/"}


@pytest.mark.django_db
def test_each_operation_lists_each_security_scheme_once():
    for method, path, operation in partner_operations():
        names = [name for option in operation["security"] for name in option]
        assert len(names) == len(set(names)), (method, path, operation["security"])


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "operation", "scope"), list(_cases()))
def test_a_key_with_one_scope_is_let_through_exactly_where_that_scope_is_declared(
    method, path, operation, scope, settings, locmem_outbox
):
    settings.CELERY_BROKER_URL = "memory://"
    response = _call(method, path, [scope])
    required = operation.get("x-required-scope")
    if required == scope or operation.get("x-partner-access") == "any":
        assert response.status_code not in (401, 403), (response.status_code, response.content[:300])
        assert response.status_code < 500
    else:
        assert response.status_code == 403, (response.status_code, response.content[:300])
        error = response.json()["error"]
        if required:
            assert error["code"] == "missing_scope"
            assert f'"{required}"' in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "operation"), partner_operations())
def test_a_new_key_without_scopes_is_refused_everywhere_a_scope_is_needed(method, path, operation):
    response = _call(method, path, [])
    if operation.get("x-partner-access") == "any":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
