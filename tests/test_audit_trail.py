"""The audit trail: every partner write and every staff action that sends messages or changes consent, with who,
what, when, from where and the outcome; append-only, never a message body or a full number, admins only."""

import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEntry, ConsentEvent
from accounts.services import audit_purge, audit_record
from accounts.tests.factories import AdminFactory, AttenderFactory, CitizenFactory
from alerts.models import Alert, AlertTemplate
from alerts.seeds import install
from complaints.tests.factories import ComplaintFactory
from tests.test_access_matrix import operations

pytestmark = pytest.mark.django_db
LATER = "2099-01-01T10:00:00+05:30"
LOCATION_ALERT = {
    "kind": "location",
    "audience": {"type": "location", "district": "Pune"},
    "template_key": "location",
    "channels": ["sms"],
    "send_at": LATER,
}


@pytest.fixture(autouse=True)
def templates():
    install(AlertTemplate)


@pytest.fixture
def admin_user():
    return AdminFactory(username="supervisor")


@pytest.fixture
def staff_api(admin_user):
    client = APIClient(REMOTE_ADDR="10.1.2.3")
    client.force_login(admin_user)
    return client


def only_entry(**filters) -> AuditEntry:
    (entry,) = AuditEntry.objects.filter(**filters)
    return entry


# --- partner writes ----------------------------------------------------------------------------------------------


def test_a_partner_alert_is_recorded_with_key_endpoint_object_address_and_outcome(partner_client_factory):
    client = partner_client_factory(["alerts:send"])
    alert_id = client.post("/api/alerts/", LOCATION_ALERT, format="json", REMOTE_ADDR="203.0.113.7").json()["id"]
    entry = only_entry()
    assert entry.partner_key == client.api_key and entry.user is None
    assert entry.actor == f"partner:{client.api_key.partner} ({client.api_key.prefix})"
    assert (entry.action, entry.endpoint, entry.objects_ref) == ("alert_send", "POST /api/alerts/", f"alert={alert_id}")
    assert (entry.ip_address, entry.status_code, entry.outcome) == ("203.0.113.7", 201, "ok")
    assert entry.created_at > timezone.now() - dt.timedelta(minutes=1)


def test_every_partner_write_is_recorded_even_without_a_declared_action_and_when_refused(partner_client_factory):
    client = partner_client_factory(["signals:write"])
    client.post("/api/campaigns/signals/", {"samples": []}, format="json")
    client.post("/api/campaigns/behaviour/", {"profiles": []}, format="json")  # no behaviour:write
    written, refused = AuditEntry.objects.order_by("id")
    assert (written.action, written.endpoint) == ("api_write", "POST /api/campaigns/signals/")
    assert (refused.endpoint, refused.outcome) == ("POST /api/campaigns/behaviour/", "refused")
    assert refused.status_code == 403


def test_partner_reads_are_not_recorded(partner_client_factory):
    client = partner_client_factory()
    client.get("/api/patterns/report/")
    client.get("/api/consent/+919876543210/")
    assert not AuditEntry.objects.exists()


def test_partner_consent_and_a_campaign_warning_are_recorded(partner_client_factory):
    client = partner_client_factory(["consent:write", "campaigns:manage"])
    body = {"phone": "9876543210", "channel": "sms", "granted": True, "evidence": "form 12"}
    client.post("/api/consent/", body, format="json")
    client.post("/api/campaigns/process-alert/", {"metrics": {"call_volume_last_hour": 1}, "users": []}, format="json")
    event = ConsentEvent.objects.get()
    consent = only_entry(action="consent_change")
    assert consent.objects_ref == f"citizen={event.citizen_id} consent_event={event.pk}"
    assert only_entry(action="campaign_warn").endpoint == "POST /api/campaigns/process-alert/"


# --- staff actions that send messages or change consent -----------------------------------------------------------


def test_staff_api_alerts_cancels_and_consent_are_recorded_with_the_user(staff_api, admin_user):
    alert_id = staff_api.post("/api/alerts/", LOCATION_ALERT, format="json").json()["id"]
    staff_api.post(f"/api/alerts/{alert_id}/cancel/")
    staff_api.post("/api/consent/", {"phone": "9876543210", "channel": "sms", "granted": False}, format="json")
    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.action for e in entries] == ["alert_send", "alert_cancel", "consent_change"]
    assert {(e.user, e.actor, e.ip_address) for e in entries} == {(admin_user, "user:supervisor", "10.1.2.3")}
    assert entries[1].objects_ref == f"alert={alert_id}"


def test_staff_writes_that_send_nothing_are_not_recorded(staff_api):
    staff_api.post("/api/patterns/report/", {"days": 30}, format="json")
    assert not AuditEntry.objects.exists()


def test_an_alert_composed_in_the_admin_is_recorded(client, admin_user):
    client.force_login(admin_user)
    form = {"kind": "location", "audience_type": "location", "audience_district": "Pune", "audience_area": "",
            "audience_citizen_ids": "", "audience_emails": "", "channel_list": ["sms"], "template": "location",
            "send_at_input": "2099-01-01 10:00", "context_json": "{}"}  # fmt: skip
    assert client.post("/admin/alerts/alert/add/", form).status_code == 200  # the confirmation step first
    assert not Alert.objects.exists()
    assert client.post("/admin/alerts/alert/add/", {**form, "_confirm": "1"}).status_code == 302
    alert = Alert.objects.get()
    entry = only_entry()
    assert (entry.action, entry.objects_ref, entry.user) == ("alert_send", f"alert={alert.pk}", admin_user)
    assert entry.endpoint == "POST /admin/alerts/alert/add/"

    client.post("/admin/alerts/alert/", {"action": "cancel_selected", helpers.ACTION_CHECKBOX_NAME: [alert.pk]})
    assert only_entry(action="alert_cancel").objects_ref == f"alert={alert.pk}"


