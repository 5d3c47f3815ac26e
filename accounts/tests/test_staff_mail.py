import logging

import pytest

from accounts.staff_mail import Digest, admin_emails, escalation_people
from accounts.tests.factories import AdminFactory, AttenderFactory

pytestmark = pytest.mark.django_db


def test_admin_emails_are_the_active_admins_with_an_address():
    AdminFactory(username="a1")
    AdminFactory(username="gone", is_active=False)
    AdminFactory(username="mute", email="")
    AttenderFactory(username="att")
    assert admin_emails() == {"a1@fraudsafe.test"}


def test_the_active_handler_and_extra_addresses_are_added_once():
    handler = AttenderFactory(username="h")
    people = escalation_people(admins={"a@x.test", "h@fraudsafe.test"}, handler=handler, extra=["desk@x.test", ""])
    assert people == {"a@x.test", "h@fraudsafe.test", "desk@x.test"}
    handler.is_active = False
    assert "h@fraudsafe.test" not in escalation_people(admins=set(), handler=handler)


def test_one_email_per_person_lists_every_line_of_theirs(mailoutbox):
    digest = Digest()
    digest.add("first", ["a@x.test", "b@x.test"])
    digest.add("second", ["a@x.test"])
    assert digest.send(subject="Overdue", intro="Look:") == 2
    by_person = {m.to[0]: m.body for m in mailoutbox}
    assert by_person == {"a@x.test": "Look:\n\n- first\n- second", "b@x.test": "Look:\n\n- first"}


def test_nothing_to_say_sends_nothing(mailoutbox):
    assert Digest().send(subject="Overdue", intro="Look:") == 0
    assert mailoutbox == []


def test_a_mail_server_down_is_logged_not_raised(settings, caplog):
    settings.EMAIL_BACKEND = "accounts.tests.test_staff_mail.BrokenBackend"
    digest = Digest()
    digest.add("first", ["a@x.test"])
    with caplog.at_level(logging.ERROR, logger="accounts.staff_mail"):
        assert digest.send(subject="Overdue", intro="Look:") == 0
    assert "escalation emails not sent" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")
