"""Partner keys: issued in one place with their scopes and limits; revoked or expired keys refused at once."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import PartnerAPIKey, Scope
from accounts.services import partner_key_create
from accounts.tests.factories import AdminFactory

pytestmark = pytest.mark.django_db


def _get(client, key, path="/api/me/"):
    return client.get(path, HTTP_AUTHORIZATION=f"Api-Key {key}")


def test_a_new_key_has_no_scope_and_default_limits(settings):
    settings.PARTNER_KEY_MAX_AUDIENCE, settings.PARTNER_KEY_DAILY_MESSAGE_QUOTA = 700, 9
    api_key, _ = partner_key_create(partner="Bank A", name="bank-a")
    assert (api_key.scopes, api_key.max_audience, api_key.daily_message_quota) == ([], 700, 9)


def test_a_key_without_a_scope_gets_403_naming_the_scope(client):
    _, key = partner_key_create(partner="Bank A", name="bank-a")
    assert _get(client, key).status_code == 200  # who am I: any valid key
    response = _get(client, key, "/api/patterns/report/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "missing_scope"
    assert '"patterns:read"' in response.json()["error"]["message"]


def test_unknown_scopes_are_refused_when_issuing():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        partner_key_create(partner="Bank A", name="bank-a", scopes=["everything"])


def test_a_revoked_key_answers_401_on_the_very_next_call(client):
    api_key, key = partner_key_create(partner="Bank A", name="bank-a", scopes=Scope.values)
    assert _get(client, key, "/api/patterns/report/").status_code == 200
    PartnerAPIKey.objects.filter(pk=api_key.pk).update(revoked=True)
    response = _get(client, key, "/api/patterns/report/")
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]


def test_an_expired_key_answers_401_as_soon_as_it_expires(client):
    api_key, key = partner_key_create(
        partner="Bank A", name="bank-a", scopes=Scope.values, expiry_date=timezone.now() + dt.timedelta(hours=1)
    )
    assert _get(client, key).status_code == 200
    PartnerAPIKey.objects.filter(pk=api_key.pk).update(expiry_date=timezone.now() - dt.timedelta(seconds=1))
    assert _get(client, key).status_code == 401


# --- the admin: one place to issue keys ---------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(AdminFactory())
    return client


def test_the_librarys_own_api_key_page_is_gone(admin_client):
    assert admin_client.get("/admin/rest_framework_api_key/apikey/").status_code == 404
    index = admin_client.get("/admin/").content.decode()
    assert "/admin/rest_framework_api_key/" not in index
    assert "/admin/accounts/partnerapikey/" in index


def test_an_admin_issues_a_key_with_scopes_and_limits_and_sees_them_in_the_list(admin_client, client):
    form = {
        "name": "hdfc-prod",
        "partner": "HDFC Bank",
        "contact_email": "",
        "scopes": ["patterns:read", "verification:read"],
        "max_audience": "200",
        "daily_message_quota": "5",
        "expiry_date_0": "",
        "expiry_date_1": "",
    }
    response = admin_client.post("/admin/accounts/partnerapikey/add/", form, follow=True)
    assert response.status_code == 200
    api_key = PartnerAPIKey.objects.get()
    assert (api_key.scopes, api_key.max_audience, api_key.daily_message_quota) == (
        ["patterns:read", "verification:read"], 200, 5,
    )  # fmt: skip
    shown_once = [str(m) for m in response.context["messages"]]
    (key,) = [m.split(" is: ")[1].split(". ")[0] for m in shown_once if " is: " in m]
    assert _get(client, key, "/api/patterns/report/").status_code == 200
    assert _get(client, key, "/api/campaigns/statistics/").status_code == 403

    listing = admin_client.get("/admin/accounts/partnerapikey/").content.decode()
    assert "patterns:read, verification:read" in listing
    assert "0 / 5" in listing


def test_the_add_form_offers_every_scope_and_none_is_ticked(admin_client):
    page = admin_client.get("/admin/accounts/partnerapikey/add/").content.decode()
    for scope in Scope.values:
        assert f'value="{scope}"' in page
    assert "checked" not in page.split('name="scopes"')[1].split("</div>")[0]


def test_keys_are_revoked_not_deleted(admin_client):
    api_key, _ = partner_key_create(partner="Bank A", name="bank-a")
    assert admin_client.get(f"/admin/accounts/partnerapikey/{api_key.pk}/delete/").status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        lambda key: {"HTTP_AUTHORIZATION": f"Api-Key {key}"},
        lambda key: {"HTTP_AUTHORIZATION": f"api-key   {key}"},
        lambda key: {"HTTP_AUTHORIZATION": key},  # what Swagger's field sends when the key is pasted alone
        lambda key: {"HTTP_X_API_KEY": key},
    ],
)
def test_the_key_is_accepted_in_each_documented_form(client, headers):
    _api_key, key = partner_key_create(partner="Bank A", name="bank-a")
    response = client.get("/api/me/", **headers(key))
    assert response.status_code == 200, response.content
    assert (response.json()["kind"], response.json()["name"]) == ("partner", "Bank A")


@pytest.mark.parametrize("header", ["Bearer abc.def", "Token abc", "Api-Key", "Api-Key "])
def test_a_wrong_authorization_form_says_which_form_works(client, header):
    response = client.get("/api/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    message = response.json()["error"]["message"]
    assert "Authorization: Api-Key <key>" in message and "X-Api-Key" in message


def test_a_bare_wrong_key_is_invalid_not_missing(client):
    response = client.get("/api/me/", HTTP_AUTHORIZATION="nope.nope")
    assert (response.status_code, response.json()["error"]["message"]) == (401, "Invalid API key.")