def test_consent_recorded_in_the_admin_is_recorded(client, admin_user):
    citizen = CitizenFactory()
    client.force_login(admin_user)
    form = {"citizen": citizen.pk, "channel": "sms", "action": "grant", "evidence": "asked on the phone"}
    assert client.post("/admin/accounts/consentevent/add/", form).status_code == 302
    entry = only_entry()
    assert (entry.action, entry.user) == ("consent_change", admin_user)
    assert f"citizen={citizen.pk}" in entry.objects_ref


def test_complaint_status_changes_tell_the_citizen_and_are_recorded_from_console_admin_and_api(
    client, admin_user, locmem_outbox
):
    attender = AttenderFactory()
    by_console, by_admin, by_api = (ComplaintFactory(handler=attender) for _ in range(3))
    client.force_login(attender)
    client.post(reverse("console-status", args=[by_console.pk]), {"status": "in_progress", "note": "called"})
    api = APIClient()
    api.force_login(attender)
    api.post(f"/api/complaints/{by_api.pk}/status/", {"status": "in_progress", "note": "x"}, format="json")
    client.force_login(admin_user)
    client.post(
        reverse("admin:complaints_complaint_changelist"),
        {"action": "change_status", helpers.ACTION_CHECKBOX_NAME: [by_admin.pk], "status": "in_progress",
         "note": "", "reason": "", "apply": "Apply"},
    )  # fmt: skip
    entries = AuditEntry.objects.filter(action="complaint_status")
    assert {e.objects_ref for e in entries} == {f"complaint={c.pk}" for c in (by_console, by_admin, by_api)}
    assert all(e.outcome == "ok" for e in entries)


# --- what an entry never holds; append-only; retention ----------------------------------------------------------


def test_entries_never_hold_message_bodies_or_full_numbers(partner_client_factory):
    client = partner_client_factory(["consent:write", "alerts:send"])
    client.post("/api/consent/", {"phone": "9876543210", "channel": "sms", "granted": True, "evidence": "form"},
                format="json")  # fmt: skip
    client.post("/api/alerts/", {**LOCATION_ALERT, "context": {"tip": "Call 9876543210 now"}}, format="json")
    entry = audit_record(action="api_write", endpoint="POST /api/consent/+919876543210/", outcome="ok",
                         objects={"phone": "+919876543210"})  # fmt: skip
    assert "9876543210" not in entry.endpoint + entry.objects_ref
    for row in AuditEntry.objects.values():
        text = " ".join(str(value) for value in row.values())
        assert "9876543210" not in text
        assert "Call" not in text and "form" not in text


def test_the_audit_trail_is_append_only():
    entry = audit_record(action="api_write", endpoint="POST /api/x/", outcome="ok")
    entry.outcome = "error"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert AuditEntry.objects.get().outcome == "ok"


def test_entries_older_than_the_retention_are_removed_by_the_daily_job(settings):
    from fraudsafe.schedules import collect

    settings.AUDIT_RETENTION_DAYS = 30
    old = audit_record(action="api_write", endpoint="POST /api/x/", outcome="ok")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    recent = audit_record(action="api_write", endpoint="POST /api/y/", outcome="ok")
    assert audit_purge() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    (job,) = [spec for spec in collect() if spec.task == "accounts.tasks.audit_purge_task"]
    assert job.crontab == settings.AUDIT_PURGE_CRONTAB


# --- who may read it ------------------------------------------------------------------------------------------


def test_admins_search_the_audit_trail_in_the_admin(client, admin_user, partner_client_factory):
    partner_client_factory(["alerts:send"], partner="Bank of Pune").post("/api/alerts/", LOCATION_ALERT, format="json")
    audit_record(action="api_write", endpoint="POST /api/campaigns/signals/", outcome="ok")
    client.force_login(admin_user)
    page = client.get("/admin/accounts/auditentry/", {"q": "Bank of Pune"}).content.decode()
    assert "POST /api/alerts/" in page and "/api/campaigns/signals/" not in page
    assert client.get(f"/admin/accounts/auditentry/{AuditEntry.objects.first().pk}/change/").status_code == 200
    assert client.get("/admin/accounts/auditentry/add/").status_code == 403


def test_only_admins_can_read_the_audit_trail(client, partner_client_factory):
    entry = audit_record(action="api_write", endpoint="POST /api/x/", outcome="ok")
    client.force_login(AttenderFactory())
    assert client.get("/admin/accounts/auditentry/").status_code == 403
    assert client.get(f"/admin/accounts/auditentry/{entry.pk}/change/").status_code == 403
    client.logout()
    assert client.get("/admin/accounts/auditentry/").status_code == 302  # to the login page
    partner = partner_client_factory()
    assert partner.get("/admin/accounts/auditentry/").status_code == 302  # an API key is no admin session
    assert not [path for _, path in operations() if "audit" in path]  # no API reads it
