"""Fan-out and completion of an alert.

Set-based: audience × consent × caps × quiet hours → deliveries, in one INSERT … SELECT per channel.

Caps are read from the contact ledger (`AlertContact`) and new contacts are reserved in the same transaction,
under one database-wide fan-out lock (a PostgreSQL advisory lock; SQLite's IMMEDIATE transactions already
serialise writers). Two alerts fanned out at once therefore see each other's reservations: no citizen can
exceed a cap, whichever workers run them. Nothing here loops over citizens in Python.
"""

import zoneinfo
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from accounts.models import ConsentEvent
from alerts.audience import Audience
from alerts.models import Alert, AlertContact, Delivery
from alerts.selectors import citizens_in_audience, latest_consent_action
from fraudsafe.clock import parse_hhmm
from fraudsafe.tasking import task_enqueue

FAN_OUT_LOCK_KEY = 7_301_930  # any constant shared by every process
OPEN = [Delivery.Status.PENDING, Delivery.Status.SENDING]


def fan_out_lock() -> None:
    """Serialises fan-outs (call inside a transaction; released at commit)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FAN_OUT_LOCK_KEY])


def quiet_until(*, time_zone: str, now: datetime) -> datetime | None:
    """The end of the quiet hours if `now` falls in them in `time_zone`, else None."""
    start, end = (parse_hhmm(part) for part in settings.ALERTS_QUIET_HOURS.split("-"))
    try:
        zone = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    local = now.astimezone(zone)
    clock = local.time()
    in_quiet = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not in_quiet:
        return None
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone)


def _dt(value: datetime | None):
    return connection.ops.adapt_datetimefield_value(value) if value is not None else None


def insert_citizen_deliveries(
    *,
    alert: Alert,
    channel: str,
    time_zone: str,
    planned_at: datetime,
    not_before: datetime | None,
    now: datetime,
    apply_caps: bool = True,
) -> None:
    """One INSERT … SELECT: a delivery per audience citizen in `time_zone`, pending or skipped with its reason.

    `apply_caps=False` (case updates) skips only for consent or a missing address, never for caps.
    """
    audience_sql, audience_params = _audience_sql(alert=alert, channel=channel, time_zone=time_zone)
    reason_sql, reason_params = _skip_reason_sql(
        audience_sql, audience_params, channel=channel, apply_caps=apply_caps, alert=alert, planned_at=planned_at
    )
    delivery, qn = Delivery._meta.db_table, connection.ops.quote_name
    # Skipped rows carry no deferral; an untyped NULL parameter would confuse PostgreSQL's CASE typing.
    not_before_sql = "NULL" if not_before is None else "CASE WHEN r.reason = '' THEN %s ELSE NULL END"
    # Only table names and fixed fragments are interpolated; every value is a parameter.
    sql = f"""
        INSERT INTO {delivery} (alert_id, citizen_id, channel, {qn("to")}, status, skip_reason, not_before,
                                deferred_by, attempts, provider_id, error_code, error, created_at, updated_at)
        SELECT %s, a.id, %s, '',
               CASE WHEN r.reason = '' THEN 'pending' ELSE 'skipped' END, r.reason,
               {not_before_sql}, '', 0, '', '', '', %s, %s
        FROM ({audience_sql}) a
        JOIN ({reason_sql}) r ON r.id = a.id
        WHERE 1 = 1
        ON CONFLICT DO NOTHING
    """  # noqa: S608
    params = [alert.pk, channel, *([] if not_before is None else [_dt(not_before)]), _dt(now), _dt(now)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *audience_params, *reason_params])


def _audience_sql(*, alert: Alert, channel: str, time_zone: str) -> tuple[str, tuple]:
    """The audience in one time zone with each citizen's latest consent action on `channel`, as SQL."""
    named = Audience.parse(alert.audience)
    audience = named.citizens().filter(time_zone=time_zone)
    audience = audience.annotate(_consent=latest_consent_action(channel=channel))
    if not named.is_listed:
        # Broadcast audiences are "all subscribed citizens": non-subscribers get no row at all.
        audience = audience.filter(_consent=ConsentEvent.Action.GRANT)
    return audience.values("id", "email", "_consent").query.sql_with_params()


def _skip_reason_sql(
    audience_sql: str, audience_params, *, channel: str, apply_caps: bool, alert: Alert, planned_at: datetime
) -> tuple[str, list]:
    """(id, reason) per audience citizen: '' to send, else no_consent / invalid_recipient / a cap, as SQL.

    Caps come from the contact ledger: 24 h and 7 days before the planned time, and the cooldown around it.
    """
    email_missing = "a2.email = ''" if channel == "email" else "1 = 0"
    caps_sql = (
        "WHEN COALESCE(k.week_n, 0) >= %s THEN 'cap_week' "
        "WHEN COALESCE(k.day_n, 0) >= %s THEN 'cap_day' "
        "WHEN COALESCE(k.near_n, 0) > 0 THEN 'cooldown'"
        if apply_caps
        else ""
    )
    sql = f"""
        SELECT a2.id AS id,
               CASE
                 WHEN a2._consent IS NULL OR a2._consent <> 'grant' THEN 'no_consent'
                 WHEN {email_missing} THEN 'invalid_recipient'
                 {caps_sql}
                 ELSE ''
               END AS reason
        FROM ({audience_sql}) a2
        LEFT JOIN (
            SELECT citizen_id,
                   COUNT(*) AS week_n,
                   SUM(CASE WHEN at > %s THEN 1 ELSE 0 END) AS day_n,
                   SUM(CASE WHEN at > %s AND at < %s THEN 1 ELSE 0 END) AS near_n
            FROM {AlertContact._meta.db_table}
            WHERE at > %s AND alert_id <> %s
            GROUP BY citizen_id
        ) k ON k.citizen_id = a2.id
    """  # noqa: S608 - table name and fixed fragments only
    cooldown = timedelta(hours=settings.ALERTS_COOLDOWN_HOURS)
    params = [
        *([settings.ALERTS_CAP_WEEK, settings.ALERTS_CAP_DAY] if apply_caps else []),
        *audience_params,
        _dt(planned_at - timedelta(hours=24)),
        _dt(planned_at - cooldown),
        _dt(planned_at + cooldown),
        _dt(planned_at - timedelta(days=7)),
        alert.pk,
    ]
    return sql, params


