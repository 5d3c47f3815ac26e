"""The complaint PDF and its signed, expiring link."""

import io

import pytest
from django.core import signing
from django.utils import translation
from pypdf import PdfReader

from complaints import pdftext
from complaints.pdf import complaint_pdf_render
from complaints.services import complaint_pdf_attach, complaint_pdf_token, complaint_pdf_url
from complaints.tests.factories import ComplaintFactory
from fraudsafe.languages import languages


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def complaint():
    complaint = ComplaintFactory(transactions=2, name="Asha Rao", mobile="9876543210", father_name="Ramesh Kumar")
    complaint_pdf_attach(complaint=complaint)
    complaint.refresh_from_db()
    return complaint


@pytest.mark.django_db
def test_pdf_holds_title_ack_number_date_every_field_with_serials_total_and_next_steps(complaint):
    text = text_of(complaint_pdf_render(complaint))
    first, second = complaint.transactions.all()
    for expected in [
        "Cyber Fraud Complaint",
        complaint.ack_number,
        "Date filed",
        "1.1",
        "Name",
        "Asha Rao",
        "1.2",
        "9876543210",
        "1.3",
        "17-05-1985",
        "1.4",
        "Ramesh Kumar",
        "1.5",
        complaint.district,
        "1.6",
        complaint.pin_code,
        "2.1",
        "2.2",
        "2.t.1",
        "2.t.7",
        first.account_number,
        second.transaction_id,
        first.bank,
        "UPI fraud",
        "Total amount lost",
        "50,000.00",
        "1930",
        "cybercrime.gov.in",
        "within 24 hours",
    ]:
        assert expected in text, expected


@pytest.mark.django_db
def test_pdf_with_many_transactions_still_renders_every_row():
    complaint = ComplaintFactory(transactions=10)
    text = text_of(complaint_pdf_render(complaint))
    assert "2.10" in text and "2,50,000.00" in text


@pytest.mark.django_db
def test_pdf_is_stored_in_private_media_under_an_unguessable_name(complaint, settings):
    assert complaint.pdf.name.startswith("complaints/pdf/")
    assert complaint.ack_number not in complaint.pdf.name
    assert len(complaint.pdf.name.rsplit("/", 1)[1]) == len("0" * 32 + ".pdf")
    assert settings.MEDIA_URL is None


@pytest.mark.django_db
def test_signed_link_serves_the_pdf(client, complaint):
    response = client.get(complaint_pdf_url(complaint=complaint).removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert complaint.ack_number in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_tampered_link_is_404(client, complaint):
    token = complaint_pdf_token(complaint=complaint)
    other = ComplaintFactory(transactions=1)
    complaint_pdf_attach(complaint=other)
    tampered = str(other.pk) + token[len(str(complaint.pk)) :]
    assert client.get(f"/complaints/pdf/{tampered}/").status_code == 404
    assert client.get(f"/complaints/pdf/{token[:-2]}xx/").status_code == 404
    assert client.get("/complaints/pdf/1/").status_code == 404


@pytest.mark.django_db
def test_expired_link_is_404(client, complaint, monkeypatch, settings):
    settings.COMPLAINT_PDF_LINK_MAX_AGE = 3600
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 3601)
    token = complaint_pdf_token(complaint=complaint)
    monkeypatch.setattr(signing.time, "time", real_time)
    assert client.get(f"/complaints/pdf/{token}/").status_code == 404


@pytest.mark.django_db
def test_link_just_inside_its_lifetime_still_works(client, complaint, monkeypatch, settings):
    settings.COMPLAINT_PDF_LINK_MAX_AGE = 3600
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 3500)
    token = complaint_pdf_token(complaint=complaint)
    monkeypatch.setattr(signing.time, "time", real_time)
    assert client.get(f"/complaints/pdf/{token}/").status_code == 200


@pytest.mark.django_db
def test_link_to_a_complaint_without_a_pdf_is_404(client):
    complaint = ComplaintFactory(transactions=1)
    assert client.get(f"/complaints/pdf/{complaint_pdf_token(complaint=complaint)}/").status_code == 404


@pytest.mark.django_db
def test_pdf_link_refuses_post(client, complaint):
    assert client.post(f"/complaints/pdf/{complaint_pdf_token(complaint=complaint)}/").status_code == 405


@pytest.mark.django_db
def test_long_account_numbers_and_references_never_break_across_lines():
    complaint = ComplaintFactory(transactions=1)
    complaint.transactions.update(account_number="912010012345678901", transaction_id="UTR1234567890123456789")
    text = text_of(complaint_pdf_render(complaint))
    assert "912010012345678901" in text
    assert "UTR1234567890123456789" in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", [lang.code for lang in languages()])
def test_latin_words_are_drawn_glyph_for_character_in_every_language(code, monkeypatch):
    """No ligature joins "st" in "District" or "Fraudster's": each Latin word is drawn one glyph per character,
    so an 80 dpi print never reads "Dis?rict". Indic words keep their conjuncts."""
    shaped: list[tuple[str, int]] = []
    original = pdftext._original_shape

    def spy(w, *args, **kwargs):
        new = original(w, *args, **kwargs)
        text = "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))
        glyphs = sum(len(s) for f, s in new[1:] if not hasattr(f, "cbDefn"))
        shaped.append((text, glyphs))
        return new

    monkeypatch.setattr(pdftext, "_original_shape", spy)
    complaint = ComplaintFactory(transactions=1, language=code, name="Asha Rao", father_name="Ramesh Kumar")
    with translation.override(code):
        complaint_pdf_render(complaint)
    latin = {text: glyphs for text, glyphs in shaped if text.isascii() and any(c.isalpha() for c in text)}
    assert {"District", "Fraudster's"} & latin.keys() or "District" in " ".join(latin), sorted(latin)[:20]
    assert {text: glyphs for text, glyphs in latin.items() if glyphs != len(text)} == {}
    if code != "en":
        indic = [(text, glyphs) for text, glyphs in shaped if not text.isascii()]
        assert any(glyphs != len(text) for text, glyphs in indic), "Indic conjuncts are still formed"


def test_the_shaping_features_keep_indic_ligatures_and_drop_latin_ones():
    assert pdftext.features_for("District")["liga"] is False
    assert pdftext.features_for("₹25,000")["dlig"] is False
    assert pdftext.features_for("शिकायत")["liga"] is True
    assert pdftext.features_for("शिकायत")["dlig"] is False
