"""India's districts, one canonical name each, with common aliases and old names ("Bangalore" → "Bengaluru
Urban", "Gurgaon" → "Gurugram"); and the PIN code check.

The one owner of district names: the bot (suggests the canonical name and asks when unsure), the complaint,
the CSV and legacy importers, the pattern reports and the alert audiences all go through here, so
"Bangalore" and "Bengaluru Urban" count as one district everywhere.

Data: `fraudsafe/data/districts.csv` (see fraudsafe/data/README.md for its source). PIN codes are checked with the
offline PIN directory of the `indian-pincode` package when it is installed; without it every check answers
"unknown" and nothing is refused.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from indic_transliteration import sanscript

from fraudsafe.languages import detect_script

DATA_FILE = Path(__file__).resolve().parent / "data" / "districts.csv"
_SUFFIX = re.compile(r"\s+(?:district|dist|distt|zila|zilla|jilla)$")
CLOSE_MATCH_CUTOFF = 0.82
SOUND_MARGIN = 0.15  # how much more alike the best of several same-sounding districts must be spelt to be sure
SOUND_SURE = 0.85  # how alike a lone same-sounding district must be spelt to be noted without asking
# The PIN directory's own names are aliases too, except bare compass names (Delhi's "SOUTH", Sikkim's "EAST
# DISTRICT"): "south" alone names no district.
_COMPASS = {"north", "south", "east", "west", "central", "middle", "district"}


@dataclass(frozen=True)
class District:
    name: str
    state: str
    pin_directory_name: str
    aliases: tuple[str, ...] = ()
    native_names: tuple[str, ...] = ()  # in the state's own script: কলকাতা, హైదరాబాద్, ठाणे

    @property
    def label(self) -> str:
        """ "Pune, Maharashtra" (names that already say their state stay as they are)."""
        return self.name if f"({self.state})" in self.name else f"{self.name}, {self.state}"


@dataclass(frozen=True)
class DistrictMatch:
    """What a typed district name is: `name` when sure (canonical or a known alias), else `candidates`."""

    typed: str
    kind: str  # "canonical" | "alias" | "ambiguous" (an alias of several) | "close" (spelling) | "unknown" | "empty"
    name: str = ""
    candidates: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sure(self) -> bool:
        return self.kind in ("canonical", "alias")


def key(text: str) -> str:
    """The comparison form of a name: lower case, no accents or punctuation, "&" as "and", no trailing "district"."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[.,'()\-_/]", " ", text)
    text = " ".join(text.split())
    return _SUFFIX.sub("", text)


# "District" in the scripts, after a name: ठाणे जिला, হাওড়া জেলা, గుంటూరు జిల్లా, சேலம் மாவட்டம்.
_NATIVE_SUFFIX = re.compile(r"\s+(?:जिला|ज़िला|जिल्हा|জেলা|জিলা|జిల్లా|மாவட்டம்)$")


def native_key(text: str) -> str:
    """The comparison form of a name in an Indian script: composed, joiners and punctuation gone, the script's
    digits as 0-9 (উত্তর ২৪ পরগণা), no trailing word for "district"."""
    text = unicodedata.normalize("NFC", str(text or "")).replace("\u200c", "").replace("\u200d", "")
    text = "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)
    text = " ".join(re.sub(r"[.,'()\-_/|]", " ", text).split())
    return _NATIVE_SUFFIX.sub("", text)


@cache
def _table() -> tuple[dict[str, District], dict[str, str], dict[str, tuple[str, ...]], dict[tuple[str, str], str]]:
    """(by canonical name, canonical key → name, alias key → names, (state, PIN-directory name) → name)."""
    by_name: dict[str, District] = {}
    canonical: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    by_pin_name: dict[tuple[str, str], str] = {}
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            names = tuple(a for a in row["aliases"].split("|") if a)
            native = tuple(n for n in (row.get("native_names") or "").split("|") if n)
            district = District(row["district"], row["state"], row["pin_directory_name"], names, native)
            by_name[district.name] = district
            canonical[key(district.name)] = district.name
            by_pin_name[(key(district.state), key(district.pin_directory_name))] = district.name
            pin_alias = (
                () if set(key(district.pin_directory_name).split()) <= _COMPASS else (district.pin_directory_name,)
            )
            for alias in (*names, *pin_alias):
                aliases.setdefault(key(alias), [])
                if district.name not in aliases[key(alias)]:
                    aliases[key(alias)].append(district.name)
    return by_name, canonical, {k: tuple(v) for k, v in aliases.items()}, by_pin_name


@cache
def _by_native() -> dict[str, tuple[str, ...]]:
    """Native key → the districts that native name belongs to."""
    found: dict[str, list[str]] = {}
    for name, district in _table()[0].items():
        for native in district.native_names:
            names = found.setdefault(native_key(native), [])
            if name not in names:
                names.append(name)
    return {k: tuple(v) for k, v in found.items() if k}


