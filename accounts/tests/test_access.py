import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import partner_key_create
from accounts.tests.factories import AdminFactory, AttenderFactory

pytestmark = pytest.mark.django_db


def test_attender_cannot_open_the_admin(client):
    client.force_login(AttenderFactory())
    assert client.get("/admin/").status_code in (302, 403)
    assert client.get("/admin/complaints/").status_code in (302, 403, 404)


def test_attender_flagged_staff_by_hand_still_cannot_open_the_admin(client):
    attender = AttenderFactory()
    User.objects.filter(pk=attender.pk).update(is_staff=True)  # bypasses save(): a stray checkbox
    client.force_login(User.objects.get(pk=attender.pk))
    assert client.get("/admin/").status_code == 403


def test_admin_opens_the_admin(client):
    client.force_login(AdminFactory())
    assert client.get("/admin/").status_code == 200


def test_role_sets_admin_site_access():
    assert AdminFactory().is_staff is True
    assert AttenderFactory().is_staff is False


def test_anonymous_api_call_is_refused_with_401(client):
    response = client.get(reverse("me"))  # every data API needs a key or a session
    assert response.status_code in (401, 403)
    assert "error" in response.json()


def test_partner_key_authenticates(client):
    _, key = partner_key_create(partner="Bank A", name="bank-a-prod")
    response = client.get(reverse("me"), HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 200


def test_partner_key_in_x_api_key_header_authenticates(client):
    _, key = partner_key_create(partner="Bank A", name="bank-a-prod")
    assert client.get(reverse("me"), HTTP_X_API_KEY=key).status_code == 200


def test_wrong_partner_key_is_refused_with_401(client):
    partner_key_create(partner="Bank A", name="bank-a-prod")
    response = client.get(reverse("me"), HTTP_AUTHORIZATION="Api-Key abcdefgh.notthekey")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Api-Key"


def test_revoked_partner_key_is_refused_with_401(client):
    api_key, key = partner_key_create(partner="Telco B", name="telco-b")
    api_key.revoked = True
    api_key.save()
    response = client.get(reverse("me"), HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]


def test_partner_key_is_stored_hashed():
    api_key, key = partner_key_create(partner="Bank A", name="bank-a-prod")
    assert key not in api_key.hashed_key
    assert key.split(".")[1] not in api_key.hashed_key


def test_partner_sees_itself_as_partner(client):
    _, key = partner_key_create(partner="Bank A", name="bank-a-prod")
    body = client.get(reverse("me"), HTTP_AUTHORIZATION=f"Api-Key {key}").json()
    assert body == {"kind": "partner", "name": "Bank A", "role": "partner"}


def test_api_docs_and_schema_are_public_documentation(client):
    assert client.get(reverse("schema")).status_code == 200
    assert client.get(reverse("docs")).status_code == 200


def test_a_helpline_admin_manages_staff_and_citizens_in_the_admin(client):
    client.force_login(AdminFactory())
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/accounts/citizen/").status_code == 200
    assert client.get("/admin/accounts/user/add/").status_code == 200


def test_an_attender_gets_no_model_permissions_from_the_role():
    attender = AttenderFactory()
    assert not attender.has_perm("accounts.view_citizen")
    assert not attender.has_module_perms("accounts")
