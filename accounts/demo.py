"""Demo staff and citizens for the run command. Passwords are generated and printed once, at creation."""

import secrets

from accounts.models import Citizen, ConsentEvent, User
from accounts.services import citizen_upsert, consent_record
from fraudsafe.demo_credentials import credential_record
from fraudsafe.registry import demo_loaders
from fraudsafe.vocabulary import MessageChannel

STAFF = [
    ("admin", User.Role.ADMIN, "Asha", "Admin"),
    ("attender1", User.Role.ATTENDER, "Ravi", "Kumar"),
    ("attender2", User.Role.ATTENDER, "Meena", "Iyer"),
]

CITIZENS = [
    ("+919876500001", "Anil Sharma", "anil@example.com", "Bengaluru Urban", "Whitefield", "560066"),
    ("+919876500002", "Priya Nair", "priya@example.com", "Bengaluru Urban", "Koramangala", "560034"),
    ("+919876500003", "Suresh Patil", "suresh@example.com", "Pune", "Hinjewadi", "411057"),
    ("+919876500004", "Fatima Khan", "fatima@example.com", "Hyderabad", "Gachibowli", "500032"),
    ("+919876500005", "Rahul Verma", "rahul@example.com", "Jaipur", "Malviya Nagar", "302017"),
    ("+919876500006", "Lakshmi Rao", "lakshmi@example.com", "Chennai", "Adyar", "600020"),
]


@demo_loaders.register
def load(*, stdout, style) -> None:
    for username, role, first, last in STAFF:
        if User.objects.filter(username=username).exists():
            stdout.write(f"  staff '{username}' exists (password was printed when it was created)")
            continue
        password = secrets.token_urlsafe(9)
        User.objects.create_user(
            username=username,
            password=password,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@fraudsafe.local",
        )
        stdout.write(style.SUCCESS(f"  created {role} '{username}' with password: {password}"))
        credential_record(f"{role} login {username}", f"password {password}")
    for phone, name, email, district, area, pin in CITIZENS:
        citizen = citizen_upsert(phone=phone, name=name, email=email, district=district, area=area, pin_code=pin)
        if not citizen.consent_events.exists():
            for channel in MessageChannel.values:
                consent_record(
                    citizen=citizen,
                    channel=channel,
                    granted=True,
                    source=ConsentEvent.Source.IMPORT,
                    evidence="demo data",
                )
    stdout.write(f"  {Citizen.objects.count()} citizens")
