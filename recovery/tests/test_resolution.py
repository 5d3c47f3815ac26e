"""Which bank answers for a beneficiary: IFSC bank code, UPI handle or wallet name, from the admin's mapping."""

import pytest

from recovery.models import Bank, UnknownHandle, UpiHandle
from recovery.resolution import bank_for

pytestmark = pytest.mark.django_db


def resolve(**values):
    bank = bank_for(values)
    return bank.code if bank else None


@pytest.mark.parametrize(
    ("upi", "code"),
    [("asha@okhdfcbank", "HDFC"), ("9876543210@ybl", "YESB"), ("shop@paytm", "PYTM"), ("x@OKSBI", "SBIN")],
)
def test_a_upi_id_resolves_to_the_bank_of_its_handle(upi, code):
    assert resolve(beneficiary_kind="upi", beneficiary_upi=upi) == code


@pytest.mark.parametrize(("ifsc", "code"), [("HDFC0001234", "HDFC"), ("SBIN0000691", "SBIN"), ("PYTM0123456", "PYTM")])
def test_an_account_resolves_to_the_bank_of_its_ifsc(ifsc, code):
    assert resolve(beneficiary_kind="account", beneficiary_account="50100123456789", beneficiary_ifsc=ifsc) == code


def test_a_wallet_resolves_by_the_providers_name():
    assert resolve(beneficiary_kind="wallet", beneficiary_wallet="Paytm 9876543210") == "PYTM"
    assert resolve(beneficiary_kind="wallet", beneficiary_wallet="mobikwik") == "MBKW"


def test_an_unknown_handle_is_kept_flagged_and_counted():
    assert resolve(beneficiary_kind="upi", beneficiary_upi="a@newpaybank") is None
    assert resolve(beneficiary_kind="upi", beneficiary_upi="b@newpaybank") is None
    flag = UnknownHandle.objects.get(kind="upi", value="newpaybank")
    assert flag.times_seen == 2 and flag.resolved_at is None


def test_an_unknown_ifsc_bank_code_is_flagged():
    assert resolve(beneficiary_kind="account", beneficiary_account="123456789", beneficiary_ifsc="ZZZZ0123456") is None
    assert UnknownHandle.objects.filter(kind="ifsc", value="ZZZZ").exists()


def test_nothing_resolves_without_a_number_an_ifsc_or_for_a_card_merchant():
    assert resolve(beneficiary_kind="account", beneficiary_account="50100123456789") is None
    assert resolve(beneficiary_kind="merchant", beneficiary_merchant="XYZ TRADERS") is None
    assert resolve(beneficiary_kind="") is None
    assert not UnknownHandle.objects.exists()


def test_the_mapping_is_data_an_admin_can_change():
    bank = Bank.objects.create(code="NEWB", name="New Bank")
    UpiHandle.objects.create(handle="@NewPayBank", bank=bank)
    assert resolve(beneficiary_kind="upi", beneficiary_upi="a@newpaybank") == "NEWB"
    bank.is_active = False
    bank.save()  # as the admin does: every process reads the mapping again
    assert resolve(beneficiary_kind="upi", beneficiary_upi="a@newpaybank") is None


def test_the_seeded_mapping_holds_the_common_banks_and_handles():
    assert Bank.objects.count() >= 40
    for handle in ["okhdfcbank", "okicici", "oksbi", "okaxis", "ybl", "ibl", "axl", "paytm", "apl"]:
        assert UpiHandle.objects.filter(handle=handle).exists(), handle
    assert not UpiHandle.objects.filter(handle="upi").exists()  # BHIM's @upi can be any bank: flagged, not guessed
