"""complaints.access is the one policy for who may see and work a complaint (issue 21.1): a role × action matrix
through every entry point (console pages and POST actions, the complaint API, the money trail's console actions,
the PDF download) and through the services themselves.

Roles: the handler (active), the same handler deactivated, another attender (non-handler), an admin, a partner
key. An inactive attender is refused everywhere, even by a login backend that lets inactive users keep their
session (AllowAllUsersModelBackend), and even when the service is called directly.
"""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Scope
from accounts.services import partner_key_create
from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints import access
from complaints.services import complaint_pdf_attach
from complaints.workflow import complaint_change_status, complaint_claim, complaint_note_add
from recovery.models import Bank, FreezeRequest, UpiHandle
from recovery.seeds import install_mapping
from recovery.services import freeze_request_resend, freeze_requests_open
from recovery.tests.factories import complaint_paying

pytestmark = pytest.mark.django_db

ROLES = ("handler", "inactive_handler", "other_attender", "admin", "partner")


@pytest.fixture
def world(settings, tmp_path):
    """`mine` is handled by `handler`, `theirs` by an attender who was then deactivated; both have a PDF and an
    open freeze request. Inactive users keep their session, so the policy itself must refuse them."""
    settings.MEDIA_ROOT = tmp_path
    if not UpiHandle.objects.filter(handle="ybl").exists():  # a transactional test before may have flushed the seed
        install_mapping(Bank, UpiHandle)
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
    handler, gone, other, admin = AttenderFactory(), AttenderFactory(), AttenderFactory(), AdminFactory()
    mine = complaint_paying("quickloan@ybl", handler=handler, mobile="9876543210", father_name="Ramesh Kumar")
    theirs = complaint_paying("easycash@ybl", handler=gone, mobile="9812345678", father_name="Suresh Rao")
    for complaint in (mine, theirs):
        complaint_pdf_attach(complaint=complaint)
    freeze_requests_open(complaint_ids=[mine.pk, theirs.pk])
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    _, key = partner_key_create(partner="Bank A", name="bank-a", scopes=Scope.values)
    return {
        "handler": handler,
        "inactive_handler": gone,
        "other_attender": other,
        "admin": admin,
        "key": key,
        "mine": mine,
        "theirs": theirs,
    }


def _subject(world, role):
    """(the complaint the role is tested on, the client kwargs): the inactive handler is tested on their own."""
    return world["theirs"] if role == "inactive_handler" else world["mine"]


def _login(client, world, role) -> dict:
    if role == "partner":
        return {"HTTP_AUTHORIZATION": f"Api-Key {world['key']}"}
    client.force_login(world[role])
    return {}


# role → expected status of each entry point. 403 for the inactive handler: signed in, but not staff any more.
CONSOLE_PAGE = {"handler": 200, "inactive_handler": 403, "other_attender": 404, "admin": 200, "partner": 302}
CONSOLE_POST = {"handler": 302, "inactive_handler": 403, "other_attender": 404, "admin": 302, "partner": 302}
# The API: DRF's session authentication already drops an inactive user (401).
API_READ = {"handler": 200, "inactive_handler": 401, "other_attender": 404, "admin": 200, "partner": 403}
API_WRITE = {"handler": 200, "inactive_handler": 401, "other_attender": 404, "admin": 200, "partner": 403}


@pytest.mark.parametrize("role", ROLES)
def test_console_pages_and_pdf(client, world, role):
    complaint = _subject(world, role)
    extra = _login(client, world, role)
    assert client.get(f"/console/complaints/{complaint.pk}/", **extra).status_code in (
        {CONSOLE_PAGE[role]} if role != "other_attender" else {404}
    )
    assert client.get(f"/console/complaints/{complaint.pk}/pdf/", **extra).status_code == CONSOLE_PAGE[role]


