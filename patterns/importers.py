"""Loading cases from outside: the old bot's MongoDB (SPEC §3) or a JSON export of it, and CSV files. All upsert,
so re-runs are no-ops.

Bad input never stops a load: each bad document or line is reported with its id (or line number) and skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Protocol

from bson import json_util
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from fraudsafe.vocabulary import fraud_category_for, fraud_type_normalise
from patterns.models import FraudCase
from patterns.services import (
    UpsertResult,
    district_normalise,
    fraud_cases_upsert,
    reporter_hash,
)

Progress = Callable[[int, UpsertResult], None]
BATCH_SIZE = 1000
_HHMM = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")


class BadDocument(ValueError):
    pass


def _aware(value) -> dt.datetime | None:
    """BSON dates come back naive in UTC from pymongo; strings are accepted in ISO 8601."""
    if isinstance(value, str):
        value = parse_datetime(value.strip())
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def legacy_occurred_at(case: dict) -> dt.datetime:
    """fraudDateTime.timestamp (its helpline date, with fraudDateTime.time as the clock time when given),
    else createdAt."""
    fraud_time = case.get("fraudDateTime")
    if fraud_time is not None and not isinstance(fraud_time, dict):
        raise BadDocument("fraudDateTime is not an object")
    fraud_time = fraud_time or {}
    stamp = _aware(fraud_time.get("timestamp"))
    if stamp is not None:
        clock = _HHMM.match(str(fraud_time.get("time") or ""))
        if clock:
            local_day = timezone.localdate(stamp)
            naive = dt.datetime.combine(local_day, dt.time(int(clock[1]), int(clock[2])))
            return timezone.make_aware(naive)
        return stamp
    created = _aware(case.get("createdAt"))
    if created is None:
        raise BadDocument("no usable date (fraudDateTime.timestamp or createdAt)")
    return created


def legacy_case_values(case: dict, users: dict[str, dict]) -> dict:
    """One FraudCase's values from a `cases` document (users: address by aadharNumber, for the fallback)."""
    if not isinstance(case, dict):
        raise BadDocument("not an object")
    case_id = case.get("caseId")
    if case_id in (None, "") or isinstance(case_id, dict | list):
        raise BadDocument("missing caseId")
    location = case.get("fraudLocation")
    if location is not None and not isinstance(location, dict):
        raise BadDocument("fraudLocation is not an object")
    location = location or {}
    address = users.get(str(case.get("aadharNumber") or ""), {})
    district = district_normalise(location.get("district") or address.get("district"))
    if not district:
        raise BadDocument("no district (fraudLocation.district or the user's address.district)")
    area_source = location if location.get("district") else address
    area = " ".join(str(area_source.get("area") or "").split())[:100]
    fraud_type = fraud_type_normalise(case.get("typeOfFraud"))
    return {
        "source_ref": str(case_id)[:200],
        "occurred_at": legacy_occurred_at(case),
        "district": district,
        "area": area,
        "fraud_type": fraud_type,
        "category": fraud_category_for(case.get("caseCategory"), fraud_type),
        "amount": None,
        "reporter_hash": reporter_hash(case.get("aadharNumber")),
    }


