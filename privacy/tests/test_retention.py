"""Retention with the clock set (`now=`): each kind goes after its period and not before; what is held stays
(complaints under investigation, a freeze open at a bank, a legal hold, queued deliveries); the dry run removes
nothing and counts what the purge then removes."""

import os
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AuditEntry
from alerts.models import Alert, Delivery
from complaints.models import Complaint, Evidence
from complaints.tests.factories import ComplaintFactory
from privacy.models import LegalHold
from privacy.retention import retention_purge, retention_report
from recovery.models import Bank, FreezeRequest

NOW = timezone.now()
YEARS_LATER = NOW + timedelta(days=3 * 365 + 2)


def _closed(status=Complaint.Status.RESOLVED, **kwargs) -> Complaint:
    complaint = ComplaintFactory(status=status, transactions=1, **kwargs)
    complaint.pdf.save("c.pdf", ContentFile(b"%PDF-1.4"), save=True)
    evidence = Evidence(phone=str(complaint.citizen.phone), complaint=complaint, message_sid=f"SM{complaint.pk}",
                        index=0, media_url="https://api.twilio.com/x", status="stored")  # fmt: skip
    evidence.file.save("e.jpg", ContentFile(b"jpeg"), save=True)
    return complaint


@pytest.fixture
def case_files(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    closed = _closed()
    rejected = _closed(status=Complaint.Status.REJECTED)
    investigating = _closed(status=Complaint.Status.IN_PROGRESS)
    frozen = _closed()
    txn = frozen.transactions.get()
    bank, _created = Bank.objects.get_or_create(code="HDFC", defaults={"name": "HDFC Bank"})
    FreezeRequest.objects.create(complaint=frozen, transaction=txn, bank=bank, status=FreezeRequest.Status.ON_HOLD,
                                 beneficiary_kind="upi", beneficiary_upi="x@okhdfcbank", amount=Decimal("100"),
                                 occurred_at=NOW, ack_number=frozen.ack_number, ack_due_at=NOW,
                                 answer_due_at=NOW)  # fmt: skip
    court = _closed()
    LegalHold.objects.create(citizen=court.citizen, reason="court order")
    return {"closed": closed, "rejected": rejected, "investigating": investigating, "frozen": frozen, "court": court}


def test_case_files_go_only_after_the_period_and_never_when_held(case_files):
    assert retention_purge(kind="evidence_files", now=NOW + timedelta(days=30)) == 0  # too early
    assert retention_purge(kind="complaint_pdfs", now=NOW + timedelta(days=30)) == 0
    pdf_path = case_files["closed"].pdf.path

    assert retention_purge(kind="evidence_files", now=YEARS_LATER) == 2
    assert retention_purge(kind="complaint_pdfs", now=YEARS_LATER) == 2
    assert not os.path.exists(pdf_path)
    gone = {case_files["closed"].pk, case_files["rejected"].pk}
    for name, complaint in case_files.items():
        complaint.refresh_from_db()
        held = complaint.pk not in gone
        assert bool(complaint.pdf) is held, name
        assert Evidence.objects.filter(complaint=complaint).exists() is held, name
        assert Complaint.objects.filter(pk=complaint.pk).exists()  # the complaint record itself stays
    assert retention_purge(kind="complaint_pdfs", now=YEARS_LATER) == 0  # idempotent


def test_dry_run_lists_what_would_go_and_removes_nothing(case_files):
    report = {kind: count for kind, _period, count in retention_report(now=YEARS_LATER)}
    assert report["evidence_files"] == 2 and report["complaint_pdfs"] == 2
    out = StringIO()
    call_command("retention_purge", "--dry-run", stdout=out)
    assert "evidence_files: 0 would go" in out.getvalue()  # today nothing is old enough
    assert Evidence.objects.count() == 5


@pytest.mark.django_db
def test_finished_deliveries_go_after_their_period_queued_and_held_ones_stay(settings):
    settings.RETENTION_DELIVERY_DAYS = 90
    alert = Alert.objects.create(kind="general", audience={"type": "everyone"}, template_key="general")
    plain, held = ComplaintFactory().citizen, ComplaintFactory().citizen
    LegalHold.objects.create(citizen=held, reason="order")
    old = NOW - timedelta(days=91)
    sent = Delivery.objects.create(alert=alert, citizen=plain, channel="sms", status="sent", created_at=old)
    queued = Delivery.objects.create(alert=alert, citizen=plain, channel="email", status="pending", created_at=old)
    kept = Delivery.objects.create(alert=alert, citizen=held, channel="sms", status="sent", created_at=old)
    recent = Delivery.objects.create(alert=alert, citizen=plain, channel="whatsapp", status="sent", created_at=NOW)
    assert retention_purge(kind="delivery_records", now=NOW) == 1
    assert set(Delivery.objects.values_list("pk", flat=True)) == {queued.pk, kept.pk, recent.pk}
    assert not Delivery.objects.filter(pk=sent.pk).exists()


def test_log_files_past_180_days_go(settings, tmp_path):
    settings.LOG_DIR = str(tmp_path)
    old, new, other = tmp_path / "access.log.1", tmp_path / "access.log", tmp_path / "notes.txt"
    for path in (old, new, other):
        path.write_text("x")
    aged = (NOW - timedelta(days=181)).timestamp()
    os.utime(old, (aged, aged))
    os.utime(other, (aged, aged))
    assert retention_purge(kind="log_files", now=NOW) == 1
    assert not old.exists() and new.exists() and other.exists()
    settings.LOG_DIR = ""
    assert retention_purge(kind="log_files", now=NOW) == 0  # logs on stdout: the platform keeps them


@pytest.mark.django_db
def test_the_existing_purges_are_run_through_the_same_rules(settings):
    settings.AUDIT_RETENTION_DAYS = 365
    entry = AuditEntry.objects.create(actor="x", action="a", endpoint="/", outcome="ok")
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=NOW - timedelta(days=366))
    assert {k: c for k, _p, c in retention_report(now=NOW)}["audit_entries"] == 1
    assert retention_purge(kind="audit_entries", now=NOW) == 1
    assert retention_purge(kind="conversation_sessions", now=NOW) == 0


def test_with_log_dir_set_lines_go_to_a_dated_file_that_the_purge_removes_after_180_days(settings, tmp_path):
    import logging

    from fraudsafe.logs import DailyFileHandler

    handler = DailyFileHandler(str(tmp_path / "logs"))
    handler.setFormatter(logging.Formatter("%(message)s"))
    old_day = NOW - timedelta(days=200)
    for when, text in ((old_day, "an old line"), (NOW, "a line today")):
        record = logging.LogRecord("fraudsafe", logging.INFO, __file__, 1, text, None, None)
        record.created = when.timestamp()  # the clock set for this record
        handler.emit(record)
    handler.close()
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert len(files) == 2 and all(name.startswith("fraudsafe-") and name.endswith(".log") for name in files)
    old_file = tmp_path / "logs" / files[0]
    assert old_file.read_text() == "an old line\n"
    os.utime(old_file, (old_day.timestamp(), old_day.timestamp()))  # last written that day
    settings.LOG_DIR = str(tmp_path / "logs")
    assert retention_purge(kind="log_files", now=NOW) == 1
    assert [p.read_text() for p in (tmp_path / "logs").iterdir()] == ["a line today\n"]
