"""Receipts drawn by hand, one at a time, to look like the real screens a victim forwards — test support, not shipped.

`samples.py` draws its receipts from three layouts and a seed; these eight are each a layout of their own, drawn
with Pillow and the Noto fonts the way the app or the SMS inbox lays it out (a PhonePe-style card under a purple
header, a Google Pay-style centred amount in dark mode, a Paytm-style "Paid Successfully", a BHIM receipt, an
English and a Hindi bank SMS in a messaging app's bubble, a net-banking IMPS confirmation, and a Hindi UPI receipt
photographed off a screen). Every name, number, ID and account is invented; none is a real person's.

`hand_built()` gives each receipt with its truth: the fields the extractor returns, as the bot would store them typed.
"""

from __future__ import annotations

import io
import math
import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path("/usr/share/fonts/truetype/noto")
_REGULAR, _BOLD = FONTS / "NotoSans-Regular.ttf", FONTS / "NotoSans-Bold.ttf"
_DEVANAGARI, _DEVANAGARI_BOLD = FONTS / "NotoSansDevanagari-Regular.ttf", FONTS / "NotoSansDevanagari-Bold.ttf"
_SCRIPT_RUNS = re.compile(r"[\u0900-\u097f।]+(?:[\s,.]+[\u0900-\u097f।]+)*|[^\u0900-\u097f।]+")


@dataclass(frozen=True)
class HandReceipt:
    name: str
    language: str
    image: bytes
    truth: dict[str, str]


def _font(size: int, bold: bool = False, devanagari: bool = False) -> ImageFont.FreeTypeFont:
    if devanagari:
        return ImageFont.truetype(str(_DEVANAGARI_BOLD if bold else _DEVANAGARI), size)
    return ImageFont.truetype(str(_BOLD if bold else _REGULAR), size)


class _Canvas:
    """A screen to draw on, with text that mixes Latin and Devanagari (each run in a font that has its letters)."""

    def __init__(self, width: int, height: int, background: str | tuple = "white"):
        self.image = Image.new("RGB", (width, height), background)
        self.draw = ImageDraw.Draw(self.image)
        self.width = width

    def _runs(self, text: str, size: int, bold: bool):
        for run in _SCRIPT_RUNS.findall(text):
            devanagari = "\u0900" <= run[0] <= "\u097f" or run[0] == "।"
            yield run, _font(size, bold, devanagari)

    def length(self, text: str, size: int, bold: bool = False) -> float:
        return sum(self.draw.textlength(run, font=font) for run, font in self._runs(text, size, bold))

    def text(self, x: float, y: float, text: str, size: int, fill="black", bold: bool = False, align: str = "left"):
        if align == "centre":
            x = (self.width - self.length(text, size, bold)) / 2
        elif align == "right":
            x = x - self.length(text, size, bold)
        for run, font in self._runs(text, size, bold):
            self.draw.text((x, y), run, fill=fill, font=font)
            x += self.draw.textlength(run, font=font)

    def wrapped(self, x: float, y: float, text: str, size: int, width: float, fill="black", gap: float = 1.45):
        """Text wrapped at `width` px, as a messaging app wraps a bubble; the y below it."""
        line = ""
        for word in text.split(" "):
            if line and self.length(f"{line} {word}", size) > width:
                self.text(x, y, line, size, fill)
                y, line = y + size * gap, word
            else:
                line = f"{line} {word}".strip()
        if line:
            self.text(x, y, line, size, fill)
            y += size * gap
        return y

    def status_bar(self, fill="black", background=None, clock: str = "9:41"):
        if background:
            self.draw.rectangle((0, 0, self.width, 56), fill=background)
        self.text(36, 12, clock, 26, fill, bold=True)
        self.text(self.width - 36, 12, "4G  82%", 24, fill, align="right")

    def tick(self, cx: float, cy: float, r: float, fill, ink="white"):
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        self.draw.line([(cx - r * 0.45, cy), (cx - r * 0.1, cy + r * 0.35), (cx + r * 0.5, cy - r * 0.35)],
                       fill=ink, width=max(3, round(r / 6)))  # fmt: skip

    def avatar(self, cx: float, cy: float, r: float, letter: str, fill, ink="white"):
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        font = _font(round(r), bold=True)
        self.draw.text((cx, cy), letter, fill=ink, font=font, anchor="mm")

    def rule(self, y: float, fill=(225, 225, 225), margin: int = 40):
        self.draw.line([(margin, y), (self.width - margin, y)], fill=fill, width=2)

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, "PNG", optimize=True)
        return out.getvalue()

    def jpeg(self, quality: int = 80) -> bytes:
        out = io.BytesIO()
        self.image.save(out, "JPEG", quality=quality)
        return out.getvalue()


