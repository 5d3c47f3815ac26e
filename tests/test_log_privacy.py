"""Logs never hold a full phone, account or Aadhaar number: a whole WhatsApp complaint, an alert fan-out with
sends, and partner look-ups by phone, at DEBUG level on every logger."""

import io
import logging
import uuid

import pytest

from accounts.services import citizen_upsert, consent_record, partner_key_create
from fraudsafe.masking import MaskPersonalDataFilter, mask_text

pytestmark = pytest.mark.django_db

PHONE = "+919812345678"
ACCOUNT = "912010012345678"
AADHAAR = "234567890123"
PERSONAL = ["Asha Rao", "9812345678", "17-05-1985", "Ramesh Kumar", "Pune", "411057"]
FRAUDSTER_ACCOUNT = "50100777666555"
# Where the money went: a bank account (number, IFSC), the fraudster's phone unknown, no website.
FRAUDSTER = ["2", FRAUDSTER_ACCOUNT, "HDFC0001234", "skip", "skip"]
TRANSACTION = ["18-11-2026", "2:30 PM", "State Bank of India", ACCOUNT, "25,000", "UTR" + AADHAAR, *FRAUDSTER, "1"]
SECRETS = ["9812345678", ACCOUNT, AADHAAR, FRAUDSTER_ACCOUNT]


@pytest.fixture
def logs():
    """Everything logged anywhere: the raw records, and the text the production handler (with its filter) writes."""
    records: list[logging.LogRecord] = []
    written = io.StringIO()

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = logging.StreamHandler(written)
    handler.addFilter(MaskPersonalDataFilter())
    keep = Keep()
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(keep)
    root.addHandler(handler)
    yield records, written
    root.removeHandler(keep)
    root.removeHandler(handler)
    root.setLevel(old_level)


def run_everything(signed_twilio_post, client, on_commit):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TRANSACTION, "confirm", "yes"]:
        form = {"From": f"whatsapp:{PHONE}", "Body": text, "MessageSid": "SM" + uuid.uuid4().hex, "NumMedia": "0"}
        assert signed_twilio_post("/webhooks/twilio/whatsapp/", form).status_code == 200

    from alerts.services import alert_create, templates_seed

    templates_seed()  # a transactional test elsewhere on this worker may have flushed the seeded templates

    citizen = citizen_upsert(phone=PHONE, district="Pune")
    for channel in ("sms", "email"):
        consent_record(citizen=citizen, channel=channel, granted=True, source="api")
    with on_commit(execute=True):  # the fan-out and the sends run when the alert is committed
        alert_create(
            kind="location",
            audience={"type": "location", "district": "Pune"},
            template_key="location",
            channels=["sms", "whatsapp", "email"],
        )

    _, key = partner_key_create(partner="Bank", name="logs", scopes=["verification:read", "consent:read"])
    for path in [f"/api/verification/{PHONE}/", f"/api/consent/{PHONE}/", f"/api/verification/{ACCOUNT}/"]:
        client.get(path, HTTP_AUTHORIZATION=f"Api-Key {key}")


def test_our_code_masks_personal_numbers_itself(
    logs, signed_twilio_post, client, locmem_outbox, django_capture_on_commit_callbacks
):
    records, _ = logs
    run_everything(signed_twilio_post, client, django_capture_on_commit_callbacks)
    ours = [
        r.getMessage()
        for r in records
        if r.name.split(".")[0] in {"accounts", "complaints", "patterns", "alerts", "campaigns", "fraudsafe"}
    ]
    assert ours, "the flows log something"
    assert not [m for m in ours for secret in SECRETS if secret in m]


def test_what_the_log_handler_writes_holds_no_full_number_from_any_logger(
    logs, signed_twilio_post, client, locmem_outbox, django_capture_on_commit_callbacks
):
    records, written = logs
    run_everything(signed_twilio_post, client, django_capture_on_commit_callbacks)
    text = written.getvalue()
    # Django's own request logger logged the bad look-up's path (an account number); the handler masked it.
    assert f"Bad Request: /api/verification/{mask_text(ACCOUNT)}/" in text
    assert not [secret for secret in SECRETS if secret in text]
