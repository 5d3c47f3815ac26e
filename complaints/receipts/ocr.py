"""An image's text, offline: Tesseract (Debian's `tesseract-ocr` and its language packs) through pytesseract.

Images only (JPEG, PNG, WebP), at most `RECEIPT_MAX_BYTES`; decoded by Pillow, turned upright from the photo's
EXIF and, when Tesseract's orientation check is sure, from the text itself; greyscale, scaled so a line of text
is large enough to read, contrast stretched, thresholded. Each image's reading is bounded in time. Without
Tesseract (`ocr_available()` false) nothing is read and the bot simply asks.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from PIL import Image, ImageFilter, ImageOps, ImageStat, UnidentifiedImageError

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}
_LANGUAGES = {"en": "eng", "hi": "hin", "bn": "ben", "mr": "mar", "te": "tel", "ta": "tam"}
_TARGET_WIDTH = 1400  # px: phone screenshots are 720–1440 wide; smaller ones are scaled up to this


class NotAnImage(ValueError):
    """The file is not an image FraudSafe reads (type, size or content)."""


@cache
def ocr_available() -> bool:
    """Tesseract and pytesseract are both installed."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which(getattr(settings, "TESSERACT_CMD", "tesseract") or "tesseract") is not None


def languages_for(language: str) -> str:
    """Tesseract's languages for a citizen's language: English always, plus theirs ("eng+hin")."""
    own = _LANGUAGES.get(language or "en", "eng")
    return "eng" if own == "eng" else f"eng+{own}"


def prepared(data: bytes, *, content_type: str = "") -> Image.Image:
    """The image, checked and made easy to read: upright, greyscale, scaled, thresholded."""
    if content_type and content_type.split(";")[0].strip().lower() not in IMAGE_TYPES:
        raise NotAnImage(f"not an image type FraudSafe reads: {content_type}")
    if len(data) > settings.RECEIPT_MAX_BYTES:
        raise NotAnImage(f"image of {len(data)} bytes, over {settings.RECEIPT_MAX_BYTES}")
    try:
        image = Image.open(io.BytesIO(data))
        if image.format not in ("JPEG", "PNG", "WEBP"):
            raise NotAnImage(f"not an image format FraudSafe reads: {image.format}")
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise NotAnImage("not a readable image") from exc
    image = ImageOps.exif_transpose(image).convert("L")
    if image.width < _TARGET_WIDTH:
        scale = _TARGET_WIDTH / image.width
        image = image.resize((_TARGET_WIDTH, round(image.height * scale)), Image.Resampling.LANCZOS)
    if ImageStat.Stat(image).mean[0] < 110:  # a dark-mode screenshot: light text on dark
        image = ImageOps.invert(image)
    image = ImageOps.autocontrast(image, cutoff=1).filter(ImageFilter.MedianFilter(3))
    return image.point(lambda v: 255 if v > 150 else 0)


def _upright(image: Image.Image, timeout: float) -> Image.Image:
    """Turned by the quarter turns Tesseract's orientation check finds, when it is confident."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError):
        return image  # too little text to tell: read as it is
    angle = int(osd.get("rotate", 0))
    return image.rotate(-angle, expand=True, fillcolor=255) if angle and osd.get("orientation_conf", 0) > 2 else image


@contextmanager
def _single_threaded():
    """Tesseract run on one thread (OMP_THREAD_LIMIT=1, unless the operator set it): on 2 shared cores its OpenMP
    threads contend with each other and with the other work, and a reading takes a third longer (measured on
    generated receipts, interleaved: p50 1.71 s threaded, 1.32 s single). The worker's own environment is put back
    after, so that other libraries in the process keep their threads."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


def image_texts(data: bytes, *, language: str = "en", content_type: str = "") -> list[str]:
    """The readings of a receipt image: in the citizen's language (with English), then — outside English — in
    English alone, which reads the Latin words of a Hindi receipt (UPI IDs, bank names) better. [] when Tesseract
    is missing. Raises NotAnImage for what is not an image FraudSafe reads. Bounded by RECEIPT_OCR_SECONDS."""
    image = prepared(data, content_type=content_type)
    if not ocr_available():
        return []
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = settings.TESSERACT_CMD or "tesseract"
    started, budget = time.monotonic(), settings.RECEIPT_OCR_SECONDS
    texts = []
    with _single_threaded():
        image = _upright(image, timeout=budget / 3)
        for lang in dict.fromkeys([languages_for(language), "eng"]):
            left = budget - (time.monotonic() - started)
            if left <= 0.2:
                break
            try:
                texts.append(pytesseract.image_to_string(image, lang=lang, config="--psm 4", timeout=left))
            except RuntimeError:  # pytesseract's timeout: a reading that takes too long is no reading
                break
    return texts
