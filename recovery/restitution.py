"""Opening restitution cases: one per complaint with money held, its share of every bank hold, the claimable amount
(capped at the loss) and the route the rule chooses.

Two victims whose money is held in the same account at the same bank (freeze requests to one beneficiary) share
that hold: when their claims add up to more than is held, the hold is split pro rata by the amounts they lost into
it, in whole paise by the largest remainder (the shares never add up to more than is held). The rule applied is
written on the share and on the case, for the console and for both victims.

Routes: claimable at or under RESTITUTION_ADMIN_LIMIT → the bank refunds on the police's request; above it → a court
order under s.503 BNSS (or a Lok Adalat award) must be recorded before a refund can be asked.
"""

import functools
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.models import Transaction
from fraudsafe.money import format_inr
from fraudsafe.tasking import task_enqueue
from recovery.models import FreezeRequest, RestitutionCase, RestitutionEvent, RestitutionHold
from recovery.restitution_notices import NOTICE_BATCH

Route = RestitutionCase.Route
HELD = (FreezeRequest.Status.ON_HOLD, FreezeRequest.Status.MOVED_ON)
PAISE = Decimal("0.01")


def pro_rata(pool: Decimal, claims: list[Decimal]) -> list[Decimal]:
    """Splits `pool` between `claims`: each claim in full when the pool covers them all, otherwise in proportion to
    the claims, in whole paise, the paise left over going to the largest remainders (ties: the earlier claim).
    The shares never add up to more than the pool, and no share is above its claim."""
    total = sum(claims, Decimal(0))
    if total <= pool:
        return list(claims)
    pool_paise = int((pool / PAISE).to_integral_value(rounding="ROUND_FLOOR"))
    claim_paise = [int(c / PAISE) for c in claims]
    total_paise = sum(claim_paise)
    floors = [pool_paise * c // total_paise for c in claim_paise]
    remainders = [pool_paise * c % total_paise for c in claim_paise]
    left = pool_paise - sum(floors)
    for index in sorted(range(len(claims)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return [Decimal(p) * PAISE for p in floors]


def hold_rule(pool: Decimal, claims: list[Decimal]) -> str:
    """The rule applied to one hold, in the helpline's language (the console and the documents show it)."""
    one, covered, shared = _hold_rule_texts(settings.LANGUAGE_CODE)
    if len(claims) == 1:
        return one % {"pool": format_inr(pool)}
    total = sum(claims, Decimal(0))
    words = {"pool": format_inr(pool), "count": len(claims), "total": format_inr(total)}
    return (covered if total <= pool else shared) % words


@functools.lru_cache(maxsize=8)
def _hold_rule_texts(language: str) -> tuple[str, str, str]:
    """The hold rule's three sentences, translated once (a batch of 10,000 holds asks 10,000 times)."""
    with translation.override(language):
        return (
            _("₹%(pool)s is held in this account for one victim; the claim is capped at the amount held."),
            _(
                "₹%(pool)s is held in this account for %(count)s victims; it covers every claim (₹%(total)s), "
                "so each victim is owed their own loss."
            ),
            _(
                "₹%(pool)s is held in this account for %(count)s victims who lost ₹%(total)s into it; it is shared in "
                "proportion to what each lost, to the paisa (leftover paise to the largest remainders)."
            ),
        )


def route_for(claimable: Decimal) -> str:
    return Route.ADMINISTRATIVE if claimable <= Decimal(settings.RESTITUTION_ADMIN_LIMIT) else Route.COURT


def case_rule(claimable: Decimal, loss: Decimal, route: str) -> str:
    limit = format_inr(Decimal(settings.RESTITUTION_ADMIN_LIMIT))
    capped, way = _case_rule_texts(settings.LANGUAGE_CODE, route == Route.ADMINISTRATIVE, limit)
    return f"{capped % {'loss': format_inr(loss)}} {way} (₹{format_inr(claimable)})"


@functools.lru_cache(maxsize=32)
def _case_rule_texts(language: str, administrative: bool, limit: str) -> tuple[str, str]:
    """The rule's two sentences, translated once (a batch of 10,000 cases asks 10,000 times)."""
    with translation.override(language):
        capped = _("Claimable: the shares of the holds, capped at the loss of ₹%(loss)s.")
        if administrative:
            way = _("At or under ₹%(limit)s, so the bank refunds on the police's request (no court order).")
        else:
            way = _("Above ₹%(limit)s, so a court order (s.503 BNSS) or a Lok Adalat award is needed first.")
        return capped, way % {"limit": limit}


def lapse_at(held_at: datetime) -> datetime:
    return held_at + timedelta(days=settings.RESTITUTION_HOLD_DAYS)


def restitution_cases_open(*, complaint_ids: list[int] | None = None, now: datetime | None = None):
    """Opens a case for every complaint (of `complaint_ids`, or all) with money held and no case yet, and refreshes
    the shares of cases still open when a hold or a victim sharing it is new. Batched: a fixed number of queries
    whatever the number of complaints. Idempotent. Returns the new cases."""
    try:
        return _open(complaint_ids, now or timezone.now())
    except IntegrityError:  # a concurrent run opened one first: read again
        return _open(complaint_ids, now or timezone.now())


def _held(queryset):
    return queryset.filter(status__in=HELD, amount_held__gt=0).order_by("answered_at", "pk")


class _Held(NamedTuple):
    """What the shares need of a freeze request on hold (FreezeRequest instances serve as well)."""

    pk: int
    complaint_id: int
    bank_id: int
    identifier_key: str
    amount: Decimal
    amount_held: Decimal
    answered_at: datetime | None
    sent_at: datetime | None


def _pools(complaint_ids) -> dict[tuple[int, str], list[_Held]]:
    ours = _held(FreezeRequest.objects.all())
    if complaint_ids is not None:
        ours = ours.filter(complaint_id__in=complaint_ids)
    keys = {(bank, key) for bank, key in ours.values_list("bank_id", "identifier_key")}
    pools: dict[tuple[int, str], list[_Held]] = defaultdict(list)
    if not keys:
        return pools
    everyone = (
        _Held(*row)
        for row in _held(FreezeRequest.objects.filter(identifier_key__in={k for _b, k in keys})).values_list(
            *_Held._fields
        )
    )  # plain tuples: a batch reads 10,000 of them
    for request in everyone:
        if (request.bank_id, request.identifier_key) in keys:
            pools[(request.bank_id, request.identifier_key)].append(request)
    return pools


def _shares(pools) -> dict[int, tuple[FreezeRequest, Decimal, Decimal, int, str]]:
    """Per freeze request: (request, pool, share, claimants, rule)."""
    out = {}
    for requests in pools.values():
        pool = max(r.amount_held for r in requests)
        claims = [r.amount for r in requests]  # what each victim lost into the account
        rule = hold_rule(pool, claims)
        for request, share in zip(requests, pro_rata(pool, claims), strict=True):
            out[request.pk] = (request, pool, share, len(requests), rule)
    return out


def _open(complaint_ids, now: datetime) -> list[RestitutionCase]:
    shares = _shares(_pools(complaint_ids))
    if not shares:
        return []
    complaints = {r.complaint_id for r, *_rest in shares.values()}
    cases = {c.complaint_id: c for c in RestitutionCase.objects.filter(complaint_id__in=complaints)}
    holds = {h.freeze_request_id: h for h in RestitutionHold.objects.filter(freeze_request_id__in=shares)}
    losses = dict(
        Transaction.objects.filter(complaint_id__in=complaints)
        .values("complaint_id")
        .annotate(total=Sum("amount"))
        .values_list("complaint_id", "total")
    )
    wanted = set(complaint_ids) if complaint_ids is not None else complaints
    claimed: dict[int, Decimal] = defaultdict(Decimal)  # a new case's holds are all new and live
    for request, _pool, share, *_rest in shares.values():
        claimed[request.complaint_id] += share
    new_cases = []
    for cid in sorted((complaints - set(cases)) & wanted):
        loss = losses.get(cid) or Decimal(0)
        claimable = min(claimed[cid], loss)
        route = route_for(claimable)
        new_cases.append(RestitutionCase(complaint_id=cid, route=route, loss=loss, claimable=claimable,
                                         rule=case_rule(claimable, loss, route), opened_at=now))  # fmt: skip
    with transaction.atomic():
        created = _insert_cases(new_cases)
        new = {c.pk for c in created}
        cases.update({c.complaint_id: c for c in created})
        new_holds, changed = _holds(shares, cases, holds, now)
        _insert(RestitutionHold, new_holds)
        RestitutionHold.objects.bulk_update(changed, ["pool", "share", "claimants", "rule"], batch_size=1000)
        moved = ({h.case_id for h in changed} | {h.case_id for h in new_holds}) - new  # an open case's shares
        _totals([c for c in cases.values() if c.pk in moved and c.status == RestitutionCase.Status.OPEN])
        _insert(RestitutionEvent, [RestitutionEvent(case=c, kind=RestitutionEvent.Kind.OPENED, amount=c.claimable,
                                                    note=c.rule, created_at=now) for c in created])  # fmt: skip
        ids = [case.pk for case in created]
        for first in range(0, len(ids), NOTICE_BATCH):  # told in batches, not one task per case
            task_enqueue("recovery.tasks.restitution_notify_opened_task", ids[first : first + NOTICE_BATCH],
                         on_commit=True)  # fmt: skip
    return created


def _insert(model, objects: list) -> dict[int, int]:
    """Inserts `objects` through the cursor, bypassing bulk_create's per-value compile (most of the time of a
    10,000-case batch, see the bench). These rows hold plain values (ids, text, Decimals, datetimes, None) that the
    driver adapts; datetimes are stored as Django stores them. PostgreSQL: one INSERT … SELECT FROM unnest() of one
    array per column (a short statement, whatever the number of rows), returning the new ids by complaint where
    the model has one. Others (SQLite): executemany of one statement, looped in C. Returns {complaint_id: id} on
    PostgreSQL, else {}."""
    if not objects:
        return {}
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    auto = {f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    adapt = functools.lru_cache(maxsize=4096)(connection.ops.adapt_datetimefield_value)  # rows share `now`
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    rows = [
        [
            value if not isinstance(value, datetime) else adapt(value)
            for value in (field.pre_save(obj, True) if field.attname in auto else getattr(obj, field.attname)
                          for field in fields)
        ]
        for obj in objects
    ]  # fmt: skip
    table = quote(opts.db_table)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", rows)  # noqa: S608
            return {}
        arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
        by_complaint = any(f.attname == "complaint_id" for f in fields)
        returning = f" RETURNING {quote('complaint_id')}, {quote('id')}" if by_complaint else ""
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}){returning}",  # noqa: S608
                       [list(column) for column in zip(*rows, strict=True)])  # fmt: skip
        return dict(cursor.fetchall()) if by_complaint else {}


def _insert_cases(new_cases: list[RestitutionCase]) -> list[RestitutionCase]:
    """The new cases inserted, their ids returned (PostgreSQL) or read back (one query)."""
    ids = _insert(RestitutionCase, new_cases)
    if not ids:
        ids = dict(
            RestitutionCase.objects.filter(complaint_id__in=[c.complaint_id for c in new_cases]).values_list(
                "complaint_id", "pk"
            )
        )
    for case in new_cases:
        case.pk = ids[case.complaint_id]
        case._state.adding, case._state.db = False, connection.alias
    return new_cases


def _holds(shares, cases, holds, now):
    """New hold rows for cases that lack them; shares refreshed on open cases (a victim sharing the hold joined)."""
    new, changed = [], []
    for pk, (request, pool, share, claimants, rule) in shares.items():
        case = cases.get(request.complaint_id)
        if case is None:
            continue
        hold = holds.get(pk)
        if hold is None:
            held_at = request.answered_at or request.sent_at
            new.append(RestitutionHold(case=case, freeze_request_id=pk, bank_id=request.bank_id, pool=pool,
                                       share=share, claimants=claimants, rule=rule, held_at=held_at,
                                       lapses_at=lapse_at(held_at)))  # fmt: skip
        elif case.status == RestitutionCase.Status.OPEN and (hold.share, hold.pool, hold.claimants) != (
            share,
            pool,
            claimants,
        ):
            hold.pool, hold.share, hold.claimants, hold.rule = pool, share, claimants, rule
            changed.append(hold)
    return new, changed


def _totals(cases: list[RestitutionCase]) -> None:
    """Claimable = the shares of the case's live holds, capped at the loss; the route and rule follow from it."""
    if not cases:
        return
    sums = dict(
        RestitutionHold.objects.filter(case__in=cases, lapsed_at__isnull=True)
        .values("case_id")
        .annotate(total=Sum("share"))
        .values_list("case_id", "total")
    )
    for case in cases:
        case.claimable = min(sums.get(case.pk) or Decimal(0), case.loss)
        if not case.has_order:
            case.route = route_for(case.claimable)
        case.rule = case_rule(case.claimable, case.loss, case.route)
    RestitutionCase.objects.bulk_update(cases, ["claimable", "route", "rule"], batch_size=1000)


def restitution_case_for(complaint_id: int) -> RestitutionCase | None:
    return (
        RestitutionCase.objects.filter(complaint_id=complaint_id)
        .prefetch_related("holds__bank", "holds__freeze_request", "refund_requests__bank", "events")
        .first()
    )


def holds_live(case: RestitutionCase):
    """The holds still standing (not lifted at their clock), with a share for this victim."""
    return case.holds.filter(lapsed_at__isnull=True).filter(~Q(share=0))
