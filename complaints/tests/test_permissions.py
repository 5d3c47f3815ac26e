"""Who may open what: every console page, API endpoint and admin page × {anonymous, A, B, admin, partner}."""

import pytest
from django.urls import reverse

from accounts.models import Scope
from accounts.services import partner_key_create
from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.services import complaint_pdf_attach
from complaints.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "attender_a", "attender_b", "admin", "partner")


@pytest.fixture
def world(settings, tmp_path):
    """Attender A handles `mine` (with a PDF); `free` is unassigned (with a PDF)."""
    settings.MEDIA_ROOT = tmp_path
    attender_a, attender_b, admin = AttenderFactory(), AttenderFactory(), AdminFactory()
    mine = ComplaintFactory(handler=attender_a, transactions=2)
    free = ComplaintFactory(transactions=1)
    for complaint in (mine, free):
        complaint_pdf_attach(complaint=complaint)
    _, key = partner_key_create(partner="Bank A", name="bank-a", scopes=Scope.values)  # all: still no complaints
    return {
        "users": {"attender_a": attender_a, "attender_b": attender_b, "admin": admin},
        "mine": mine,
        "free": free,
        "mine_txn": mine.transactions.get(position=1),
        "partner_key": key,
    }


def _as(client, world, actor):
    extra = {}
    if actor in world["users"]:
        client.force_login(world["users"][actor])
    elif actor == "partner":
        extra["HTTP_AUTHORIZATION"] = f"Api-Key {world['partner_key']}"
    return extra


def expect(anonymous, attender_a, attender_b, admin, partner=None) -> dict:
    """Expected status per actor, in the order anonymous, attender A, attender B, admin, partner."""
    statuses = {"anonymous": anonymous, "attender_a": attender_a, "attender_b": attender_b, "admin": admin}
    if partner is not None:
        statuses["partner"] = partner
    return statuses


# --- console pages: anonymous → login (302); B on A's complaint → 404 ----------------------------------------
#   (method, url name, args, expect(anonymous, attender A, attender B, admin[, partner]))
CONSOLE = [
    ("get", "console-home", (), expect(302, 200, 200, 200, 302)),
    ("get", "console-unassigned", (), expect(302, 200, 200, 200, 302)),
    ("get", "console-complaint", ("mine",), expect(302, 200, 404, 200, 302)),
    ("get", "console-complaint", ("free",), expect(302, 200, 200, 200, 302)),
    ("get", "console-pdf", ("mine",), expect(302, 200, 404, 200, 302)),
    ("get", "console-pdf", ("free",), expect(302, 404, 404, 200, 302)),
    ("post", "console-claim", ("free",), expect(302, 302, 302, 302, 302)),
    # A colleague's complaint: the claim says who has it (a message on the page, 409 in the API), never a 404.
    ("post", "console-claim", ("mine",), expect(302, 302, 302, 302, 302)),
    ("post", "console-take-next", (), expect(302, 302, 302, 302, 302)),
    ("post", "console-status", ("mine",), expect(302, 302, 404, 302, 302)),
    ("post", "console-status", ("free",), expect(302, 404, 404, 302, 302)),
    ("post", "console-progress", ("mine", "mine_txn"), expect(302, 302, 404, 302, 302)),
    ("get", "console-search", (), expect(302, 200, 200, 200, 302)),
    ("post", "console-note", ("mine",), expect(302, 302, 404, 302, 302)),
    ("post", "console-note", ("free",), expect(302, 404, 404, 302, 302)),
    ("post", "console-unassign", ("mine",), expect(302, 302, 404, 302, 302)),
    ("post", "console-reopen", ("mine",), expect(302, 400, 404, 400, 302)),  # no reason given
    ("post", "console-hand-over", ("mine",), expect(302, 400, 404, 400, 302)),
]

