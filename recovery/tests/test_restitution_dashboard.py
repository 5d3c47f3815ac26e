"""The restitution dashboard's numbers: held vs returned in all, per bank, district and month (exact sums and
shares), the median days from hold to refund (odd and even counts), the holds lapsing this week (boundaries on a
frozen clock), the empty state, and who may open the page."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from accounts.tests.factories import AdminFactory, AttenderFactory, UserFactory
from recovery.models import Bank, RefundRequest, RestitutionCase, RestitutionEvent, RestitutionHold
from recovery.restitution_dashboard import median_days_to_refund, restitution_dashboard, share_of
from recovery.services import freeze_requests_open
from recovery.tests.factories import complaint_paying

pytestmark = pytest.mark.django_db
D = Decimal
IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=IST)
HANDLES = {"YESB": "ybl", "HDFC": "okhdfcbank", "SBIN": "oksbi"}


def case(*, held: str, returned: str = "0", bank: str = "YESB", district: str = "Pune", opened: datetime = NOW,
         wait_days: float | None = None, lapses_in: timedelta | None = None, handler=None, status=None):  # fmt: skip
    """A case with one hold of `held` at `bank` and `returned` refunded by it `wait_days` after the hold."""
    complaint = complaint_paying(f"mule{RestitutionCase.objects.count()}@{HANDLES[bank]}", amount=held,
                                 district=district, handler=handler)  # fmt: skip
    request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
    refunded = D(returned)
    state = status or ("refunded" if refunded == D(held) else "partly_refunded" if refunded else "open")
    restitution = RestitutionCase.objects.create(
        complaint=complaint, route="administrative", loss=D(held), claimable=D(held), refunded=refunded,
        opened_at=opened, status=state,
    )  # fmt: skip
    hold = RestitutionHold.objects.create(
        case=restitution, freeze_request=request, bank=Bank.objects.get(code=bank), pool=D(held), share=D(held),
        held_at=opened, lapses_at=opened + (lapses_in if lapses_in is not None else timedelta(days=90)),
    )  # fmt: skip
    if refunded:
        refund = RefundRequest.objects.create(
            case=restitution, bank=hold.bank, amount=D(held), refunded=refunded, status="refunded",
            due_at=opened + timedelta(days=30),
        )  # fmt: skip
        RestitutionEvent.objects.create(
            case=restitution,
            refund=refund,
            kind="refunded",
            amount=refunded,
            utr=f"UTR{refund.pk}",
            created_at=opened + timedelta(days=wait_days or 0),
        )
    return restitution, hold


def test_share_is_to_one_decimal_and_none_when_nothing_was_held():
    assert share_of(D("1"), D("3")) == D("33.3") and share_of(D("2"), D("3")) == D("66.7")
    assert share_of(D("0"), D("0")) is None and share_of(D("5"), D("5")) == D("100.0")


def test_held_and_returned_are_summed_exactly_per_bank_district_and_month():
    user = AdminFactory()
    november = datetime(2026, 11, 30, 23, 30, tzinfo=IST)  # 18:00 UTC: still November in India
    case(held="10000.50", returned="10000.50", bank="YESB", district="Pune", opened=november, wait_days=5)
    case(held="20000.25", returned="5000.00", bank="YESB", district="Nagpur", wait_days=9)
    case(held="30000.00", bank="HDFC", district="Pune")
    board = restitution_dashboard(user=user, now=NOW)

    assert (board.total.held, board.total.returned, board.total.cases) == (D("60000.75"), D("15000.50"), 3)
    assert board.total.share == D("25.0")  # 15000.50 / 60000.75
    assert [(b.key, b.held, b.returned, b.cases, b.share) for b in board.banks] == [
        ("YESB", D("30000.75"), D("15000.50"), 2, D("50.0")),
        ("HDFC", D("30000.00"), D("0"), 1, D("0.0")),
    ]
    assert [(d.label, d.held, d.returned, d.cases) for d in board.districts] == [
        ("Pune", D("40000.50"), D("10000.50"), 2),
        ("Nagpur", D("20000.25"), D("5000.00"), 1),
    ]
    assert [(m.label, m.held, m.returned, m.share) for m in board.months] == [
        ("2026-11", D("10000.50"), D("10000.50"), D("100.0")),
        ("2026-12", D("50000.25"), D("5000.00"), D("10.0")),
    ]
    assert board.banks[1].still_held == D("30000.00")


def test_the_date_range_keeps_the_cases_opened_on_those_local_days_both_included():
    user = AdminFactory()
    for day in (1, 2, 3, 4):
        case(held="100.00", opened=datetime(2026, 11, day, 0, 10, tzinfo=IST))
    board = restitution_dashboard(user=user, start=date(2026, 11, 2), end=date(2026, 11, 3), now=NOW)
    assert (board.total.cases, board.total.held) == (2, D("200.00"))
    assert restitution_dashboard(user=user, start=date(2026, 11, 4), now=NOW).total.cases == 1
    assert restitution_dashboard(user=user, end=date(2026, 11, 1), now=NOW).total.cases == 1
    with pytest.raises(ValueError):
        restitution_dashboard(user=user, start=date(2026, 11, 3), end=date(2026, 11, 2))


def test_the_median_wait_from_hold_to_refund_with_an_odd_and_an_even_count():
    for days in (2, 10, 4):
        case(held="100.00", returned="100.00", wait_days=days)
    case(held="100.00")  # nothing back yet: not counted
    assert median_days_to_refund(RestitutionCase.objects.all()) == (D("4.0"), 3)
    case(held="100.00", returned="50.00", wait_days=7.5)  # waits 2, 4, 7.5, 10 → (4 + 7.5) / 2
    assert median_days_to_refund(RestitutionCase.objects.all()) == (D("5.8"), 4)


def test_the_median_counts_the_first_refund_of_a_case_from_its_first_hold():
    restitution, hold = case(held="100.00", returned="40.00", wait_days=3)
    RestitutionEvent.objects.create(case=restitution, kind="refunded", amount=D(60), utr="LATER",
                                    created_at=hold.held_at + timedelta(days=20))  # fmt: skip
    assert median_days_to_refund(RestitutionCase.objects.all()) == (D("3.0"), 1)


def test_holds_lapsing_this_week_are_the_live_ones_in_the_next_seven_days():
    admin = AdminFactory()
    case(held="100.00", lapses_in=timedelta(seconds=1))  # opened now: lapses in a second
    case(held="200.00", lapses_in=timedelta(days=7))  # exactly 7 days: in
    case(held="400.00", lapses_in=timedelta(days=7, seconds=1))  # out
    case(held="800.00", lapses_in=timedelta(0))  # lapsing now is not "this week": the beat job lapses it
    ordered, _hold = case(held="1600.00", lapses_in=timedelta(days=2))
    RestitutionCase.objects.filter(pk=ordered.pk).update(order_recorded_at=NOW)  # an order stops the clock
    lapsed, _hold = case(held="3200.00", lapses_in=timedelta(days=2))
    RestitutionHold.objects.filter(case=lapsed).update(lapsed_at=NOW)
    done, _hold = case(held="6400.00", returned="6400.00", lapses_in=timedelta(days=2), wait_days=1)

    lapsing = restitution_dashboard(user=admin, now=NOW).lapsing
    assert (lapsing.count, lapsing.amount) == (2, D("300.00"))
    assert [h.share for h in lapsing.holds] == [D("100.00"), D("200.00")]  # soonest first


def test_an_attender_sees_every_total_but_lists_only_the_lapsing_holds_of_their_complaints():
    mine, other = AttenderFactory(), AttenderFactory()
    case(held="100.00", lapses_in=timedelta(days=1), handler=mine)
    case(held="200.00", lapses_in=timedelta(days=2), handler=other)
    case(held="300.00", lapses_in=timedelta(days=3))
    board = restitution_dashboard(user=mine, now=NOW)
    assert board.total.held == D("600.00") and board.lapsing.count == 3
    assert [h.share for h in board.lapsing.holds] == [D("100.00")]


def test_with_no_case_every_figure_is_empty():
    board = restitution_dashboard(user=AdminFactory(), now=NOW)
    assert (board.total.held, board.total.returned, board.total.cases, board.total.share) == (0, 0, 0, None)
    assert board.banks == board.districts == board.months == [] and board.median_days is None
    assert (board.lapsing.count, board.lapsing.amount, board.lapsing.holds) == (0, 0, [])


# --- the page ------------------------------------------------------------------------------------------------------


def test_the_page_shows_the_headline_share_and_the_tables(client):
    case(held="30000.00", returned="7500.00", district="Pune", wait_days=12)
    case(held="10000.00", lapses_in=timedelta(days=2))
    client.force_login(AdminFactory())
    page = client.get("/console/restitution/").content.decode()
    assert 'data-testid="returned-share"' in page and "18.8" in page  # 7,500 of 40,000
    assert "Yes Bank" in page and "Pune" in page and "12.0" in page
    assert 'data-testid="lapsing-count">1<' in page


def test_the_page_has_an_empty_state(client):
    client.force_login(AttenderFactory())
    page = client.get("/console/restitution/").content.decode()
    assert "No money is held for a victim yet." in page


def test_a_bad_date_range_is_said_clearly(client):
    client.force_login(AdminFactory())
    page = client.get("/console/restitution/?start=2026-11-05&end=2026-11-01").content.decode()
    assert "The start date must be on or before the end date." in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/console/restitution/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_user_of_another_role_is_refused(client):
    client.force_login(UserFactory(role="citizen"))  # neither admin nor attender (a citizen's own account)
    assert client.get("/console/restitution/").status_code == 403


def test_an_inactive_attender_is_not_let_in(client):
    client.force_login(AttenderFactory(is_active=False))
    assert client.get("/console/restitution/").status_code in (302, 403)
