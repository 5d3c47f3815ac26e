"""Admin pages for campaigns, holds, model versions and thresholds."""

import pytest

from accounts.tests.factories import AdminFactory
from campaigns.models import Campaign, CampaignSettings, ModelVersion
from campaigns.tests.factories import CampaignFactory, VerificationHoldFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(AdminFactory())
    return client


@pytest.mark.parametrize("model", ["campaign", "verificationhold", "modelversion", "campaignsettings",
                                   "volumesample", "behaviourprofile"])  # fmt: skip
def test_admin_lists_render(admin_client, model):
    CampaignFactory()
    VerificationHoldFactory()

    response = admin_client.get(f"/admin/campaigns/{model}/")

    assert response.status_code == 200


def test_holds_list_masks_phone_numbers(admin_client):
    VerificationHoldFactory(citizen__phone="+919811122233")

    page = admin_client.get("/admin/campaigns/verificationhold/").content.decode()

    assert "+91XXXXXX2233" in page
    assert "9811122233" not in page


def test_model_versions_mirror_the_cards_on_disk(admin_client, with_tiny_models):
    admin_client.get("/admin/campaigns/modelversion/")

    assert ModelVersion.objects.filter(passed=True).count() == 3


def test_staff_deactivate_campaigns_from_the_admin(admin_client):
    campaign = CampaignFactory()

    admin_client.post(
        "/admin/campaigns/campaign/", {"action": "deactivate", "_selected_action": [campaign.pk]}, follow=True
    )

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DEACTIVATED


def test_thresholds_are_a_single_row(admin_client):
    admin_client.post("/admin/campaigns/campaignsettings/add/", {"cohort_vulnerability": "0.5", "min_volume": "80"})

    assert CampaignSettings.objects.get().cohort_vulnerability == 0.5
    assert admin_client.get("/admin/campaigns/campaignsettings/add/").status_code == 403