API = [
    ("get", "api-complaint-list", (), expect(401, 200, 200, 200, 403)),
    (
        "get",
        "api-complaint-detail",
        ("mine",),
        expect(401, 200, 404, 200, 403),
    ),
    (
        "get",
        "api-complaint-detail",
        ("free",),
        expect(401, 200, 200, 200, 403),
    ),
    (
        "post",
        "api-complaint-claim",
        ("free",),
        expect(401, 200, 200, 403, 403),
    ),
    (
        "post",
        "api-complaint-claim",
        ("mine",),
        expect(401, 409, 409, 403, 403),
    ),
    (
        "post",
        "api-complaint-status",
        ("mine",),
        expect(401, 200, 404, 200, 403),
    ),
    (
        "post",
        "api-complaint-status",
        ("free",),
        expect(401, 404, 404, 200, 403),
    ),
    (
        "get",
        "api-complaint-pdf",
        ("mine",),
        expect(401, 200, 404, 200, 403),
    ),
    (
        "get",
        "api-complaint-pdf",
        ("free",),
        expect(401, 404, 404, 200, 403),
    ),
    ("get", "api-attender-list", (), expect(401, 403, 403, 200, 403)),
]

ADMIN = [
    (
        "get",
        "admin:complaints_complaint_changelist",
        (),
        expect(302, 403, 403, 200, 302),
    ),
    (
        "get",
        "admin:complaints_complaint_change",
        ("mine",),
        expect(302, 403, 403, 200, 302),
    ),
    (
        "get",
        "admin:complaints_complaint_pdf",
        ("mine",),
        expect(302, 403, 403, 200, 302),
    ),
    ("get", "admin:index", (), expect(302, 403, 403, 200, 302)),
]

POST_BODIES = {
    "console-status": {"status": "in_progress", "note": "Called the victim"},
    "console-progress": {"progress": "reported_to_bank"},
    "console-note": {"note": "Called the victim"},
    "console-search": {"q": "no such name"},
    "api-complaint-status": {"status": "in_progress", "note": "Called the victim"},
}


def _cases(table):
    for method, name, args, expected in table:
        for actor, status in expected.items():
            yield pytest.param(method, name, args, actor, status, id=f"{actor}-{method}-{name}-{'-'.join(args)}")


def _request(client, world, method, name, args, actor):
    extra = _as(client, world, actor)
    url = reverse(name, args=[world[a].pk for a in args])
    if method == "get":
        return client.get(url, POST_BODIES.get(name, {}), **extra)
    body = POST_BODIES.get(name, {})
    if name.startswith("api-"):
        return client.post(url, body, content_type="application/json", **extra)
    return client.post(url, body, **extra)


@pytest.mark.parametrize(("method", "name", "args", "actor", "expected"), list(_cases(CONSOLE)))
def test_console_page_answers_each_role_as_expected(client, world, method, name, args, actor, expected):
    response = _request(client, world, method, name, args, actor)
    assert response.status_code == expected
    if actor in ("anonymous", "partner"):  # an API key is no console session
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("method", "name", "args", "actor", "expected"), list(_cases(API)))
def test_api_endpoint_answers_each_role_as_expected(client, world, method, name, args, actor, expected):
    response = _request(client, world, method, name, args, actor)
    assert response.status_code == expected
    if expected >= 400:
        assert set(response.json()["error"]) == {"code", "message", "fields"}


@pytest.mark.parametrize(("method", "name", "args", "actor", "expected"), list(_cases(ADMIN)))
def test_admin_page_answers_each_role_as_expected(client, world, method, name, args, actor, expected):
    response = _request(client, world, method, name, args, actor)
    assert response.status_code == expected


def test_refused_attender_changes_nothing_on_another_attenders_complaint(client, world):
    client.force_login(world["users"]["attender_b"])
    client.post(reverse("console-status", args=[world["mine"].pk]), POST_BODIES["console-status"])
    client.post(reverse("console-progress", args=[world["mine"].pk, world["mine_txn"].pk]), {"progress": "refunded"})
    client.post(reverse("console-claim", args=[world["mine"].pk]))
    world["mine"].refresh_from_db()
    world["mine_txn"].refresh_from_db()
    assert world["mine"].status == "pending"
    assert world["mine"].handler == world["users"]["attender_a"]
    assert world["mine_txn"].progress == "not_started"
    assert not world["mine"].events.exists()


def test_attender_list_api_never_shows_another_attenders_complaint(client, world):
    client.force_login(world["users"]["attender_b"])
    acks = [row["ack_number"] for row in client.get(reverse("api-complaint-list")).json()["results"]]
    assert acks == [world["free"].ack_number]
