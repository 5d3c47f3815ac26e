"""Case updates: one citizen told about their own complaint, through the same machinery as every alert.

A notice is an Alert of kind "notice" addressed to one citizen, so it is recorded (one Delivery per channel),
sent by a worker (never from the web request), rate-limited with every other message, retried on transient
provider errors, rendered from a template per channel and language, sent on WhatsApp through the one WhatsApp
gate (free-form inside the citizen's 24-hour window, the approved content template outside it), and its
outcome is visible wherever its deliveries are.

The rules that apply to notices (README, "Case updates"):
- consent: checked at fan-out and again at send time, like every message (no consent → skipped, `no_consent`);
- frequency caps and the cooldown do not apply, and a notice does not use up a citizen's alert budget: a
  victim's own case updates are not preventive alerts, and capping them would hide progress on their money;
- quiet hours: notices go out at once unless ALERTS_NOTICES_QUIET_HOURS is true (then they are deferred to
  the end of the citizen's quiet hours, like alerts).
"""

from django.conf import settings
from django.utils import timezone

from alerts.audience import Audience
from alerts.models import Alert
from fraudsafe.tasking import task_enqueue

STATUS_TEMPLATE = "case_status"
PROGRESS_TEMPLATE = "case_progress"


def notice_create(
    *,
    citizen_id: int,
    template_key: str,
    context: dict,
    reference: str,
) -> Alert:
    """Saves a case update for one citizen; it is fanned out and sent by a worker after the transaction commits.

    The WhatsApp window is the citizen's own (alerts.whatsapp), read at send time.
    """
    alert = _notice(citizen_id=citizen_id, template_key=template_key, context=context, reference=reference)
    alert.save()
    task_enqueue("alerts.tasks.alert_fan_out_task", alert.pk, on_commit=True)
    return alert


def notices_create(*, notices: list[dict]) -> list[Alert]:
    """Many case updates at once (each a dict of notice_create's arguments): one INSERT, then each is fanned out
    and sent like a single one, after the transaction commits."""
    alerts = Alert.objects.bulk_create([_notice(**notice) for notice in notices], batch_size=500)
    for alert in alerts:
        task_enqueue("alerts.tasks.alert_fan_out_task", alert.pk, on_commit=True)
    return alerts


def _notice(*, citizen_id: int, template_key: str, context: dict, reference: str) -> Alert:
    return Alert(
        kind=Alert.Kind.NOTICE,
        audience=Audience.of_citizens([citizen_id]).to_json(),
        template_key=template_key,
        channels=list(settings.ALERTS_NOTICE_CHANNELS),
        context=dict(context),
        send_at=timezone.now(),
        critical=not settings.ALERTS_NOTICES_QUIET_HOURS,  # "critical" is the machinery's "skip quiet hours"
        reference=reference[:64],
        status=Alert.Status.SCHEDULED,
    )