def districts() -> list[District]:
    """Every district, by state then name."""
    return sorted(_table()[0].values(), key=lambda d: (d.state, d.name))


def district_get(name: str) -> District | None:
    return _table()[0].get(name)


_SCHEMES = {
    "Devanagari": sanscript.DEVANAGARI,
    "Bengali": sanscript.BENGALI,
    "Telugu": sanscript.TELUGU,
    "Tamil": sanscript.TAMIL,
}


def _latin_key(typed: str) -> str:
    """A name typed in an Indian script, transliterated to Latin letters and keyed ("पुणे" → "pune"): how a
    district written in the citizen's own script can still be found in the (English) list."""
    scheme = _SCHEMES.get(detect_script(typed) or "")
    if not scheme:
        return ""
    typed = " ".join(_NATIVE_WORDS.get(word, word) for word in native_key(typed).split())
    typed = typed.translate(_FLAPS)
    for flap, r in _FLAP_PAIRS:
        typed = typed.replace(flap, r)
    latin = unicodedata.normalize("NFC", sanscript.transliterate(typed, scheme, sanscript.IAST))
    if scheme == sanscript.TELUGU:  # Telugu's ం ends a word as an m (ఖమ్మం is Khammam)
        latin = re.sub(r"[ṃṁ](?!\S)", "m", latin)
    if scheme == sanscript.BENGALI:  # ব is a b (আহমেদাবাদ, বর্ধমান); the transliteration writes v
        latin = latin.replace("v", "b")
    if scheme != sanscript.TAMIL:  # the anusvara and chandrabindu are nasals: मुंबई, বাঁকুড়া (Bankura)
        latin = re.sub(r"[ṃṁ~]|\u0303", "n", latin)
    return key(latin)