def phonepe_style() -> HandReceipt:
    """A purple header "Transaction Successful" with its date, the payee's name above the UPI ID, the amount to
    the right, then "Transfer Details" with PhonePe's own transaction ID and, below, the bank's UTR."""
    c = _Canvas(1080, 1750, (242, 242, 247))
    purple = (95, 37, 159)
    c.status_bar("white", purple, "2:48")
    c.draw.rectangle((0, 56, 1080, 330), fill=purple)
    c.text(40, 90, "‹", 44, "white")
    c.tick(90, 230, 42, (255, 255, 255), purple)
    c.text(160, 180, "Transaction Successful", 44, "white", bold=True)
    c.text(160, 245, "02:47 pm on 21 Nov 2026", 30, (225, 210, 245))
    c.draw.rounded_rectangle((30, 360, 1050, 640), 18, fill="white")
    c.text(60, 390, "Paid to", 30, (110, 110, 110))
    c.avatar(110, 520, 48, "R", (230, 120, 60))
    c.text(190, 470, "Ramesh Kumar Traders", 36, bold=True)
    c.text(190, 525, "ramesh.traders42@ybl", 32, (90, 90, 90))
    c.text(1020, 480, "₹12,500", 44, bold=True, align="right")
    c.draw.rounded_rectangle((30, 670, 1050, 1180), 18, fill="white")
    c.text(60, 700, "Transfer Details", 34, bold=True)
    c.text(60, 780, "Transaction ID", 30, (110, 110, 110))
    c.text(60, 825, "T2611211447098765432109", 34)
    c.rule(905)
    c.text(60, 935, "Debited from", 30, (110, 110, 110))
    c.avatar(100, 1040, 34, "i", (180, 40, 40))
    c.text(160, 1005, "ICICI Bank  XXXXXXXX4321", 32)
    c.text(160, 1055, "UTR: 432187654321", 30, (90, 90, 90))
    c.text(1020, 1010, "₹12,500", 32, align="right")
    for i, label in enumerate(("Send Again", "View History", "Split Expense", "Share Receipt")):
        c.text(60 + i * 250, 1260, label, 24, purple)
    c.text(540, 1600, "Powered by  UPI", 26, (140, 140, 140), align="centre")
    return HandReceipt("phonepe_style", "en", c.png(), {
        "amount": "12500", "date": "2026-11-21", "time": "14:47", "transaction_id": "432187654321",
        "beneficiary_upi": "ramesh.traders42@ybl", "bank": "ICICI Bank",
    })  # fmt: skip


def gpay_style_dark() -> HandReceipt:
    """Google Pay's receipt in dark mode: an avatar, "To <name>", the amount centred large, "Completed" and the
    date, then a details card: "To", the UPI ID, "From" with the bank, "UPI transaction ID", Google's own ID."""
    c = _Canvas(1080, 1900, (32, 33, 36))
    grey, light = (154, 160, 166), (232, 234, 237)
    c.status_bar(light, clock="20:15")
    c.text(40, 90, "×", 40, light)
    c.avatar(540, 300, 70, "S", (138, 180, 248), (32, 33, 36))
    c.text(0, 400, "To Suresh Electricals", 36, light, align="centre")
    c.text(0, 470, "₹2,000", 96, light, align="centre")
    c.tick(450, 650, 24, (129, 201, 149), (32, 33, 36))
    c.text(490, 630, "Completed", 32, light)
    c.rule(720, (60, 64, 67))
    c.text(0, 740, "21 Nov 2026, 8:14 pm", 30, grey, align="centre")
    c.draw.rounded_rectangle((40, 840, 1040, 1520), 24, outline=(60, 64, 67), width=2)
    c.text(80, 880, "Google Pay", 30, light)
    y = 970
    for label, value in (("To: SURESH ELECTRICALS", "suresh.elec@okicici"),
                         ("From: ANITA SHARMA (State Bank of India)", "anita.s1990@oksbi"),
                         ("UPI transaction ID", "532612345678"),
                         ("Google transaction ID", "CICAgKDm9qXyZg")):  # fmt: skip
        c.text(80, y, label, 28, grey)
        c.text(80, y + 42, value, 30, light)
        y += 130
    c.text(0, 1600, "Payments may take up to 3 working days to be reflected in your account", 22, grey,
           align="centre")  # fmt: skip
    return HandReceipt("gpay_style_dark", "en", c.png(), {
        "amount": "2000", "date": "2026-11-21", "time": "20:14", "transaction_id": "532612345678",
        "beneficiary_upi": "suresh.elec@okicici", "bank": "State Bank of India",
    })  # fmt: skip


