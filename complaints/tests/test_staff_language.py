"""Staff choose the language of the console and the admin for themselves (English by default)."""

import pytest
from django.urls import reverse

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_staff_read_english_by_default_and_their_own_language_once_chosen(client):
    attender = AttenderFactory()
    client.force_login(attender)
    assert "My queue" in client.get("/console/").content.decode()

    response = client.post(reverse("staff-language"), {"language": "hi", "next": "/console/"})

    assert response.status_code == 302 and response["Location"] == "/console/"
    attender.refresh_from_db()
    assert attender.language == "hi"
    page = client.get("/console/", HTTP_ACCEPT_LANGUAGE="en")
    assert "मेरी कतार" in page.content.decode() and page["Content-Language"] == "hi"


def test_an_unknown_language_or_a_foreign_next_page_changes_nothing_harmful(client):
    attender = AttenderFactory()
    client.force_login(attender)
    response = client.post(reverse("staff-language"), {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    attender.refresh_from_db()
    assert attender.language == "en"


def test_the_admin_follows_the_admins_language(client):
    admin = AdminFactory(language="hi")
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "हेल्पलाइन प्रशासन" in page


def test_complaints_show_the_citizens_language_in_the_staff_members_language(client):
    complaint = ComplaintFactory(language="ta", transactions=1)
    admin = AdminFactory(language="hi")
    client.force_login(admin)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "தமிழ் (तमिल)" in page
    listing = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert "தமிழ் (तमिल)" in listing


def test_the_csv_export_keeps_texts_as_typed_with_english_column_names(client):
    import csv
    import io

    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    complaint = ComplaintFactory(name="आशा राव", district="पुणे", language="hi", transactions=1)
    client.force_login(AdminFactory(language="hi"))
    response = client.post(
        reverse("admin:complaints_complaint_changelist"),
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [complaint.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Acknowledgement number", "Name"] and rows[0][-1] == "Language"
    assert rows[1][1:4:2] == ["आशा राव", "पुणे"] and rows[1][-1] == "hi" and rows[1][12] == "UPI fraud"
