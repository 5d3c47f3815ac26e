"""The README's screenshots: each picture it shows exists, each picture in docs/screenshots is shown, and the browser
test below takes them again (into test-artifacts/ on every run; into docs/screenshots with `make screenshots`)."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from accounts.tests.factories import AttenderFactory
from complaints.models import Transaction
from complaints.pdf import complaint_pdf_render
from complaints.tests.factories import ComplaintFactory
from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection
from recovery.services import freeze_requests_open

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
PICTURES = ["console-phone-complaint.png", "console-phone-money-trail.png", "pdf-en.png", "pdf-hi.png"]


def _readme_pictures() -> set[str]:
    return set(re.findall(r"\]\(docs/screenshots/([\w.-]+\.png)\)", (ROOT / "README.md").read_text(encoding="utf-8")))


def test_the_readme_shows_every_screenshot_and_each_one_exists():
    assert _readme_pictures() == set(PICTURES)
    assert {p.name for p in SHOTS.glob("*.png")} == set(PICTURES)


def _out(artifacts_dir: Path) -> list[Path]:
    folders = [artifacts_dir]
    if os.environ.get("FRAUDSAFE_SCREENSHOTS") == "docs":
        folders.append(SHOTS)
    return folders


def _pdf_page_png(pdf: bytes, target: Path) -> None:
    source = target.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(source), str(target.with_suffix(""))], check=True
    )
    source.unlink()


@pytest.mark.django_db
def test_the_pdf_pictures(artifacts_dir):
    complaint = ComplaintFactory(
        name="Asha Rao", district="Pune", transactions=2, mobile="9876543210", father_name="Ramesh Kumar"
    )
    for lang in ("en", "hi"):
        with translation.override(lang):
            complaint.language = lang
            pdf = complaint_pdf_render(complaint)
        for folder in _out(artifacts_dir):
            _pdf_page_png(pdf, folder / f"pdf-{lang}.png")
            assert (folder / f"pdf-{lang}.png").stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@closes_its_db_connection
def test_the_console_on_a_phone_pictures(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    attender = AttenderFactory(username="attender_on_shift")
    complaint = ComplaintFactory(name="Ravi Kumar", district="Pune", transactions=2, handler=attender)
    Transaction.objects.filter(complaint=complaint, position=1).update(
        beneficiary_kind="upi", beneficiary_upi="quickloan.help@ybl"
    )
    freeze_requests_open(complaint_ids=[complaint.pk])
    log_in(page, live_server.url, attender.username)
    page.wait_for_url(f"{live_server.url}/console/")
    page.goto(f"{live_server.url}/console/complaints/{complaint.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for folder in _out(artifacts_dir):
        page.screenshot(path=str(folder / "console-phone-complaint.png"))
    page.locator("#money-trail").scroll_into_view_if_needed()
    for folder in _out(artifacts_dir):
        page.locator("#money-trail").screenshot(path=str(folder / "console-phone-money-trail.png"))