def paytm_style() -> HandReceipt:
    """Paytm's "Paid Successfully" on a light-blue band, the amount with a ₹ apart from it, "To" the payee's
    name and UPI ID, "From" the bank and its last four digits, "UPI Ref No" and the date."""
    c = _Canvas(720, 1280, "white")
    c.status_bar(clock="10:06")
    c.draw.rectangle((0, 56, 720, 420), fill=(224, 244, 255))
    c.text(0, 80, "paytm", 40, (0, 46, 110), bold=True, align="centre")
    c.tick(360, 200, 40, (33, 193, 122))
    c.text(0, 255, "Paid Successfully", 34, (0, 46, 110), bold=True, align="centre")
    c.text(0, 310, "₹ 4,999", 56, "black", bold=True, align="centre")
    c.text(40, 450, "To", 24, (120, 120, 120))
    c.text(40, 485, "Vikram Singh", 30, bold=True)
    c.text(40, 530, "UPI ID: vikram.s77@paytm", 24, (90, 90, 90))
    c.rule(590, margin=30)
    c.text(40, 610, "From", 24, (120, 120, 120))
    c.text(40, 645, "HDFC Bank - 5678", 28, bold=True)
    c.rule(705, margin=30)
    c.text(40, 725, "UPI Ref No: 632198765432", 26)
    c.text(40, 770, "22 Nov 2026, 10:05 AM", 24, (90, 90, 90))
    c.draw.rounded_rectangle((40, 860, 340, 930), 35, outline=(0, 186, 242), width=3)
    c.text(95, 875, "Check Balance", 24, (0, 120, 200))
    c.draw.rounded_rectangle((380, 860, 680, 930), 35, outline=(0, 186, 242), width=3)
    c.text(445, 875, "Share", 24, (0, 120, 200))
    return HandReceipt("paytm_style", "en", c.jpeg(85), {
        "amount": "4999", "date": "2026-11-22", "time": "10:05", "transaction_id": "632198765432",
        "beneficiary_upi": "vikram.s77@paytm", "bank": "HDFC Bank",
    })  # fmt: skip


def bhim_style() -> HandReceipt:
    """BHIM's orange-and-green receipt: "Transaction Successful", a label column and a value column
    (Amount, To, UPI ID, From, Date & Time with seconds, Transaction ID, Remarks)."""
    c = _Canvas(900, 1400, (250, 250, 250))
    c.status_bar(clock="16:43")
    c.draw.rectangle((0, 56, 900, 170), fill=(255, 255, 255))
    c.text(40, 85, "BHIM", 46, (240, 120, 30), bold=True)
    c.text(200, 100, "Bharat Interface for Money", 24, (20, 130, 60))
    c.draw.rectangle((0, 170, 900, 178), fill=(240, 120, 30))
    c.tick(450, 270, 50, (20, 150, 70))
    c.text(0, 340, "Transaction Successful", 38, (20, 150, 70), bold=True, align="centre")
    rows = (("Amount", "₹ 7,350.00"), ("To", "Kavita Rao"), ("UPI ID", "kavita.rao9@upi"),
            ("From", "Punjab National Bank XXXX8821"), ("Date & Time", "23/11/2026 16:42:10"),
            ("Transaction ID", "732845612390"), ("Remarks", "advance"))  # fmt: skip
    y = 450
    for label, value in rows:
        c.text(50, y, label, 28, (110, 110, 110))
        c.text(330, y, value, 28, bold=label == "Amount")
        y += 70
    c.rule(y + 10)
    c.text(0, y + 40, "Share  ·  Done", 28, (240, 120, 30), align="centre")
    return HandReceipt("bhim_style", "en", c.png(), {
        "amount": "7350", "date": "2026-11-23", "time": "16:42", "transaction_id": "732845612390",
        "beneficiary_upi": "kavita.rao9@upi", "bank": "Punjab National Bank",
    })  # fmt: skip


