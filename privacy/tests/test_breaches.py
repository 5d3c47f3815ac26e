"""The breach register: the Board's 72-hour clock and CERT-In's 6-hour clock from suspicion; the affected citizens
chosen by data kinds and dates; the notice previewed in each language, queued only after confirmation, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminFactory, AttenderFactory, CitizenFactory
from alerts.models import Alert, Delivery
from complaints.tests.factories import ComplaintFactory
from privacy.breaches import affected_citizens, breach_clocks, breach_clocks_escalate, breaches_overdue, citizens_notify
from privacy.models import Breach
from privacy.tasks import breach_clocks_check_task

T = timezone.now().replace(microsecond=0)


def _breach(**fields) -> Breach:
    defaults = {"title": "Leaked export", "suspected_at": T, "affected_from": T - timedelta(days=2),
                "affected_to": T, "data_kinds": ["complaints"]}  # fmt: skip
    return Breach.objects.create(**(defaults | fields))


@pytest.mark.django_db
def test_the_board_clock_runs_72_hours_and_cert_in_6_hours_for_a_listed_kind(settings):
    plain = _breach()
    listed = _breach(incident_kind=Breach.Incident.UNAUTHORISED_ACCESS)
    assert [(c.name, c.due_at) for c in breach_clocks(plain)] == [("board", T + timedelta(hours=72))]
    board, cert_in = breach_clocks(listed)
    assert cert_in.name == "cert_in" and cert_in.due_at == T + timedelta(hours=6)
    assert not cert_in.overdue(T + timedelta(hours=6)) and cert_in.overdue(T + timedelta(hours=6, seconds=1))
    assert not board.overdue(T + timedelta(hours=71)) and board.overdue(T + timedelta(hours=73))
    assert {(b.pk, c.name) for b, c in breaches_overdue(now=T + timedelta(hours=7))} == {(listed.pk, "cert_in")}
    Breach.objects.filter(pk=listed.pk).update(cert_in_reported_at=T + timedelta(hours=5))
    assert breaches_overdue(now=T + timedelta(hours=7)) == []
    assert len(breaches_overdue(now=T + timedelta(hours=73))) == 2  # both Board reports still missing
    settings.CERT_IN_REPORT_HOURS = 1
    assert breach_clocks(_breach(incident_kind="data_leak"))[1].due_at == T + timedelta(hours=1)


@pytest.mark.django_db
def test_the_clock_check_job_logs_each_overdue_report(caplog, mailoutbox):
    AdminFactory(email="admin@fraudsafe.test")
    _breach(suspected_at=timezone.now() - timedelta(hours=80))
    assert breach_clocks_check_task() == 1
    assert "board report was due" in caplog.text
    assert breach_clocks_check_task() == 0  # the next run, 15 minutes later: already told


@pytest.mark.django_db
def test_each_clock_is_escalated_once_by_one_email_per_person_with_the_clock_frozen(mailoutbox, settings):
    settings.CERT_IN_CONTACT_EMAIL = "cert-in-poc@fraudsafe.test"
    AdminFactory(email="admin@fraudsafe.test")
    AdminFactory(email="")  # no address: nobody to mail
    AttenderFactory(email="attender@fraudsafe.test")  # not an admin: never told
    listed = _breach(title="Export leaked", incident_kind=Breach.Incident.DATA_LEAK)
    plain = _breach(title="Laptop lost")

    assert breach_clocks_escalate(now=T + timedelta(hours=5)) == 0  # nothing is due yet
    assert mailoutbox == []

    assert breach_clocks_escalate(now=T + timedelta(hours=7)) == 1  # CERT-In's 6 hours ran out
    assert sorted(m.to[0] for m in mailoutbox) == ["admin@fraudsafe.test", "cert-in-poc@fraudsafe.test"]
    assert "Export leaked: the report to CERT-In was due" in mailoutbox[0].body
    assert f"/admin/privacy/breach/{listed.pk}/change/" in mailoutbox[0].body
    mailoutbox.clear()

    assert breach_clocks_escalate(now=T + timedelta(hours=7, minutes=15)) == 0  # every 15 minutes: told once
    assert mailoutbox == []

    assert breach_clocks_escalate(now=T + timedelta(hours=73)) == 2  # both Board clocks, in one email each
    assert len(mailoutbox) == 2
    assert mailoutbox[0].body.count("the Data Protection Board") == 2 and "Laptop lost" in mailoutbox[0].body
    assert breach_clocks_escalate(now=T + timedelta(days=30)) == 0
    listed.refresh_from_db()
    plain.refresh_from_db()
    assert listed.cert_in_escalated_at == T + timedelta(hours=7) and plain.board_escalated_at == T + timedelta(hours=73)
    assert plain.cert_in_escalated_at is None  # a plain breach has no CERT-In clock


@pytest.mark.django_db
def test_a_report_filed_in_time_is_never_escalated(mailoutbox):
    AdminFactory(email="admin@fraudsafe.test")
    _breach(incident_kind="dos", cert_in_reported_at=T + timedelta(hours=2), board_reported_at=T + timedelta(hours=70))
    assert breach_clocks_escalate(now=T + timedelta(days=10)) == 0 and mailoutbox == []


def test_the_clock_check_is_on_the_beat_schedule():
    from fraudsafe.schedules import collect

    (entry,) = [p for p in collect() if p.task == "privacy.tasks.breach_clocks_check_task"]
    assert entry.every_seconds == 900


@pytest.mark.django_db
def test_affected_citizens_follow_the_data_kinds_and_dates():
    in_window = ComplaintFactory(created_at=T - timedelta(days=1)).citizen
    later = ComplaintFactory(created_at=T + timedelta(days=1)).citizen
    subscriber = CitizenFactory()
    alert = Alert.objects.create(kind="general", audience={"type": "everyone"}, template_key="general")
    Delivery.objects.create(alert=alert, citizen=subscriber, channel="sms", created_at=T - timedelta(hours=3))
    assert set(affected_citizens(_breach())) == {in_window}
    assert set(affected_citizens(_breach(data_kinds=["alerts"]))) == {subscriber}
    assert set(affected_citizens(_breach(data_kinds=["alerts", "complaints"]))) == {in_window, subscriber}
    assert later not in affected_citizens(_breach(data_kinds=["complaints"]))
    assert not affected_citizens(_breach(data_kinds=[])).exists()


@pytest.mark.django_db
def test_the_notice_is_previewed_in_their_language_and_queued_only_once_after_confirmation(admin_client):
    hindi = ComplaintFactory(created_at=T - timedelta(days=1), citizen=CitizenFactory(language="hi")).citizen
    english = ComplaintFactory(created_at=T - timedelta(days=1), citizen=CitizenFactory(language="en")).citizen
    breach = _breach(incident_kind="data_breach")

    page = admin_client.post("/admin/privacy/breach/", {"action": "notify_citizens", "_selected_action": [breach.pk]})
    assert page.status_code == 200
    text = page.content.decode()
    assert "आपका कुछ डेटा (शिकायतें और लेन-देन)" in text and "some of your data (Complaints and transactions)" in text
    assert "2 citizens will get this notice, on the channels they agreed to" in text
    assert not Alert.objects.filter(reference=f"breach-{breach.pk}").exists()  # a preview queues nothing

    confirmed = admin_client.post(
        "/admin/privacy/breach/", {"action": "notify_citizens", "_selected_action": [breach.pk], "confirm": "yes"}
    )
    assert confirmed.status_code == 302
    alerts = Alert.objects.filter(reference=f"breach-{breach.pk}")
    assert {tuple(a.audience["citizen_ids"]) for a in alerts} == {(hindi.pk,), (english.pk,)}
    assert alerts.get(audience__citizen_ids=[hindi.pk]).context["breach_what"] == "शिकायतें और लेन-देन"
    breach.refresh_from_db()
    assert breach.citizens_notified == 2 and breach.citizens_notified_at is not None
    assert citizens_notify(breach=breach) == 0 and alerts.count() == 2  # never twice


@pytest.mark.django_db
def test_the_add_page_shows_no_clock_until_saved_and_the_change_page_then_shows_both(admin_client):
    page = admin_client.get("/admin/privacy/breach/add/")
    assert page.status_code == 200
    assert page.content.decode().count('<div class="readonly">—</div>') >= 2  # CERT-In and Board: not started
    response = admin_client.post("/admin/privacy/breach/add/", {
        "title": "Laptop lost", "suspected_at_0": "08-12-2026", "suspected_at_1": "10:00:00",
        "incident_kind": "data_leak", "data_kinds": ["contact"], "affected_from_0": "01-12-2026",
        "affected_from_1": "00:00:00", "affected_to_0": "08-12-2026", "affected_to_1": "10:00:00",
    })  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    breach = Breach.objects.get()
    body = admin_client.get(f"/admin/privacy/breach/{breach.pk}/change/").content.decode()
    assert "08-12-2026 16:00" in body and "11-12-2026 10:00" in body  # CERT-In 6 h, the Board 72 h (IST)