# A name as it sounds, for names typed in an Indian script: the script's vowels, vowel length and inherent "a"
# (কলকাতা → "kalakata" for Kolkata), aspiration, voicing (Tamil writes க for k and g) and c/s/ś differ between
# a transliteration and the English spelling, so they are folded away; the consonant skeleton remains.
_ENGLISH_FOLD = [
    (re.compile(r"ck|c(?=[aou])"), "k"),  # English hard c: Cuttack, Coimbatore (ch stays: Chennai)
    (re.compile(r"aon\b"), "av"),  # Jalgaon is जळगाव
]
# A transliteration's own spellings of those sounds: जलगांव "jalaganva" and বেলগাঁও "belagano" end in "gav";
# Tamil writes "ai" as எய் (ஜெய்ப்பூர் "jeyppur" is Jaipur).
# A v between vowels is often the English w: हावड़ा "havara" is Howrah.
_NATIVE_FOLD = [
    (re.compile(r"an(?:va|o)\b"), "av"),
    (re.compile(r"ey"), "ai"),
    (re.compile(r"(?<=[aeiou])v(?=[aeiou])"), "u"),
]
_FOLD = [
    (re.compile(r"([kgcjtdpb])h"), r"\1"),  # aspiration: kh, gh, ch, jh, th, dh, ph, bh
    (re.compile(r"sh|zh"), "s"),
    (re.compile(r"m(?=[^aeiou])"), "n"),  # the nasal before a consonant: बंगलौर → "bamgalaura" as Bangalore
    (re.compile(r"ng"), "n"),
    (re.compile(r"(?<=.)h"), ""),  # a breath inside a word (Howrah, Allahabad) is often not written
    (re.compile(r"(?<=[aeiou])w"), "u"),  # "ow" of Howrah and Lucknow is a vowel
    (re.compile(r"[vw]"), "b"),  # Bengali ব is b and v: বর্ধমান reads "vardhamana" for Bardhaman
    (re.compile(r"f"), "p"),  # मुजफ्फरपुर writes the f of Muzaffarpur as ph
    (re.compile(r"[qx]"), "k"),
    (re.compile(r"z"), "j"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
]
# Tamil writes one letter for k/g, t/d, p/b and ch/s/j: சேலம் is Salem, மதுரை Madurai, கடலூர் Cuddalore.
_TAMIL_FOLD = [(re.compile(r"g"), "k"), (re.compile(r"d"), "t"), (re.compile(r"b"), "p"), (re.compile(r"[jc]"), "s")]
_SKELETON = [
    (re.compile(r"^[aeiouy]+"), "a"),  # a first vowel of any kind: इलाहाबाद "ilahabad" is Allahabad
    (re.compile(r"(?<=.)[aeiouy]+"), ""),  # vowels after the first letter
    (re.compile(r"(.)\1+"), r"\1"),
]
# Flapped ড়/ঢ় and ड़/ढ़ sound as an r (হাওড়া is Howrah); the transliteration would read them as d.
_FLAPS = str.maketrans({"\u09dc": "\u09b0", "\u09dd": "\u09b0", "\u095c": "\u0930", "\u095d": "\u0930"})
_FLAP_PAIRS = (  # the same letters written as a letter and a nukta
    ("\u09a1\u09bc", "\u09b0"),
    ("\u09a2\u09bc", "\u09b0"),
    ("\u0921\u093c", "\u0930"),
    ("\u0922\u093c", "\u0930"),
)


# Words of a name that are translated, not transliterated: উত্তর ২৪ পরগণা is North 24 Parganas, తూర్పు గోదావరి
# East Godavari, मुंबई उपनगर Mumbai Suburban. Such a word is put first on both sides ("Medinipur East" is "Purba
# Medinipur"), then compared by sound like the rest.
_PLACE_WORDS = {
    "north": "उत्तर उत्तरी উত্তর ఉత్తర வடக்கு uttar uttara northern",
    "south": "दक्षिण दक्षिणी দক্ষিণ దక్షిణ தெற்கு dakshin dakshina southern",
    "east": "पूर्व पूर्वी পূর্ব తూర్పు கிழக்கு purba purbi purva poorva eastern",
    "west": "पश्चिम पश्चिमी পশ্চিম పశ్చిమ மேற்கு paschim pashchim paschimi western",
    "central": "मध्य মধ্য మధ్య மத்திய madhya",
    "urban": "शहरी शहर শহর అర్బన్ నగరం நகர்ப்புறம் நகரம் city",
    "suburban": "उपनगर উপনগর শহরতলি సబర్బన్ புறநகர்",
    "rural": "ग्रामीण গ্রামীণ గ్రామీణ రూరల్ கிராமப்புறம்",
}
_NATIVE_WORDS = {w: english for english, words in _PLACE_WORDS.items() for w in words.split() if not w.isascii()}
_ENGLISH_WORDS = {word: english for english, words in _PLACE_WORDS.items() for word in [english, *words.split()]}


def _folded(latin: str, tamil: bool = False, native: bool = False) -> str:
    """A name with what spellings of one sound disagree on folded away (vowels kept). `native`: a transliteration
    (its c is always the ch of Chennai), not an English spelling."""
    words = [_ENGLISH_WORDS.get(word, word) for word in key(latin).split()]
    text = "".join([w for w in words if w in _PLACE_WORDS] + [w for w in words if w not in _PLACE_WORDS])
    for pattern, replacement in (_NATIVE_FOLD if native else _ENGLISH_FOLD) + _FOLD + (_TAMIL_FOLD if tamil else []):
        text = pattern.sub(replacement, text)
    return text


def sound_key(latin: str, tamil: bool = False, native: bool = False) -> str:
    """The consonant skeleton of a name: "Kolkata" and a transliterated কলকাতা "kalakata" → "klkt"; "Hyderabad"
    and "haidarabad" → "hdrbd"."""
    text = _folded(latin, tamil, native)
    for pattern, replacement in _SKELETON:
        text = pattern.sub(replacement, text)
    return text


@cache
def _by_sound(tamil: bool) -> dict[str, tuple[str, ...]]:
    """Sound key → the districts whose canonical name or alias sounds so."""
    found: dict[str, list[str]] = {}
    for name, district in _table()[0].items():
        for spelling in (name, *district.aliases):
            names = found.setdefault(sound_key(spelling, tamil), [])
            if name not in names:
                names.append(name)
    return {k: tuple(v) for k, v in found.items() if k}


# A name typed in a state's own script most likely names a district of that state (కర్నూలు: Kurnool, not Karnal).
_HOME_STATES = {
    "Bengali": {"West Bengal", "Tripura", "Assam"},
    "Telugu": {"Andhra Pradesh", "Telangana"},
    "Tamil": {"Tamil Nadu", "Puducherry"},
}


def _sounds_like(latin_key: str, script: str) -> tuple[tuple[str, ...], float]:
    """Districts a transliterated name sounds like, the likeliest first: of the script's own states, then spelt most
    alike. Only that one when it is clearly likelier (কলকাতা is Kolkata, not Golaghat); and how alike it is, 0..1."""
    tamil, home = script == "Tamil", _HOME_STATES.get(script, set())
    by_name, typed = _table()[0], _folded(latin_key, tamil, native=True)

    def likeness(name: str) -> float:
        spellings = (name, *by_name[name].aliases)
        return max(difflib.SequenceMatcher(None, typed, _folded(s, tamil)).ratio() for s in spellings)

    def rank(name: str) -> tuple[bool, float]:
        return by_name[name].state in home, likeness(name)

    ranked = sorted(_by_sound(tamil).get(sound_key(latin_key, tamil, native=True), ()), key=rank, reverse=True)
    if len(ranked) > 1:
        (home_1, like_1), (home_2, like_2) = rank(ranked[0]), rank(ranked[1])
        if (home_1 > home_2 and like_2 - like_1 < SOUND_MARGIN) or like_1 - like_2 >= SOUND_MARGIN:
            ranked = ranked[:1]
    return tuple(ranked), (likeness(ranked[0]) if ranked else 0.0)


def district_lookup(text: str) -> DistrictMatch:
    """What `text` names: a canonical district (sure), one through a known alias (sure), several (ambiguous),
    close spellings (unsure) or nothing known. A name in an Indian script is transliterated first: an exact match
    counts as an alias (sure, and the bot says which district it noted), a near one as a close spelling."""
    typed = " ".join(str(text or "").split())
    script = detect_script(typed)
    if script not in (None, "Latin") and (named := _by_native().get(native_key(typed))):  # কলকাতা, as lists write it
        if len(named) == 1:
            return DistrictMatch(typed=typed, kind="alias", name=named[0])
        return DistrictMatch(typed=typed, kind="ambiguous", candidates=named)
    native = _latin_key(typed) if script in _SCHEMES else ""  # উত্তর ২৪ পরগণা keys "24" alone
    k = native or key(typed)
    if not k:
        return DistrictMatch(typed=typed, kind="empty")
    by_name, canonical, aliases, _pins = _table()
    if k in canonical:
        return DistrictMatch(typed=typed, kind="alias" if native else "canonical", name=canonical[k])
    targets = aliases.get(k, ())
    if len(targets) == 1:
        return DistrictMatch(typed=typed, kind="alias", name=targets[0])
    if targets:
        return DistrictMatch(typed=typed, kind="ambiguous", candidates=targets)
    sounding, likeness = _sounds_like(k, detect_script(typed) or "") if native else ((), 0.0)
    if sounding:  # "কলকাতা" sounds like Kolkata though it spells "kalakata"
        if len(sounding) == 1 and likeness >= SOUND_SURE:
            return DistrictMatch(typed=typed, kind="alias", name=sounding[0])
        return DistrictMatch(typed=typed, kind="close", candidates=sounding[:4])
    close = difflib.get_close_matches(k, [*canonical, *aliases], n=6, cutoff=CLOSE_MATCH_CUTOFF)
    candidates: list[str] = []
    for match in close:
        for name in (canonical[match],) if match in canonical else aliases[match]:
            if name not in candidates:
                candidates.append(name)
    if candidates:
        return DistrictMatch(typed=typed, kind="close", candidates=tuple(candidates[:4]))
    return DistrictMatch(typed=typed, kind="unknown")


def district_canonical(text: str | None) -> str:
    """The canonical name when `text` surely names a district, else `text` cleaned (whitespace collapsed; all-upper
    or all-lower text title-cased, so "PUNE" and "pune" still count together). For importers, reports and
    audiences: unsure names are never guessed."""
    cleaned = " ".join(str(text or "").split())[:100]
    if not cleaned:
        return ""
    match = district_lookup(cleaned)
    if match.sure:
        return match.name
    return cleaned.title() if (cleaned.islower() or cleaned.isupper()) else cleaned


def district_label(name: str) -> str:
    """ "Pune, Maharashtra" for a canonical name; any other text as it is."""
    district = district_get(name)
    return district.label if district else name


# --- PIN codes ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PinCheck:
    """`status`: "match", "mismatch" (the PIN belongs to `pin_districts`, not the district given) or "unknown"
    (no PIN directory, a PIN it does not know, or a district outside the list)."""

    status: str
    pin_districts: tuple[str, ...] = ()


def districts_of_pin(pin: str) -> tuple[str, ...] | None:
    """The canonical districts a PIN code belongs to, from the offline PIN directory; None when unknown."""
    try:
        import indian_pincode
    except ImportError:  # the directory is optional: without it nothing is checked
        return None
    details = indian_pincode.get_details(str(pin).strip())
    if not details:
        return None
    by_pin_name = _table()[3]
    states = [key(state) for state in details.get("states") or [details.get("state") or ""]]
    found: list[str] = []
    for pin_name in details.get("districts") or []:
        for state in states:
            name = by_pin_name.get((key(state).removeprefix("the "), key(pin_name)))
            if name and name not in found:
                found.append(name)
    return tuple(found) or None


def pin_check(*, district: str, pin: str) -> PinCheck:
    """Whether `pin` lies in `district` (a canonical name). A mismatch is for asking about, never for changing."""
    if district_get(district) is None:
        return PinCheck("unknown")
    found = districts_of_pin(pin)
    if not found:
        return PinCheck("unknown")
    return PinCheck("match" if district in found else "mismatch", found)