def _sms_screen(sender: str, body: str, stamp: str, day: str, language: str) -> _Canvas:
    c = _Canvas(1080, 1500, "white")
    c.status_bar(clock=stamp.split(" ")[0])
    c.draw.rectangle((0, 56, 1080, 190), fill=(245, 245, 245))
    c.text(40, 95, "‹", 44)
    c.avatar(150, 123, 40, sender[3], (26, 115, 232))
    c.text(215, 95, sender, 36, bold=True)
    c.text(0, 230, day, 26, (110, 110, 110), align="centre")
    width = 760
    top = 300
    bottom = c.wrapped(70, top + 30, body, 32 if language == "en" else 31, width, (32, 33, 36), gap=1.55)
    c.draw.rounded_rectangle((40, top, 40 + width + 60, bottom + 30), 36, fill=(233, 236, 239))
    c.wrapped(70, top + 30, body, 32 if language == "en" else 31, width, (32, 33, 36), gap=1.55)
    c.text(70, bottom + 45, stamp, 24, (110, 110, 110))
    c.draw.rounded_rectangle((30, 1380, 1050, 1470), 45, fill=(240, 240, 240))
    c.text(80, 1405, "Text message" if language == "en" else "संदेश", 30, (140, 140, 140))
    return c


def bank_sms_english() -> HandReceipt:
    """An Axis Bank debit SMS in a messaging app's grey bubble, its time under the bubble; the victim's own
    account (XX1234) is not the payee's."""
    body = ("Rs.25,000.00 debited from A/c XX1234 on 24-11-26 to VPA luckydraw.win@axl (UPI Ref 412345678901). "
            "Not you? SMS BLOCKUPI to 56161600 or call 1930 - Axis Bank")  # fmt: skip
    c = _sms_screen("AX-AXISBK", body, "11:32 PM", "Tuesday, 24 Nov", "en")
    return HandReceipt("bank_sms_english", "en", c.jpeg(80), {
        "amount": "25000", "date": "2026-11-24", "time": "23:32", "transaction_id": "412345678901",
        "beneficiary_upi": "luckydraw.win@axl", "bank": "Axis Bank",
    })  # fmt: skip


def bank_sms_hindi() -> HandReceipt:
    """A Canara Bank debit SMS in Hindi, in the bubble of a messaging app set to Hindi."""
    body = ("प्रिय ग्राहक, आपके खाते XX1234 से ₹25,000.00 डेबिट किए गए, दिनांक 25-11-26 समय 09:18, "
            "प्राप्तकर्ता prize.office7@ybl, यूपीआई संदर्भ 412345678901. यदि यह आपने नहीं किया तो 1930 पर कॉल करें। "
            "- केनरा बैंक")  # fmt: skip
    c = _sms_screen("CP-CANBNK", body, "9:18 AM", "बुधवार, 25 नव॰", "hi")
    return HandReceipt("bank_sms_hindi", "hi", c.jpeg(80), {
        "amount": "25000", "date": "2026-11-25", "time": "09:18", "transaction_id": "412345678901",
        "beneficiary_upi": "prize.office7@ybl", "bank": "Canara Bank",
    })  # fmt: skip


def netbanking_imps() -> HandReceipt:
    """A bank's net-banking page: an IMPS transfer's confirmation in a two-column table (beneficiary account and
    IFSC, amount, the RRN, the date and time), a desktop screenshot's width."""
    c = _Canvas(1366, 900, (244, 246, 249))
    red = (237, 28, 36)
    c.draw.rectangle((0, 0, 1366, 90), fill=(0, 48, 135))
    c.text(40, 22, "kotak  Kotak Mahindra Bank  |  Net Banking", 34, "white", bold=True)
    c.text(1326, 30, "Logout", 26, "white", align="right")
    c.draw.rectangle((0, 90, 1366, 96), fill=red)
    c.text(60, 130, "Fund Transfer  >  IMPS  >  Confirmation", 24, (90, 90, 90))
    c.draw.rectangle((60, 180, 1306, 860), fill="white", outline=(210, 214, 220), width=2)
    c.tick(110, 240, 28, (30, 150, 80))
    c.text(160, 218, "Your IMPS transaction is successful", 34, (30, 130, 70), bold=True)
    rows = (("Beneficiary Name", "Deepak Enterprises"), ("Beneficiary Account No", "918020045678123"),
            ("IFSC Code", "UTIB0001234"), ("Amount", "₹ 1,50,000.00"),
            ("IMPS Reference No (RRN)", "633012345678"), ("Transaction Date", "26-11-2026 11:20:45"),
            ("Debit Account", "XXXXXXXX5566"), ("Status", "Successful"))  # fmt: skip
    y = 300
    for i, (label, value) in enumerate(rows):
        if i % 2:
            c.draw.rectangle((61, y - 12, 1305, y + 50), fill=(248, 249, 251))
        c.text(100, y, label, 28, (80, 80, 80))
        c.text(640, y, value, 28, bold=label in ("Amount", "Status"))
        y += 64
    return HandReceipt("netbanking_imps", "en", c.png(), {
        "amount": "150000", "date": "2026-11-26", "time": "11:20", "transaction_id": "633012345678",
        "beneficiary_account": "918020045678123", "beneficiary_ifsc": "UTIB0001234", "bank": "Kotak Mahindra Bank",
    })  # fmt: skip


