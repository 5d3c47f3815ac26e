"""Synthetic payment receipts for the tests and the bench, drawn with Pillow and the Noto fonts — never real
people's. Layouts like the common UPI apps (payment successful), bank SMS screenshots and net-banking
confirmations, in English and Hindi, with noise, blur, JPEG compression and a slight rotation.

`receipt_set(n)` gives `n` (JPEG bytes, language, truth) triples, the same for the same `seed`.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from statistics import NormalDist

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path("/usr/share/fonts/truetype/noto")
_LATIN, _LATIN_BOLD = FONTS / "NotoSans-Regular.ttf", FONTS / "NotoSans-Bold.ttf"
_DEVANAGARI = FONTS / "NotoSansDevanagari-Regular.ttf"
_HANDLES = ("ybl", "okaxis", "oksbi", "paytm", "okhdfcbank", "ibl", "axl")
_PAYEES = ("quickloan.help", "kyc.update", "refund.desk", "trade.king", "rewards.claim", "electricity.bill")
_BANKS = ("State Bank of India", "HDFC Bank", "ICICI Bank", "Axis Bank", "Punjab National Bank", "Canara Bank")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Sample:
    image: bytes
    language: str
    layout: str
    truth: dict[str, str]  # the fields as the bot would store them typed


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _truth(rng: random.Random) -> dict[str, str]:
    amount = rng.choice([rng.randrange(500, 9999), rng.randrange(10, 200) * 500, rng.randrange(1000, 199999)])
    when = date(2026, 11, 1) + timedelta(days=rng.randrange(0, 30))
    hour, minute = rng.randrange(0, 24), rng.randrange(0, 60)
    return {
        "amount": str(amount),
        "date": when.isoformat(),
        "time": f"{hour:02d}:{minute:02d}",
        "transaction_id": str(rng.randrange(3, 6)) + "".join(str(rng.randrange(10)) for _ in range(11)),
        "beneficiary_upi": f"{rng.choice(_PAYEES)}{rng.randrange(1, 99)}@{rng.choice(_HANDLES)}",
        "bank": rng.choice(_BANKS),
    }


def _grouped(amount: str) -> str:
    n = int(amount)
    head, tail = str(n)[:-3], str(n)[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join(([head] if head else []) + groups + [tail]) if n >= 1000 else str(n)


def _clock(t: str) -> str:
    hour, minute = map(int, t.split(":"))
    return f"{(hour % 12) or 12}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"


def _lines(layout: str, t: dict[str, str], language: str) -> list[tuple[str, int, bool]]:
    """(text, size, bold) lines of a layout."""
    d = date.fromisoformat(t["date"])
    words = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    ref = t["transaction_id"]
    if layout == "upi_app" and language == "hi":
        return [("भुगतान सफल", 40, False), (f"₹{_grouped(t['amount'])}", 64, True), ("को भुगतान", 28, False),
                (t["beneficiary_upi"], 30, False), (f"{words}, {_clock(t['time'])}", 26, False),
                (f"UPI संदर्भ संख्या: {ref}", 28, False), (f"से: {t['bank']}", 26, False)]  # fmt: skip
    if layout == "upi_app":
        return [("Payment successful", 40, True), (f"₹{_grouped(t['amount'])}", 64, True), ("Paid to", 26, False),
                (t["beneficiary_upi"], 30, False), (f"{words}, {_clock(t['time'])}", 26, False),
                (f"UPI Ref No: {ref[:4]} {ref[4:8]} {ref[8:]}", 28, False),
                (f"From: {t['bank']}", 26, False)]  # fmt: skip
    if layout == "bank_sms" and language == "hi":
        return [(f"{t['bank']}: आपके खाते से रु.{t['amount']}.00 {d:%d-%m-%y}", 26, False),
                (f"{t['time']} पर {t['beneficiary_upi']} को भेजे गए।", 26, False),
                (f"यूटीआर {ref}। यदि यह आपने नहीं किया तो 1930 पर कॉल करें।", 26, False)]  # fmt: skip
    if layout == "bank_sms":
        return [(f"Dear Customer, Rs.{t['amount']}.00 debited from A/c XX{ref[-4:]}", 26, False),
                (f"on {d:%d-%m-%y} {t['time']} to VPA {t['beneficiary_upi']}", 26, False),
                (f"(UPI Ref No {ref}). Not you? Call 1930. -{t['bank']}", 26, False)]  # fmt: skip
    return [("Transaction confirmation", 36, True), (f"Transaction ID: {ref}", 28, False),
            (f"Amount: INR {_grouped(t['amount'])}.00", 28, False),
            (f"Date: {d:%d/%m/%Y}  Time: {t['time']}", 26, False),
            (f"Payee UPI: {t['beneficiary_upi']}", 28, False), (f"Debit from: {t['bank']}", 26, False)]  # fmt: skip


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise around 128 drawn from `rng` (Pillow's effect_noise uses C's rand(), whose state depends on
    what ran before in the process, so the same seed would not give the same receipts)."""
    normal = NormalDist(128, sigma)
    levels = [max(0, min(255, round(normal.inv_cdf((u + 0.5) / 256)))) for u in range(256)]
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(levels)


def render(layout: str, truth: dict[str, str], language: str, rng: random.Random) -> bytes:
    """One receipt as a phone screenshot: drawn, then degraded as a forwarded JPEG would be."""
    lines = _lines(layout, truth, language)
    width, margin = rng.choice([720, 900, 1080]), 48
    height = margin * 2 + sum(int(size * 1.7) for _t, size, _b in lines) + 60
    dark = layout == "upi_app" and rng.random() < 0.2
    image = Image.new("L", (width, height), 30 if dark else rng.randrange(235, 256))
    draw, y = ImageDraw.Draw(image), margin
    ink = 230 if dark else rng.randrange(0, 60)
    for text, size, bold in lines:
        px = max(14, round(size * width / 1080 * 1.25))
        x = margin
        for run in re.findall(r"[\u0900-\u097f।]+(?:\s+[\u0900-\u097f।]+)*\s*|[^\u0900-\u097f।]+", text):
            devanagari = "\u0900" <= run[0] <= "\u097f" or run[0] == "।"
            font = _font(_DEVANAGARI if devanagari else (_LATIN_BOLD if bold else _LATIN), px)
            draw.text((x, y), run, fill=ink, font=font)  # each script in a font that has its letters
            x += draw.textlength(run, font=font)
        y += int(px * 1.45)
    image = image.rotate(rng.uniform(-2.0, 2.0), expand=True, fillcolor=30 if dark else 245)
    if rng.random() < 0.5:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    noise = _noise(image.size, rng.uniform(4, 14), rng)
    image = Image.blend(image, noise, 0.08)
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=rng.randrange(45, 80))
    return out.getvalue()


def receipt_set(n: int = 36, seed: int = 1930) -> list[Sample]:
    """`n` receipts: every layout in English and Hindi in turn, each with its own fields and degradations."""
    rng = random.Random(seed)
    kinds = [(layout, language) for layout in ("upi_app", "bank_sms", "netbanking") for language in ("en", "hi")]
    samples = []
    for i in range(n):
        layout, language = kinds[i % len(kinds)]
        if layout == "netbanking":
            language = "en"  # net banking confirmations are in English
        truth = _truth(rng)
        samples.append(Sample(render(layout, truth, language, rng), language, layout, truth))
    return samples