@pytest.mark.parametrize("role", ROLES)
def test_console_post_actions(client, world, role):
    complaint = _subject(world, role)
    extra = _login(client, world, role)
    before = complaint.events.count()
    response = client.post(f"/console/complaints/{complaint.pk}/notes/", {"note": "Called the bank"}, **extra)
    assert response.status_code == CONSOLE_POST[role]
    assert complaint.events.count() == before + (1 if role in ("handler", "admin") else 0)


@pytest.mark.parametrize("role", ROLES)
def test_money_trail_console_actions(client, world, role):
    complaint = _subject(world, role)
    request = FreezeRequest.objects.get(complaint=complaint)
    extra = _login(client, world, role)
    url = f"/console/complaints/{complaint.pk}/freeze-requests/{request.pk}/resend/"
    assert client.post(url, **extra).status_code == CONSOLE_POST[role]
    request.refresh_from_db()
    assert request.times_sent == (2 if role in ("handler", "admin") else 1)


@pytest.mark.parametrize("role", ROLES)
def test_complaint_api(client, world, role):
    complaint = _subject(world, role)
    extra = _login(client, world, role)
    detail = client.get(f"/api/complaints/{complaint.pk}/", **extra)
    assert detail.status_code == API_READ[role]
    if detail.status_code == 200:
        body = detail.json()
        assert body["mobile"] == complaint.mobile and body["father_name"] == complaint.father_name
    assert client.get(f"/api/complaints/{complaint.pk}/pdf/", **extra).status_code == API_READ[role]
    status = client.post(
        f"/api/complaints/{complaint.pk}/status/", {"status": "in_progress"}, content_type="application/json", **extra
    )
    assert status.status_code == API_WRITE[role]


def test_an_unassigned_complaint_is_seen_masked_by_an_attender_and_not_at_all_by_an_inactive_one(client, world):
    free = complaint_paying("free@ybl", mobile="9800011122", father_name="Mahesh Iyer")
    client.force_login(world["other_attender"])
    body = client.get(f"/api/complaints/{free.pk}/").json()
    assert body["mobile"] != free.mobile and body["father_name"] == "M*** I***"
    page = client.get(f"/console/complaints/{free.pk}/").content.decode()
    assert (
        "Mahesh Iyer" not in page
        and "M*** I***" in page
        and free.dob.strftime("%Y") not in page.split("Date of birth")[1][:80]
    )
    client.force_login(world["inactive_handler"])
    assert client.get(f"/api/complaints/{free.pk}/").status_code == 401
    assert client.post(f"/console/complaints/{free.pk}/claim/").status_code == 403


@pytest.mark.parametrize("role", ("handler", "inactive_handler", "other_attender", "admin"))
def test_the_services_apply_the_same_policy(world, role):
    """Called directly (a task, the admin, a shell): the workflow and the money trail refuse who the pages do."""
    user, complaint = world[role], _subject(world, role)
    allowed = role in ("handler", "admin")
    request = FreezeRequest.objects.get(complaint=complaint)
    for action in (
        lambda: complaint_note_add(complaint_id=complaint.pk, by=user, note="n"),
        lambda: complaint_change_status(complaint_id=complaint.pk, status="in_progress", by=user),
        lambda: freeze_request_resend(request_id=request.pk, by=user),
    ):
        if allowed:
            action()
        else:
            with pytest.raises(PermissionDenied):
                action()
    assert access.can_work(user, complaint) is allowed
    assert access.complaints_workable_by(user=user).filter(pk=complaint.pk).exists() is allowed
    shown = access.shown(complaint.mobile, kind="phone", viewer=user, complaint=complaint)
    assert (shown == complaint.mobile) is allowed


def test_an_inactive_attender_cannot_claim_and_sees_nothing(world):
    gone = world["inactive_handler"]
    free = complaint_paying("free2@ybl")
    with pytest.raises(PermissionDenied):
        complaint_claim(complaint_id=free.pk, attender=gone)
    assert not access.complaints_visible_to(user=gone).exists()
    assert not access.is_staff_member(gone)
