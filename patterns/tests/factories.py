import datetime as dt
import uuid

import factory
from factory.django import DjangoModelFactory

from fraudsafe.vocabulary import FraudCategory
from patterns.models import FraudCase


class FraudCaseFactory(DjangoModelFactory):
    class Meta:
        model = FraudCase

    occurred_at = factory.LazyFunction(lambda: dt.datetime(2026, 3, 1, 14, 0, tzinfo=dt.UTC))
    district = "Pune"
    area = "Kothrud"
    fraud_type = "upi"
    category = FraudCategory.FINANCIAL
    source = FraudCase.Source.CSV
    source_ref = factory.LazyFunction(lambda: uuid.uuid4().hex)


def cases_at(alias: str, *specs) -> None:
    """Bulk-create cases on one alias; each spec is (aware datetime, district, area, fraud_type[, category])."""
    objs = []
    for spec in specs:
        when, district, area, fraud_type, *rest = spec
        objs.append(
            FraudCase(
                occurred_at=when,
                district=district,
                area=area,
                fraud_type=fraud_type,
                category=rest[0] if rest else FraudCategory.FINANCIAL,
                source=FraudCase.Source.CSV,
                source_ref=uuid.uuid4().hex,
            )
        )
    FraudCase.objects.using(alias).bulk_create(objs)
