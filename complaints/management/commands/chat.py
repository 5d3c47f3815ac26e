"""Talk to the WhatsApp bot in a terminal, through the real webhook view with correctly signed requests."""

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse
from twilio.request_validator import RequestValidator

from fraudsafe.masking import mask_phone

# Used only inside this process when no Twilio token is configured (development): the simulator signs with it
# and the unchanged webhook checks it. A real deployment always has TWILIO_AUTH_TOKEN set.
LOCAL_SIMULATOR_TOKEN = "fraudsafe-chat-simulator-local-token"


class Command(BaseCommand):
    help = "Chat with the WhatsApp complaint bot from the terminal (signed requests, same code path as Twilio)."

    def add_arguments(self, parser):
        parser.add_argument("--phone", required=True, help="The citizen's WhatsApp number, e.g. +919876543210")
        parser.add_argument(
            "-m",
            "--message",
            action="append",
            default=[],
            help="Send this message instead of reading from the terminal (repeat for several).",
        )
        parser.add_argument(
            "--out", default=str(Path(settings.VAR_DIR) / "chat"), help="Where received PDFs are saved."
        )

    def handle(self, *args, phone, message, out, **options):
        if not phone.startswith("+") or not phone[1:].isdigit():
            raise CommandError("--phone must be in international format, e.g. +919876543210")
        self.phone, self.out = phone, Path(out)
        token = settings.TWILIO_AUTH_TOKEN or LOCAL_SIMULATOR_TOKEN
        with override_settings(TWILIO_AUTH_TOKEN=token):
            self.validator = RequestValidator(token)
            self.factory = RequestFactory()
            if message:
                for text in message:
                    self.stdout.write(self.style.SQL_FIELD(f"you> {text}"))
                    self.send(text)
                return
            self.stdout.write(
                f"Chatting as {mask_phone(phone)}. Type HI to start, HELP for help; Ctrl-D or /quit to leave.\n"
            )
            while True:
                try:
                    text = input("you> ")
                except (EOFError, KeyboardInterrupt):
                    self.stdout.write("")
                    return
                if text.strip() in ("/quit", "/exit"):
                    return
                self.send(text)

    def send(self, text: str) -> None:
        path = reverse("whatsapp_webhook")
        data = {
            "From": f"whatsapp:{self.phone}",
            "To": settings.TWILIO_WHATSAPP_FROM,
            "Body": text,
            "MessageSid": "SM" + uuid.uuid4().hex,
            "NumMedia": "0",
            "ProfileName": "Chat simulator",
        }
        signature = self.validator.compute_signature(settings.FRAUDSAFE_PUBLIC_URL + path, data)
        request = self.factory.post(path, data, HTTP_X_TWILIO_SIGNATURE=signature)
        match = resolve(path)
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200:
            raise CommandError(f"The webhook answered {response.status_code}: {response.content[:200]!r}")
        root = ET.fromstring(response.content)  # noqa: S314 - TwiML made by our own view in this process
        for message in root.iter("Message"):
            body = (message.findtext("Body") or message.text or "").strip()
            self.stdout.write(self.style.SUCCESS("bot> ") + body.replace("\n", "\n     ") + "\n")
            for media in message.iter("Media"):
                self.download(media.text or "")

    def download(self, url: str) -> None:
        path = urlsplit(url).path
        match = resolve(path)
        response = match.func(self.factory.get(path), *match.args, **match.kwargs)
        if response.status_code != 200:
            self.stdout.write(self.style.ERROR(f"     [could not fetch the PDF: {response.status_code}]"))
            return
        self.out.mkdir(parents=True, exist_ok=True)
        disposition = response.get("Content-Disposition", "")
        name = disposition.split("filename=")[-1].strip('"') if "filename=" in disposition else "complaint.pdf"
        target = self.out / Path(name).name
        target.write_bytes(b"".join(response.streaming_content))
        self.stdout.write(self.style.WARNING(f"     [PDF received and saved to {target}]\n"))
