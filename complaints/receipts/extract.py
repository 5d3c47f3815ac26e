"""The transaction in a receipt's text: layout-agnostic patterns and keywords, tolerant of OCR noise.

Each field is found by a label near a value ("UPI Ref No: 4123 4567 8901", "राशि ₹25,000", "Paid to
quickloan.help@ybl") or, for the amount and the UPI ID, by a shape alone ("₹25,000", "x@ybl"). OCR confuses
O/0, l/I/1 and splits numbers with spaces; digits are repaired only inside number-shaped runs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from fraudsafe.languages import normalise_digits

FIELDS = ("amount", "date", "time", "transaction_id", "beneficiary_upi", "beneficiary_account", "beneficiary_ifsc",
          "bank")  # fmt: skip

# A run that should be digits but came out of OCR with look-alike letters or spaces in it.
_DIGITISH = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                           "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9"})  # fmt: skip
_NUMBERISH = r"[0-9OoDQlI|iSsBZzg][0-9OoDQlI|iSsBZzg ]{6,22}[0-9OoDQlI|iSsBZzg]"

_REFERENCE_LABELS = (
    r"UPI\s*(?:Ref(?:erence)?\.?\s*(?:No\.?|Number|ID)?|transaction\s*ID|txn\s*ID)",
    r"UTR(?:\s*(?:No\.?|Number))?", r"Ref(?:erence)?\.?\s*(?:No\.?|Number)", r"RRN",
    r"Transaction\s*(?:[I1l]D|No\.?|Reference)",
    r"Txn\s*(?:ID|No\.?)", r"लेन-?देन\s*(?:आईडी|संख्या)", r"यूटीआर", r"UPI\s*संदर्भ\s*(?:संख्या|नं\.?)",
    r"यूपीआई\s*संदर्भ(?:\s*(?:संख्या|नं\.?))?",
    r"संदर्भ\s*संख्या",
    r"লেনদেন\s*আইডি", r"রেফারেন্স\s*নম্বর", r"व्यवहार\s*आयडी", r"లావాదేవీ\s*ఐడి", r"பரிவர்த்தனை\s*ஐடி",
)  # fmt: skip
_REFERENCE = re.compile(
    r"(?:" + "|".join(_REFERENCE_LABELS) + r")\s*[:#.\-]?\s*(?P<value>[A-Z0-9OoIl| ]{8,30})", re.IGNORECASE
)
_AMOUNT_LABELS = r"(?:Amount|Amt|Paid|Debited|Sent|राशि|रक्कम|টাকার\s*পরিমাণ|পরিমাণ|మొత్తం|தொகை|भुगतान|पेमेंट)"
_RUPEE = r"(?:₹|Rs\.?|INR|रु\.?|৳|\u20b9|Z|%|€)"  # OCR often reads ₹ as Z, % or €
# Grouped "1,83,774" or "25,000" (the last group is always three digits; OCR may put a space after a comma), or
# plain; never the head of a number cut short ("₹1,83, / /4" is not ₹183).
_MONEY = r"(?P<value>\d{1,3}(?:,\s?\d{2,3})*,\s?\d{3}(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?![\d,])"
_AMOUNT_WITH_SIGN = re.compile(_RUPEE + r"\s?" + _MONEY)
_AMOUNT_WITH_LABEL = re.compile(_AMOUNT_LABELS + r"[^\d\n]{0,12}" + _MONEY, re.IGNORECASE)
# Common UPI handles: a handle OCR misread by a letter ("@axi" for "@axl") is put right when it is close to one.
UPI_HANDLES = (
    "ybl", "ibl", "axl", "okaxis", "oksbi", "okhdfcbank", "okicici", "paytm", "ptyes", "ptaxis", "pthdfc", "ptsbi",
    "apl", "yapl", "upi", "sbi", "icici", "hdfcbank", "axisbank", "kotak", "kmbl", "barodampay", "pnb", "cnrb",
    "freecharge", "jio", "airtel", "fbl", "ikwik", "waicici", "wahdfcbank", "wasbi", "naviaxis", "superyes", "slc",
    "idfcfirst", "indus", "aubank", "federal", "rbl", "yesbank", "unionbank", "mahb", "boi", "centralbank",
)  # fmt: skip
# A bank SMS: "debited … 8600.00", "खाते से रु.8600.00" — the ₹ or Rs before it may be misread.
# OCR reads "रु." as a digit ("8 ", "3."), "से" as "4", the paise point as a space, and puts a space after a 1
# ("& 1 39335.00" is 1,39,335): the number may start with "1 ", and a digit before it is a misread sign. The
# account may stand between खाते and से, masked ("आपके खाते XX1234 से ₹25,000.00 डेबिट").
_DEBITED = re.compile(
    r"(?:debited|खाते(?:\s*[Xx*]{2,}\s?\d{3,6})?(?:\s*से)?|from\s*A/c)[^\n\d]{0,6}(?:\d[,.]?\s?)??[^\n\d]{0,3}"
    r"(?P<value>(?:1\s)?\d[\d,]*)[.\s](?P<paise>\d{2})\b",
    re.IGNORECASE,
)
_UPI_LINE = re.compile(r"^[A-Za-z0-9._\- ]{3,70}@ ?[A-Za-z0-9 ]{2,30}$")
_UPI = re.compile(r"(?P<value>[a-zA-Z0-9][a-zA-Z0-9._-]{0,60}@[a-zA-Z][a-zA-Z0-9]{1,30})(?![a-zA-Z0-9]*\.[a-zA-Z])")
_IFSC = re.compile(r"\b(?P<value>[A-Z]{4}[0O][A-Z0-9]{6})\b")
_ACCOUNT = re.compile(
    r"(?:A/?c(?:count)?(?:\s*No\.?)?|Account\s*number|Beneficiary\s*account|खाता(?:\s*संख्या)?|खाते)\s*[:#.\-]?\s*"
    r"(?P<value>[0-9][0-9OoIl]*(?: ?[0-9][0-9OoIl]*)*)",
    re.IGNORECASE,
)
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"))}  # fmt: skip
_DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{2,4})\b")
_DATE_WORDS = re.compile(r"\b(?P<d>\d{1,2})\s*(?P<m>[A-Za-z]{3})[a-z]*,?\s*(?P<y>\d{4})\b")
_TIME = re.compile(r"\b(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?")
_BANKS = (
    ("State Bank of India", r"State\s*Bank\s*of\s*India|\bSBI\b|भारतीय\s*स्टेट\s*बैंक"),
    ("HDFC Bank", r"\bHDFC\b|एचडीएफसी"), ("ICICI Bank", r"(?<![A-Za-z])[I1l|\[]CICI\b|आईसीआईसीआई"),
    ("Axis Bank", r"\bAxis\b|एक्सिस\s*बैंक"), ("Kotak Mahindra Bank", r"\bKotak\b|कोटक"),
    ("Punjab National Bank", r"Punjab\s*National|\bPNB\b|पंजाब\s*न[ेै]शनल|पीएनबी"),
    ("Bank of Baroda", r"Bank\s*of\s*Baroda|\bBoB\b|बैंक\s*ऑफ़?\s*बड़ौदा"), ("Canara Bank", r"\bCanara\b|केनरा"),
    ("Union Bank of India", r"Union\s*Bank|यूनियन\s*बैंक"),
    ("Yes Bank", r"\bYes\s*Bank\b|यस\s*बैंक"), ("IndusInd Bank", r"IndusInd|इंडसइंड"),
    ("Indian Bank", r"\bIndian\s*Bank\b|इंडियन\s*बैंक"),
)  # fmt: skip


@dataclass
class Reading:
    """What was read: each found field's value (as the bot's validator would take it typed) and the text."""

    values: dict[str, str] = field(default_factory=dict)
    text: str = ""

    @property
    def found(self) -> bool:
        return bool({"amount", "transaction_id", "beneficiary_upi"} & self.values.keys())


def _digits(raw: str) -> str:
    return raw.translate(_DIGITISH).replace(" ", "")


_INDIAN_GROUPED = r"\d{1,2}(?:,\d{2})*,\d{3}(?:\.\d{1,2})?"
_AFTER_MISREAD_RUPEE = re.compile(  # २ then Latin digits (grouped, or under 1,000)
    r"२\s?([0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}(?:\.[0-9]{1,2})?|[0-9]{1,3})"
)
# A short misread sign ("रें", "~", "&") then the grouped amount; under 1,000 only after a rupee look-alike.
_AFTER_RUPEE_LIKE = re.compile(
    r"[^\d२]{1,3}\s?(" + _INDIAN_GROUPED + r")|2\s?(" + _INDIAN_GROUPED + r")|(?:[₹~%€&]|रु\.?|रे)\s?([0-9]{1,3})"
)


def _rupees(raw: str) -> str:
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return ""
    if value <= 0:
        return ""
    return f"{value:.2f}" if value != value.to_integral() else str(int(value))


def _amount(text: str, raw: str) -> str:
    text = re.sub(r"(\d{4,}),(\d{2})\b", r"\1.\2", text)  # "20108,00": a comma read for the paise point
    for pattern in (_AMOUNT_WITH_SIGN, _DEBITED, _AMOUNT_WITH_LABEL):
        for match in pattern.finditer(text):
            paise = match.groupdict().get("paise")
            if value := _rupees(match.group("value").replace(" ", "") + (f".{paise}" if paise else "")):
                return value
    # The big amount line of a UPI app ("₹18,500"), its ₹ lost or misread as a digit ("२18,500", "218,500").
    for line in raw.splitlines():
        line = line.strip()
        if (match := _AFTER_MISREAD_RUPEE.fullmatch(line)) and (value := _rupees(match.group(1))):
            return value  # a Devanagari २ before Latin digits is a misread ₹, never part of the number
        if re.fullmatch(_INDIAN_GROUPED, normalise_digits(line)):
            return _rupees(normalise_digits(line))
        match = _AFTER_RUPEE_LIKE.fullmatch(line)
        if match and (value := _rupees(match.group(1) or match.group(2) or match.group(3))):
            return value
    return ""


def _reference(text: str) -> str:
    """The labelled 12-digit UPI reference / UTR / RRN (what a bank traces), before an app's own labelled ID
    (PhonePe's "Transaction ID T2611…" above its "UTR"), before a bare 12-digit number."""
    app_id = ""
    for match in _REFERENCE.finditer(text):
        raw = match.group("value").strip()
        token = raw.split("  ")[0].strip()
        digits = _digits(token)
        if re.fullmatch(r"\d{12}1", digits):  # a danda (।) after the number read as a 1
            digits = digits[:12]
        if re.fullmatch(r"\d{12}", digits):  # a UPI reference / UTR: 12 digits, look-alikes repaired
            return digits
        compact = token.replace(" ", "").upper()
        if re.fullmatch(r"[A-Z0-9]{8,30}", compact) and re.search(r"\d", compact):
            app_id = app_id or compact
    if app_id:
        return app_id
    spaced = re.search(r"(?<![\d@])(\d{4}\s?\d{4}\s?\d{4})(?![\d@])", text)  # a bare 12-digit number
    return spaced.group(1).replace(" ", "") if spaced else ""


def _look_alikes(handle: str) -> list[str]:
    return [handle[:i] + "l" + handle[i + 1 :] for i, c in enumerate(handle) if c in "i1"]


# Apps show a UPI ID in lower case, so a capital in a lower-case ID is OCR's: a 5 read as S ("claimS2@paytm"), a 2
# as Z, a 0 as O, an 8 as B, a 6 as G; an I between letters is an l.
_CAPITAL_DIGITS = {"S": "5", "Z": "2", "O": "0", "B": "8", "G": "6"}
# A word before an ID that is a label, not the ID's head cut off by a space OCR put in it.
_UPI_LEAD_WORDS = {"to", "vpa", "upi", "id", "paid", "payee", "sent", "from", "by", "on", "at", "a/c", "ac"}
# A glyph glued before an ID: an l, 1 or I misread ("bill]29@axl"), a dot read as ";": the head is lost or garbled.
_UPI_JUNK_BEFORE = "]|[}{!/\\,;'`"


def _lower_case_id(name: str) -> str | None:
    """The ID's name part in lower case, capitals OCR put in it repaired; None when the repair is unsure.

    A capital beside the digit it stands for is that digit read twice ("bill2Z4", "bill5S2", "6S5S"): it goes. A
    capital I beside a digit may be an l or a 1 ("bilI35" is bill35, "deskS9I" desk59), a small g, o, s, c, b, z, l
    or i after a digit may be a digit ("bill2g" is bill29): unsure, and so are more than two repairs."""
    if not re.search(r"[a-z]", name):
        return name.lower()  # an ID read all in capitals: nothing tells a letter from a digit
    out, repairs = [], 0
    for i, c in enumerate(name):
        before, after = name[i - 1 : i], name[i + 1 : i + 2]
        if c in _CAPITAL_DIGITS:
            if _CAPITAL_DIGITS[c] not in (before, after):
                out.append(_CAPITAL_DIGITS[c])
            repairs += 1
        elif c == "I":
            if before.isdigit() or after.isdigit():
                return None
            out.append("l")
            repairs += 1
        elif c in "goscbzli" and before.isdigit() and (not after or after.isdigit()):
            return None
        else:
            out.append(c.lower())
    return "".join(out) if repairs <= 2 else None


def _joined_head(line: str, start: int) -> tuple[str, bool]:
    """The part of an ID cut off before `start` by a space OCR read in it ("kyc.u pdate30@okaxis", "trad
    e.king3@ybl", "rewards.claim1 3@paytm", "bill1 S@ybl", "electricity. bill65@ybl"), and whether the ID's start
    is sure."""
    before = line[:start]
    if before and before[-1] in _UPI_JUNK_BEFORE:
        return "", False
    head = ""
    for _ in range(2):
        match = re.search(r"(?:^|\s)([a-z0-9][a-z0-9._-]*) $", before)
        if not match:
            return head, True  # a start of the line, a capital, another script, a time: the ID starts here
        word, rest = match.group(1), head or line[start:]
        if word.rstrip(".:") in _UPI_LEAD_WORDS and not word.endswith("."):
            return head, True
        split_number = word[-1].isdigit() and (rest[:1].isdigit() or rest[:1] in _CAPITAL_DIGITS)
        split_word = re.match(r"[a-z]{1,2}\.", rest)  # a word's last letters before the dot: "trad e.king3"
        if "." not in word and not split_number and not split_word:
            return "", False  # "trade king10@okaxis": a dot read as a space, or a word before the ID; unsure
        head, before = word + head, before[: match.start(1)]
    return head, True


_UPI_LABEL_HEAD = re.compile(r"^\s*(?:UPI\s*ID|VPA|Payee\s*UPI(?:\s*ID)?|Paid\s*to|To)\s*[:\-]?\s+", re.IGNORECASE)


def _id_line_closed(line: str) -> str:
    label = m.group(0) if (m := _UPI_LABEL_HEAD.match(line)) else ""
    rest = line[len(label) :]
    return label + rest.replace(" ", "") if _UPI_LINE.match(rest.strip()) else line


def _upi(text: str) -> str:
    # A line that holds only a UPI ID loses the spaces OCR put in it ("claim1 3@okaxis", "help91 @ibl").
    # A label before it ("UPI ID kavita.rao9@upi") is not the ID's head.
    lines = [_id_line_closed(line) for line in text.splitlines()]
    lines = [re.sub(r"(?<=\w)\s+@\s*|@\s+", "@", line) for line in lines]
    lines = [re.sub(r"(@[a-zA-Z]{1,20})!", r"\1l", line) for line in lines]  # "@ib!": an l read as !
    lines = [re.sub(r"(?<=[a-z0-9]),(?=[a-z0-9][a-z0-9._-]*@)", ".", line) for line in lines]  # "refund,desk23@"
    for line in lines:
        for match in _UPI.finditer(line):
            value = match.group("value").strip("._-")
            if re.search(r"\.(com|in|org|net)$", value, re.IGNORECASE):  # an e-mail address is not a UPI ID
                continue
            head, sure = _joined_head(line, match.start("value"))
            name, _at, handle = value.partition("@")
            name = _lower_case_id(head + name) if sure else None
            if not name or len(name) < 2:
                return ""  # an ID read unsure is no reading: another reading of the image may have it right
            handle = handle.replace("I", "l").lower()  # a capital I in a handle is an l
            if handle not in UPI_HANDLES:  # an l read as i or 1 ("@ibi" is @ibl, not @sbi)
                handle = next((h for h in _look_alikes(handle) if h in UPI_HANDLES), handle)
            if handle not in UPI_HANDLES and (
                close := difflib.get_close_matches(handle, UPI_HANDLES, n=1, cutoff=0.66)
            ):
                handle = close[0]
            return f"{name}@{handle}"
    return ""


def _date(text: str, today: date) -> str:
    for match in _DATE_WORDS.finditer(text):
        month = _MONTHS.get(match.group("m")[:3].lower())
        if month:
            try:
                return date(int(match.group("y")), month, int(match.group("d"))).isoformat()
            except ValueError:
                continue
    for match in _DATE_NUMERIC.finditer(text):
        year = int(match.group("y"))
        year += 2000 if year < 100 else 0
        try:
            found = date(year, int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        if found <= today:
            return found.isoformat()
    return ""


def _time(text: str) -> str:
    """The time beside a date ("21 Nov 2026, 8:14 pm") before one with am/pm ("11:32 PM" under an SMS) before
    any other: a screenshot's status bar shows the clock at the top ("20:15"), which is not the payment's."""
    dates = [m.span() for pattern in (_DATE_WORDS, _DATE_NUMERIC) for m in pattern.finditer(text)]
    dated_lines = {text.count("\n", 0, start) for start, _end in dates}
    found = []
    for match in _TIME.finditer(text):
        if any(start <= match.start() < end for start, end in dates):
            continue  # "23.11" of "23.11.2026"
        hour, minute = int(match.group("h")), int(match.group("mi"))
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            found.append((text.count("\n", 0, match.start()) in dated_lines, bool(ampm), time(hour, minute)))
    best = next((f for f in found if f[0]), None) or next((f for f in found if f[1]), None) or next(iter(found), None)
    return best[2].strftime("%H:%M") if best else ""


def receipt_fields_merged(texts: list[str], *, today: date | None = None) -> Reading:
    """The fields of several readings of one image (in the citizen's language, then in English): each field
    from the first reading that has it."""
    values: dict[str, str] = {}
    for text in texts:
        for name, value in receipt_fields(text, today=today).values.items():
            values.setdefault(name, value)
    return Reading(values=values, text="\n".join(texts))


def receipt_fields(text: str, *, today: date | None = None) -> Reading:
    """The transaction fields found in `text` (OCR output or a pasted SMS)."""
    clean = normalise_digits(text or "").replace("\u00a0", " ")
    today = today or datetime.now().date()
    values = {
        "amount": _amount(clean, text or ""),
        "date": _date(clean, today),
        "time": _time(clean),
        "transaction_id": _reference(clean),
        "beneficiary_upi": _upi(clean),
        "beneficiary_ifsc": (m.group("value").replace("O", "0", 1) if (m := _IFSC.search(clean)) else ""),
        "beneficiary_account": (_digits(m.group("value")) if (m := _ACCOUNT.search(clean)) else ""),
        "bank": next((name for name, pattern in _BANKS if re.search(pattern, clean, re.IGNORECASE)), ""),
    }
    if values["beneficiary_account"] and not re.fullmatch(r"\d{9,18}", values["beneficiary_account"]):
        values["beneficiary_account"] = ""
    return Reading(values={k: v for k, v in values.items() if v}, text=text or "")
