import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import CitizenFactory
from complaints.models import Complaint, ComplaintEvent, ConversationSession, Transaction
from fraudsafe.vocabulary import FraudType


class ComplaintFactory(DjangoModelFactory):
    """`ComplaintFactory(transactions=3)` creates the complaint with three transactions (positions 1..3)."""

    class Meta:
        model = Complaint
        skip_postgeneration_save = True

    citizen = factory.SubFactory(CitizenFactory)
    name = factory.LazyAttribute(
        lambda c: "".join(ch for ch in (c.citizen.name or "Asha Rao") if ch.isalpha() or ch in " .")[:50].strip()
        or "Asha Rao"
    )
    mobile = factory.Sequence(lambda n: f"98{n:08d}")
    dob = datetime.date(1985, 5, 17)
    father_name = "Ramesh Kumar"
    district = factory.LazyAttribute(lambda c: c.citizen.district or "Bengaluru Urban")
    pin_code = factory.LazyAttribute(lambda c: c.citizen.pin_code or "560066")
    language = "en"
    status = Complaint.Status.PENDING

    @factory.post_generation
    def transactions(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for position in range(1, int(extracted) + 1):
            TransactionFactory(complaint=obj, position=position, **kwargs)
        if obj.latest_transaction_at is None:  # as complaint_submit sets it
            obj.latest_transaction_at = max(t.occurred_at for t in obj.transactions.all())
            Complaint.objects.filter(pk=obj.pk).update(latest_transaction_at=obj.latest_transaction_at)


class TransactionFactory(DjangoModelFactory):
    class Meta:
        model = Transaction

    complaint = factory.SubFactory(ComplaintFactory)
    position = factory.Sequence(lambda n: n + 1)
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    time = datetime.time(14, 30)
    bank = "State Bank of India"
    account_number = factory.Sequence(lambda n: f"{123456789000 + n}")
    amount = Decimal("25000.00")
    transaction_id = factory.Sequence(lambda n: f"UPI{412345678900 + n}")
    fraud_type = FraudType.UPI
    progress = Transaction.Progress.NOT_STARTED


class ComplaintEventFactory(DjangoModelFactory):
    class Meta:
        model = ComplaintEvent

    complaint = factory.SubFactory(ComplaintFactory)
    kind = ComplaintEvent.Kind.CREATED


class ConversationSessionFactory(DjangoModelFactory):
    class Meta:
        model = ConversationSession

    phone = factory.Sequence(lambda n: f"+9197{n:08d}")
    state = factory.LazyFunction(dict)


def citizen_with_whatsapp_consent(*, whatsapp_window: bool = True, **kwargs):
    """A citizen who agreed to messages on WhatsApp (as filing a complaint on WhatsApp records); they have just
    written, so their 24-hour window is open unless `whatsapp_window=False`."""
    from django.utils import timezone

    from accounts.models import ConsentEvent
    from accounts.services import consent_record
    from alerts.whatsapp import whatsapp_inbound_record

    citizen = CitizenFactory(**kwargs)
    consent_record(citizen=citizen, channel="whatsapp", granted=True, source=ConsentEvent.Source.COMPLAINT)
    if whatsapp_window:
        whatsapp_inbound_record(phone=str(citizen.phone), at=timezone.now())
    return citizen