def _batches(iterable: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class LegacySource(Protocol):
    """Where the old bot's collections are read from: its MongoDB, or a JSON export of it."""

    def cases(self, *, since: dt.datetime | None, batch_size: int) -> Iterable: ...

    def addresses(self, aadhaar_numbers: set[str]) -> dict[str, dict]:
        """`address` of the users with these Aadhaar numbers, keyed by the number as a string."""
        ...


class MongoLegacySource:
    """The old bot's live MongoDB (a pymongo Database)."""

    def __init__(self, database):
        self.database = database

    def cases(self, *, since: dt.datetime | None, batch_size: int) -> Iterable:
        query: dict = {}
        if since is not None:
            since_utc = since.astimezone(dt.UTC).replace(tzinfo=None)
            query = {"$or": [{"createdAt": {"$gte": since_utc}}, {"updatedAt": {"$gte": since_utc}}]}
        return self.database["cases"].find(query).sort("_id", 1).batch_size(batch_size)

    def addresses(self, aadhaar_numbers: set[str]) -> dict[str, dict]:
        # The old bot stored Aadhaar numbers as strings; some rows hold them as numbers: ask for both.
        keys = sorted(aadhaar_numbers) + [int(key) for key in sorted(aadhaar_numbers) if key.isdigit()]
        found = {}
        for user in self.database["users"].find({"aadharNumber": {"$in": keys}}, {"aadharNumber": 1, "address": 1}):
            found[str(user.get("aadharNumber"))] = _address(user)
        return found


class JsonLegacySource:
    """A JSON export of the old bot's collections, read whole (samples and small exports; no MongoDB needed):
    one object `{"users": [...], "cases": [...], "casedetails": [...]}` in MongoDB Extended JSON, dates as
    `{"$date": "2025-06-01T12:00:00Z"}` (as mongoexport writes them). Other top-level keys are ignored."""

    def __init__(self, collections: dict):
        if not isinstance(collections, dict) or not isinstance(collections.get("cases"), list):
            raise BadDocument("the JSON must be an object with a `cases` list (and `users`, `casedetails`)")
        users = collections.get("users") or []
        if not isinstance(users, list):
            raise BadDocument("`users` must be a list")
        self._cases = collections["cases"]
        self._addresses = {
            str(user.get("aadharNumber")): _address(user)
            for user in users
            if isinstance(user, dict) and user.get("aadharNumber") not in (None, "")
        }

    @classmethod
    def from_file(cls, path: str | Path) -> JsonLegacySource:
        """Raises OSError when the file cannot be read and ValueError when it is not such a JSON document."""
        return cls(json_util.loads(Path(path).read_text(encoding="utf-8")))

    def cases(self, *, since: dt.datetime | None, batch_size: int) -> Iterable:
        if since is None:
            return iter(self._cases)
        # The same rule as the MongoDB query: created or updated at or after `since` (dates only, not strings).
        return (
            doc
            for doc in self._cases
            if isinstance(doc, dict)
            and any(
                isinstance(doc.get(name), dt.datetime) and _aware(doc[name]) >= since
                for name in ("createdAt", "updatedAt")
            )
        )

    def addresses(self, aadhaar_numbers: set[str]) -> dict[str, dict]:
        return {key: self._addresses[key] for key in aadhaar_numbers if key in self._addresses}


def legacy_cases_import(
    *,
    source: LegacySource,
    since: dt.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> UpsertResult:
    """Upsert every case of the old bot's collections (from MongoDB or a JSON export) as source "legacy".

    `since` keeps cases created or updated at or after that moment. Users are looked up per batch, only for
    the cases that need their address; Aadhaar numbers are kept only as a keyed hash.
    """
    total = UpsertResult()
    for batch in _batches(source.cases(since=since, batch_size=batch_size), batch_size):
        wanted = {
            str(doc.get("aadharNumber"))
            for doc in batch
            if isinstance(doc, dict) and not _has_district(doc) and doc.get("aadharNumber")
        }
        users = source.addresses(wanted) if wanted else {}
        values, result = [], UpsertResult()
        for doc in batch:
            try:
                values.append(legacy_case_values(doc, users))
            except BadDocument as exc:
                result.errors.append((_doc_id(doc), str(exc)))
        result.add(fraud_cases_upsert(source=FraudCase.Source.LEGACY, cases=values))
        total.add(result)
        if progress:
            progress(sum((total.created, total.updated, total.unchanged, len(total.errors))), total)
    return total


def _address(user: dict) -> dict:
    address = user.get("address")
    return address if isinstance(address, dict) else {}


def _has_district(doc: dict) -> bool:
    location = doc.get("fraudLocation")
    return isinstance(location, dict) and bool(location.get("district"))


def _doc_id(doc) -> str:
    if isinstance(doc, dict):
        if doc.get("caseId") not in (None, ""):
            return f"caseId={doc['caseId']}"
        return f"_id={doc.get('_id')}"
    return repr(doc)[:60]


# --- CSV -----------------------------------------------------------------------------------------------------

CSV_COLUMNS = ("ref", "occurred_at", "district", "area", "fraud_type", "category", "amount")
CSV_REQUIRED = ("ref", "occurred_at", "district")


def csv_row_values(row: dict) -> dict:
    ref = (row.get("ref") or "").strip()
    if not ref:
        raise BadDocument("ref is empty")
    raw_when = (row.get("occurred_at") or "").strip()
    when = parse_datetime(raw_when) if raw_when else None
    if when is None:
        raise BadDocument(f"occurred_at {raw_when!r} is not an ISO 8601 date-time")
    if when.tzinfo is None:
        when = timezone.make_aware(when)  # naive times are helpline local time
    district = district_normalise(row.get("district"))
    if not district:
        raise BadDocument("district is empty")
    amount = (row.get("amount") or "").strip()
    if amount:
        try:
            amount = Decimal(amount)
        except InvalidOperation:
            raise BadDocument(f"amount {amount!r} is not a number") from None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
            raise BadDocument("amount out of range")
    fraud_type = fraud_type_normalise(row.get("fraud_type"))
    return {
        "source_ref": ref[:200],
        "occurred_at": when,
        "district": district,
        "area": " ".join((row.get("area") or "").split())[:100],
        "fraud_type": fraud_type,
        "category": fraud_category_for(row.get("category"), fraud_type),
        "amount": amount or None,
        "reporter_hash": "",
    }


def csv_cases_import(
    *, lines: Iterable[str], batch_size: int = BATCH_SIZE, progress: Progress | None = None
) -> UpsertResult:
    """Upsert the cases of a CSV file (header line with CSV_COLUMNS; see the README) as source "csv"."""
    reader = csv.DictReader(lines)
    missing = [name for name in CSV_REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise BadDocument(f"the header lacks: {', '.join(missing)}")
    total = UpsertResult()
    for batch in _batches(enumerate(reader, start=2), batch_size):
        values, result = [], UpsertResult()
        for line, row in batch:
            try:
                values.append(csv_row_values(row))
            except BadDocument as exc:
                result.errors.append((f"line {line}", str(exc)))
        result.add(fraud_cases_upsert(source=FraudCase.Source.CSV, cases=values))
        total.add(result)
        if progress:
            progress(sum((total.created, total.updated, total.unchanged, len(total.errors))), total)
    return total