def _photographed(screen: Image.Image, rng: random.Random) -> bytes:
    """A phone's photo of another screen: seen a little from the side and turned, the screen's pixel grid
    beating with the camera's (moiré), a glare, soft focus, sensor noise, then a WhatsApp-grade JPEG."""
    w, h = screen.size
    frame = Image.new("RGB", (w + 240, h + 240), (40, 38, 36))
    frame.paste(screen, (120, 120))
    # Moiré: two slightly tilted sinusoidal gratings of different pitch, mixed into the screen's brightness.
    grating = Image.new("L", frame.size)
    px = grating.load()
    for y in range(frame.size[1]):
        for x in range(frame.size[0]):
            v = math.sin(0.9 * x + 0.12 * y) + math.sin(0.83 * x - 0.05 * y + 1.0)
            px[x, y] = round(128 + 30 * v)
    frame = Image.blend(frame, Image.merge("RGB", (grating,) * 3), 0.12)
    # The photo is taken a little from the left and from below: a perspective warp (the far side shorter).
    fw, fh = frame.size
    dx, dy = fw * 0.05, fh * 0.03
    quad = (dx, dy, 0, fh, fw, fh - dy * 0.5, fw - dx * 0.4, 0)  # source corners: top-left, bottom-left, ...
    frame = frame.transform(frame.size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC)
    frame = frame.rotate(rng.uniform(2.5, 3.5), expand=True, fillcolor=(40, 38, 36), resample=Image.Resampling.BICUBIC)
    glare = Image.new("L", frame.size, 0)
    ImageDraw.Draw(glare).ellipse((frame.size[0] * 0.55, -200, frame.size[0] * 1.2, frame.size[1] * 0.35), fill=70)
    frame = Image.composite(Image.new("RGB", frame.size, "white"), frame, glare.filter(ImageFilter.GaussianBlur(120)))
    frame = frame.filter(ImageFilter.GaussianBlur(1.1))
    noise = Image.frombytes("L", frame.size, rng.randbytes(frame.size[0] * frame.size[1]))
    frame = Image.blend(frame, Image.merge("RGB", (noise,) * 3), 0.06)
    frame = frame.resize((round(frame.size[0] * 0.8), round(frame.size[1] * 0.8)), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    frame.save(out, "JPEG", quality=55)
    return out.getvalue()


def photographed_hindi_app() -> HandReceipt:
    """A Hindi UPI app's receipt ("भुगतान सफल रहा", "को भुगतान किया", "लेन-देन आईडी") photographed off another
    phone's screen — how a victim sends a relative's payment."""
    c = _Canvas(1080, 1500, "white")
    c.status_bar(clock="18:06")
    c.draw.rectangle((0, 56, 1080, 300), fill=(0, 128, 96))
    c.tick(120, 180, 46, "white", (0, 128, 96))
    c.text(200, 120, "भुगतान सफल रहा", 48, "white", bold=True)
    c.text(200, 200, "27 Nov 2026, 6:05 PM", 32, (210, 240, 230))
    c.text(60, 350, "को भुगतान किया", 32, (100, 100, 100))
    c.text(60, 405, "Manoj Verma", 40, bold=True)
    c.text(60, 465, "manoj.verma55@okhdfcbank", 34, (70, 70, 70))
    c.text(0, 560, "₹9,800", 88, bold=True, align="centre")
    c.rule(720)
    c.text(60, 760, "लेन-देन आईडी", 30, (100, 100, 100))
    c.text(60, 805, "742019283746", 36)
    c.text(60, 890, "इससे डेबिट किया गया", 30, (100, 100, 100))
    c.text(60, 935, "Bank of Baroda  XXXX2211", 34)
    c.rule(1020)
    c.text(0, 1080, "रसीद साझा करें", 32, (0, 128, 96), align="centre")
    return HandReceipt("photographed_hindi_app", "hi", _photographed(c.image, random.Random(24)), {
        "amount": "9800", "date": "2026-11-27", "time": "18:05", "transaction_id": "742019283746",
        "beneficiary_upi": "manoj.verma55@okhdfcbank", "bank": "Bank of Baroda",
    })  # fmt: skip


def hand_built() -> list[HandReceipt]:
    """The eight hand-built receipts, drawn afresh (the same every time)."""
    return [phonepe_style(), gpay_style_dark(), paytm_style(), bhim_style(), bank_sms_english(), bank_sms_hindi(),
            netbanking_imps(), photographed_hindi_app()]  # fmt: skip