def reserve_contacts(*, alert: Alert, now: datetime) -> None:
    """One contact per citizen with a pending delivery of `alert`, at its planned time (set-based)."""
    delivery, contact = Delivery._meta.db_table, AlertContact._meta.db_table
    sql = f"""
        INSERT INTO {contact} (citizen_id, alert_id, at)
        SELECT citizen_id, alert_id, MIN(COALESCE(not_before, %s))
        FROM {delivery}
        WHERE alert_id = %s AND status = 'pending' AND citizen_id IS NOT NULL
        GROUP BY citizen_id, alert_id
        ON CONFLICT DO NOTHING
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [_dt(now), alert.pk])


def release_unused_contacts(*, alert_id: int, citizen_ids: list[int]) -> None:
    """Frees the cap budget of citizens this alert will no longer reach (skipped, failed, cancelled)."""
    if not citizen_ids:
        return
    live = [Delivery.Status.PENDING, Delivery.Status.SENDING, Delivery.Status.SENT, Delivery.Status.DELIVERED]
    reached = Delivery.objects.filter(alert_id=alert_id, citizen_id__in=citizen_ids, status__in=live).values(
        "citizen_id"
    )
    AlertContact.objects.filter(alert_id=alert_id, citizen_id__in=citizen_ids).exclude(citizen_id__in=reached).delete()


def alert_fan_out(*, alert_id: int) -> Iterator[tuple[int, str, int, int]]:
    """Creates every delivery of a due alert once (idempotent) and returns the send chunks to queue.

    Chunks are (alert_id, channel, first_id, last_id) id ranges, so memory does not grow with the audience.
    """
    now = timezone.now()
    with transaction.atomic():
        fan_out_lock()
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        if alert.status in (Alert.Status.DONE, Alert.Status.CANCELLED, Alert.Status.DRAFT):
            return iter(())
        if alert.status == Alert.Status.SCHEDULED:
            if alert.send_at > now:
                return iter(())
            _create_deliveries(alert, now=now)
            alert.status, alert.started_at = Alert.Status.SENDING, now
            alert.save(update_fields=["status", "started_at"])
    # Re-running after a crash re-queues what is still pending; claims make duplicates harmless.
    alert_finish_if_complete(alert_id=alert_id)  # when everyone was skipped (or nobody is in the audience)
    return iter_send_chunks(alert_id=alert_id, now=now)


def _create_deliveries(alert: Alert, *, now: datetime) -> None:
    named = Audience.parse(alert.audience)
    if named.is_demo:
        Delivery.objects.bulk_create(
            [
                Delivery(alert=alert, channel="email", to=email, created_at=now, updated_at=now)
                for email in named.demo_addresses()
            ],
            ignore_conflicts=True,
        )
        return
    # Case updates (a victim told about their own complaint) are not preventive alerts: no caps, and nothing
    # reserved against the citizen's alert budget (alerts.notices).
    is_notice = alert.kind == Alert.Kind.NOTICE
    zones = citizens_in_audience(audience=alert.audience).order_by().values_list("time_zone", flat=True).distinct()
    for zone in list(zones):
        not_before = None if alert.critical else quiet_until(time_zone=zone, now=now)
        planned_at = not_before or now
        for channel in alert.channels:
            insert_citizen_deliveries(
                alert=alert,
                channel=channel,
                time_zone=zone,
                planned_at=planned_at,
                not_before=not_before,
                now=now,
                apply_caps=not is_notice,
            )
    if not is_notice:
        reserve_contacts(alert=alert, now=now)


def alert_fan_out_and_queue(*, alert_id: int) -> int:
    """Fans the alert out (once) and queues a send task per chunk; returns how many chunks were queued."""
    queued = 0
    for chunk in alert_fan_out(alert_id=alert_id):
        task_enqueue("alerts.tasks.delivery_send_chunk_task", *chunk)
        queued += 1
    return queued


def send_chunks(*, alert_id: int, now: datetime | None = None) -> list[tuple[int, str, int, int]]:
    """Id ranges of the alert's due pending deliveries, per channel, ALERTS_CHUNK_SIZE ids each."""
    return list(iter_send_chunks(alert_id=alert_id, now=now))


def iter_send_chunks(*, alert_id: int, now: datetime | None = None) -> Iterator[tuple[int, str, int, int]]:
    """Like send_chunks, lazily: memory stays flat however large the audience."""
    now = now or timezone.now()
    size = settings.ALERTS_CHUNK_SIZE
    due = Delivery.objects.filter(alert_id=alert_id, status=Delivery.Status.PENDING).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )
    for row in list(due.order_by().values("channel").annotate(first=Min("id"), last=Max("id"))):
        for start in range(row["first"], row["last"] + 1, size):
            yield (alert_id, row["channel"], start, min(start + size - 1, row["last"]))


def alert_finish_if_complete(*, alert_id: int) -> bool:
    """Marks a sending alert done once none of its deliveries is pending or sending."""
    if Delivery.objects.filter(alert_id=alert_id, status__in=OPEN).exists():
        return False
    return bool(
        Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING).update(
            status=Alert.Status.DONE, finished_at=timezone.now()
        )
    )
