import factory
from factory.django import DjangoModelFactory

from accounts.models import Citizen, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@fraudsafe.test")
    role = User.Role.ATTENDER
    password = factory.django.Password("correct-horse-battery")


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    role = User.Role.ADMIN


class AttenderFactory(UserFactory):
    username = factory.Sequence(lambda n: f"attender{n}")
    role = User.Role.ATTENDER


class CitizenFactory(DjangoModelFactory):
    class Meta:
        model = Citizen

    phone = factory.Sequence(lambda n: f"+9198{n:08d}")
    name = factory.Faker("name", locale="en_IN")
    email = factory.Sequence(lambda n: f"citizen{n}@example.com")
    district = "Bengaluru Urban"
    area = "Whitefield"
    pin_code = "560066"
