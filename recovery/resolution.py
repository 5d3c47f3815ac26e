"""Which bank answers for a beneficiary: the IFSC's bank code, the UPI handle, or a wallet's name, looked up in the
mapping staff maintain in the admin (Banks and payment providers, UPI handles). Unknown handles are flagged.
"""

import re
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from recovery.models import Bank, UnknownHandle, UpiHandle

KIND_UPI, KIND_ACCOUNT, KIND_WALLET = "upi", "account", "wallet"


@dataclass(frozen=True)
class Beneficiary:
    """Where money went, normalised: the thing a bank is asked to freeze."""

    kind: str  # "upi" | "account" | "wallet"
    upi: str = ""
    account: str = ""
    ifsc: str = ""
    wallet: str = ""

    @property
    def key(self) -> str:
        """Identifies the beneficiary (one live first-layer request per transaction and key)."""
        if self.kind == KIND_UPI:
            return f"upi:{self.upi}"
        if self.kind == KIND_ACCOUNT:
            return f"account:{self.account}:{self.ifsc[:4]}"
        return f"wallet:{' '.join(self.wallet.lower().split())}"[:140]

    def as_fields(self) -> dict[str, str]:
        return {
            "beneficiary_kind": self.kind,
            "beneficiary_upi": self.upi,
            "beneficiary_account": self.account,
            "beneficiary_ifsc": self.ifsc,
            "beneficiary_wallet": self.wallet,
        }

    @property
    def display(self) -> str:
        if self.kind == KIND_UPI:
            return self.upi
        if self.kind == KIND_ACCOUNT:
            return " ".join(p for p in (self.account, self.ifsc) if p)
        return self.wallet


def beneficiary_from(values: dict) -> Beneficiary | None:
    """The freezable beneficiary of a transaction's fraudster fields (or a bank's moved-on report), or None when
    there is nothing a bank could freeze (don't know, a card merchant, an account without its number)."""
    kind = values.get("beneficiary_kind") or ""
    upi = str(values.get("beneficiary_upi") or "").strip().lower()
    account = re.sub(r"\D", "", str(values.get("beneficiary_account") or ""))
    ifsc = str(values.get("beneficiary_ifsc") or "").strip().upper()
    wallet = " ".join(str(values.get("beneficiary_wallet") or "").split())
    if kind == KIND_UPI and "@" in upi:
        return Beneficiary(KIND_UPI, upi=upi)
    if kind == KIND_ACCOUNT and account:
        return Beneficiary(KIND_ACCOUNT, account=account, ifsc=ifsc)
    if kind == KIND_WALLET and wallet:
        return Beneficiary(KIND_WALLET, wallet=wallet)
    return None


VERSION_KEY = "recovery:mapping-version"
DIRECTORY_MAX_AGE = 60.0  # seconds a process reuses the mapping it read (a change in the admin applies at once)
_directory: tuple[str, float, "BankDirectory"] | None = None


class BankDirectory:
    """The mapping, read once (a few hundred rows) for many resolutions. `current()` shares one per process,
    read again when the mapping changes (a version in the shared cache) or after DIRECTORY_MAX_AGE seconds."""

    @classmethod
    def current(cls) -> "BankDirectory":
        global _directory
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY, "")
        now = time.monotonic()
        if _directory is None or _directory[0] != version or now - _directory[1] > DIRECTORY_MAX_AGE:
            _directory = (version, now, cls())
        return _directory[2]

    def __init__(self):
        self.by_code = {bank.code: bank for bank in Bank.objects.filter(is_active=True)}
        self.by_handle = {
            handle: self.by_code.get(code)
            for handle, code in UpiHandle.objects.filter(bank__is_active=True).values_list("handle", "bank__code")
        }
        self.aliases = []
        for bank in self.by_code.values():
            names = {bank.name.lower(), *(a.strip().lower() for a in bank.aliases.split(",") if a.strip())}
            self.aliases += [(name, bank) for name in names]
        self.aliases.sort(key=lambda pair: -len(pair[0]))  # the longest name wins ("paytm wallet" over "paytm")

    def resolve(self, beneficiary: Beneficiary) -> tuple[Bank | None, tuple[str, str] | None]:
        """(the bank, None) — or (None, (kind, value) to flag) for an unknown handle or bank code, or (None, None)
        when nothing says which bank (an account number without IFSC)."""
        if beneficiary.kind == KIND_UPI:
            handle = beneficiary.upi.rsplit("@", 1)[-1]
            bank = self.by_handle.get(handle)
            return (bank, None) if bank else (None, (UnknownHandle.Kind.UPI, handle))
        if beneficiary.kind == KIND_ACCOUNT:
            if len(beneficiary.ifsc) < 4:
                return None, None
            code = beneficiary.ifsc[:4]
            bank = self.by_code.get(code)
            return (bank, None) if bank else (None, (UnknownHandle.Kind.IFSC, code))
        text = f" {beneficiary.wallet.lower()} "
        for name, bank in self.aliases:
            if f" {name} " in text or text.strip().startswith(name):
                return bank, None
        words = [w for w in re.split(r"[^a-z]+", beneficiary.wallet.lower()) if w]
        return None, ((UnknownHandle.Kind.WALLET, words[0][:100]) if words else None)


def bank_for(values: dict) -> Bank | None:
    """The bank of one beneficiary (transaction fields), or None; flags an unknown handle or code."""
    beneficiary = beneficiary_from(values)
    if beneficiary is None:
        return None
    bank, flag = BankDirectory.current().resolve(beneficiary)
    if flag:
        unknown_handles_flag([flag])
    return bank


def mapping_changed(**kwargs) -> None:
    """Receiver of Bank / UpiHandle saves and deletes: every process reads the mapping again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def unknown_handles_flag(flags: list[tuple[str, str]]) -> None:
    """Counts each (kind, value) the mapping did not know (admins see them, most seen first)."""
    now = timezone.now()
    for kind, value in flags:
        updated = UnknownHandle.objects.filter(kind=kind, value=value).update(
            times_seen=F("times_seen") + 1, last_seen=now
        )
        if not updated:
            UnknownHandle.objects.get_or_create(kind=kind, value=value, defaults={"first_seen": now, "last_seen": now})
