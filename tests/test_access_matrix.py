"""Access control over every API operation in the schema: anonymous callers are refused everywhere but the
public ones; partner keys never reach staff-only operations. Detailed per-role matrices live in each app."""

import re
import uuid

import pytest
from django.test import Client

PUBLIC = {("get", "/api/health")}
PATH_PARAM = re.compile(r"\{([^}]+)\}")


def operations() -> list[tuple[str, str]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method in item:
            if method in {"get", "post", "put", "patch", "delete"}:
                found.append((method, path))
    return sorted(found)


def concrete(path: str) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if "phone" in name:
            return "+919876543210"
        if name in {"id", "pk"} or name.endswith("_id"):
            return "1"
        return str(uuid.uuid4())

    return PATH_PARAM.sub(value, path)


@pytest.mark.django_db
def test_the_schema_lists_the_apis_of_every_app():
    paths = {path for _, path in operations()}
    for prefix in ["/api/complaints/", "/api/patterns/", "/api/alerts/", "/api/campaigns/", "/api/verification/"]:
        assert any(path.startswith(prefix) for path in paths), prefix


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), operations())
def test_anonymous_callers_are_refused_by_every_non_public_operation(method, path):
    response = getattr(Client(), method)(concrete(path), content_type="application/json")
    if (method, path) in PUBLIC:
        assert response.status_code < 500
    else:
        assert response.status_code in (401, 403), (method, path, response.status_code)
        assert "error" in response.json()
