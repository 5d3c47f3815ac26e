"""Restitution on the console: the card on the complaint page (claimable, route, rule, clock warnings) and the
staff actions, both routes: request refunds (administrative) and record the order first (court)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import TestCase

from accounts.tests.factories import AttenderFactory
from recovery.models import RefundRequest, RestitutionCase
from recovery.services import freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db


def held_case(amount: str, handler):
    yes = bank_partner("YESB")[0]
    complaint = complaint_paying("quickloan@ybl", amount=amount, handler=handler)
    request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=request.pk, partner=yes, outcome="on_hold", amount_held=Decimal(amount))
    return complaint, RestitutionCase.objects.get(complaint=complaint)


@pytest.fixture
def handler(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return AttenderFactory()


def test_the_card_shows_the_case_and_the_handler_requests_the_refunds(client, handler):
    complaint, case = held_case("30000.00", handler)
    client.force_login(handler)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert 'id="restitution"' in page and "Bank refund on police request" in page and "30,000.00" in page
    assert "Request the refunds" in page and "Record the order" not in page
    response = client.post(f"/console/complaints/{complaint.pk}/restitution/request/")
    assert response.status_code == 302 and RefundRequest.objects.filter(case=case).count() == 1
    assert RestitutionCase.objects.get(pk=case.pk).status == "requested"


def test_the_court_route_records_the_order_first_and_warns_of_a_lapsing_hold(client, handler):
    complaint, case = held_case("80000.00", handler)
    case.holds.update(lapses_at=case.holds.get().held_at + timedelta(days=1))
    client.force_login(handler)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "Court order (s.503 BNSS)" in page and "Record the order" in page and "Request the refunds" not in page
    assert "Lapses within 3 days without an order" in page
    bad = client.post(f"/console/complaints/{complaint.pk}/restitution/order/", {"kind": "court"}, follow=True)
    assert "Check the order" in bad.content.decode() and not RestitutionCase.objects.get(pk=case.pk).has_order
    client.post(f"/console/complaints/{complaint.pk}/restitution/order/",
                {"kind": "court", "number": "CC 7/2026", "on_date": "2026-11-30", "amount": "80000",
                 "court": "JMFC Pune"})  # fmt: skip
    assert RestitutionCase.objects.get(pk=case.pk).order_number == "CC 7/2026"
    client.post(f"/console/complaints/{complaint.pk}/restitution/request/")
    assert RefundRequest.objects.get(case=case).amount == Decimal("80000")


def test_another_attender_gets_404(client, handler):
    complaint, case = held_case("30000.00", handler)
    client.force_login(AttenderFactory())
    assert client.post(f"/console/complaints/{complaint.pk}/restitution/request/").status_code == 404
    assert not RefundRequest.objects.exists()


def test_the_documents_download_as_pdfs_in_the_victims_language_with_english(client, handler, tmp_path):
    import subprocess

    from pypdf import PdfReader

    complaint, case = held_case("80000.00", handler)
    complaint.language = "hi"
    complaint.save()
    client.force_login(handler)
    client.post(f"/console/complaints/{complaint.pk}/restitution/order/",
                {"kind": "court", "number": "CC 7/2026", "on_date": "2026-11-30", "amount": "80000"})  # fmt: skip
    client.post(f"/console/complaints/{complaint.pk}/restitution/request/")
    refund = RefundRequest.objects.get(case=case)
    base = f"/console/complaints/{complaint.pk}/restitution/"
    for url, words in [
        (f"{base}application.pdf", ["Application for release of money", "503", complaint.name, "80,000.00"]),
        (f"{base}bond.pdf", ["Indemnity bond", complaint.father_name]),
        (f"{base}refund-{refund.pk}/refund.pdf", ["Request to refund held money", "Yes Bank", "CC 7/2026"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        path = tmp_path / "doc.pdf"
        path.write_bytes(response.content)
        text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
        assert all(word in text for word in words), (url, text[:400])
        assert any("\u0900" <= ch <= "\u097f" for ch in text)  # Devanagari beside the English
        name = url.rsplit("/", 1)[-1].removesuffix(".pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / name)],
                       check=True)  # fmt: skip
    assert client.get(f"{base}nothing.pdf").status_code == 404


def test_the_admin_shows_a_case_read_only(admin_client, handler):
    complaint, case = held_case("30000.00", handler)
    page = admin_client.get(f"/admin/recovery/restitutioncase/{case.pk}/change/")
    assert page.status_code == 200 and "30000" in page.content.decode().replace(",", "")
    assert admin_client.get("/admin/recovery/restitutioncase/add/").status_code == 403
