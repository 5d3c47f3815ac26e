"""Hold grievances in the admin: listed with the weaker-evidence flag, decided by the actions (thin: the service),
each decision audited; a reduction needs its amount and every decision its reason."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.tests.factories import AdminFactory, AttenderFactory
from recovery.models import FreezeRequest, HoldGrievance
from recovery.tests.factories import bank_partner, complaint_paying
from recovery.tests.test_grievances import filed, held

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:recovery_holdgrievance_changelist")


@pytest.fixture
def grievance():
    handler = AttenderFactory()
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), bank_partner("YESB")[0], "30000")
    return filed(hold, handler)


def act(client, action, grievance, **fields):
    return client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [grievance.pk], **fields}, follow=True)


def test_the_admin_lists_grievances_and_lifts_one_with_a_reason(client, grievance):
    admin = AdminFactory()
    client.force_login(admin)
    page = client.get(CHANGELIST).content.decode()
    assert "Meena Rao" in page and "Uphold: lift the hold" in page
    assert "Give the reason" in act(client, "uphold_lift", grievance).content.decode()
    assert HoldGrievance.objects.get().status == "received"
    done = act(client, "uphold_lift", grievance, reason="Wages, proven").content.decode()
    assert "1 grievance(s) decided" in done
    assert FreezeRequest.objects.get(pk=grievance.freeze_request_id).status == "lifted"
    entry = AuditEntry.objects.get(user=admin, action="grievance_decide")
    assert entry.objects_ref == f"hold_grievance={grievance.pk}" and entry.endpoint.startswith("POST /admin/")


def test_the_admin_reduces_by_the_amount_given_and_a_decided_grievance_stays_decided(client, grievance):
    client.force_login(AdminFactory())
    act(client, "uphold_reduce", grievance, reason="Part is wages", release_amount="1000.00")
    assert HoldGrievance.objects.get().lien_after == Decimal("29000.00")
    again = act(client, "reject", grievance, reason="late").content.decode()
    assert "Upheld already" in again and HoldGrievance.objects.get().status == "upheld"
