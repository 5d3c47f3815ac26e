"""Words the citizen may type: answers (yes / no), keywords and language names, in every language.

Matched on the lower-cased, space-collapsed text with digits of every script read as ASCII. A keyword of any
language works in every conversation (English ones always), so a citizen who switches language, or mixes, is
understood. The first word of a language is the one the bot shows (`shown("confirm")` → *पुष्टि* in Hindi).
"""

import re

from django.utils import translation

from fraudsafe.languages import languages, normalise_digits

# keyword → language → words (the first one is shown to the citizen). English is always understood.
KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "yes": {
        "en": ("yes", "y", "1", "haan", "ha", "han", "ok", "okay"),
        "hi": ("हाँ", "हां", "हा", "जी", "जी हाँ", "जी हां"),
        "bn": ("হ্যাঁ", "হ্যা", "হাঁ", "হুঁ", "হ্যাঁ।"),
        "mr": ("हो", "होय", "हो।"),
        "te": ("అవును", "ఔను", "అవునండి"),
        "ta": ("ஆம்", "ஆமாம்", "ஆம்."),
    },
    "no": {
        "en": ("no", "n", "2", "nahi", "nahin", "nope"),
        "hi": ("नहीं", "नही", "ना", "जी नहीं"),
        "bn": ("না", "নাহ"),
        "mr": ("नाही", "नको"),
        "te": ("కాదు", "లేదు", "వద్దు"),
        "ta": ("இல்லை", "வேண்டாம்"),
    },
    "greeting": {
        "en": ("hi", "hello", "start", "hey", "namaste", "namaskar"),
        "hi": ("नमस्ते", "नमस्कार", "हेलो", "हैलो"),
        "bn": ("নমস্কার", "হ্যালো", "আদাব"),
        "mr": ("नमस्कार", "नमस्ते"),
        "te": ("నమస్కారం", "నమస్తే", "హలో"),
        "ta": ("வணக்கம்", "ஹலோ"),
    },
    "cancel": {
        "en": ("cancel",),
        "hi": ("रद्द", "रद्द करें"),
        "bn": ("বাতিল", "বাতিল করুন"),
        "mr": ("रद्द", "रद्द करा"),
        "te": ("రద్దు", "రద్దు చేయండి"),
        "ta": ("ரத்து", "ரத்து செய்"),
    },
    "restart": {
        "en": ("restart", "start again", "start over"),
        "hi": ("फिर से", "फिर से शुरू", "दोबारा"),
        "bn": ("আবার", "আবার শুরু"),
        "mr": ("पुन्हा", "पुन्हा सुरू"),
        "te": ("మళ్ళీ", "మళ్ళీ మొదలు", "మళ్లీ"),
        "ta": ("மீண்டும்", "மீண்டும் தொடங்கு"),
    },
    "help": {
        "en": ("help",),
        "hi": ("मदद", "सहायता"),
        "bn": ("সাহায্য",),
        "mr": ("मदत",),
        "te": ("సహాయం",),
        "ta": ("உதவி",),
    },
    "status": {
        "en": ("status", "my complaints"),
        "hi": ("स्थिति", "मेरी शिकायतें"),
        "bn": ("অবস্থা", "আমার অভিযোগ"),
        "mr": ("स्थिती", "माझ्या तक्रारी"),
        "te": ("స్థితి", "నా ఫిర్యాదులు"),
        "ta": ("நிலை", "என் புகார்கள்"),
    },
    "join": {
        "en": ("join",),
        "hi": ("चालू", "अलर्ट चालू"),
        "bn": ("চালু", "সতর্কবার্তা চালু"),
        "mr": ("सुरू", "अलर्ट सुरू"),
        "te": ("చేరండి", "అలర్ట్ ప్రారంభం"),
        "ta": ("இணை", "எச்சரிக்கை வேண்டும்"),
    },
    "stop": {
        "en": ("stop", "unsubscribe"),
        "hi": ("बंद", "अलर्ट बंद"),
        "bn": ("বন্ধ", "সতর্কবার্তা বন্ধ"),
        "mr": ("थांबवा", "अलर्ट बंद"),
        "te": ("ఆపు", "ఆపండి"),
        "ta": ("நிறுத்து",),
    },
    # The data principal's rights (DPDP): the privacy notice, a copy of one's data, its correction, its erasure.
    "privacy": {
        "en": ("privacy", "privacy notice"),
        "hi": ("गोपनीयता",),
        "bn": ("গোপনীয়তা",),
        "mr": ("गोपनीयता",),
        "te": ("గోప్యత",),
        "ta": ("தனியுரிமை",),
    },
    "my_data": {
        "en": ("my data",),
        "hi": ("मेरा डेटा", "मेरी जानकारी"),
        "bn": ("আমার তথ্য",),
        "mr": ("माझा डेटा", "माझी माहिती"),
        "te": ("నా డేటా", "నా సమాచారం"),
        "ta": ("என் தரவு", "என் தகவல்"),
    },
    "correct_data": {
        "en": ("correct my data",),
        "hi": ("डेटा सुधारें",),
        "bn": ("তথ্য সংশোধন",),
        "mr": ("डेटा दुरुस्त करा",),
        "te": ("డేటా సరిచేయండి",),
        "ta": ("தரவைத் திருத்து",),
    },
    "erase_data": {
        "en": ("erase my data", "delete my data"),
        "hi": ("डेटा मिटाएँ", "डेटा मिटाएं"),
        "bn": ("তথ্য মুছুন",),
        "mr": ("डेटा पुसा",),
        "te": ("డేటా తొలగించండి",),
        "ta": ("தரவை அழி",),
    },
    "language": {
        "en": ("language", "languages", "lang"),
        "hi": ("भाषा",),
        "bn": ("ভাষা",),
        "mr": ("भाषा",),
        "te": ("భాష",),
        "ta": ("மொழி",),
    },
    "confirm": {
        "en": ("confirm", "yes", "y", "1", "submit"),
        "hi": ("पुष्टि", "हाँ", "हां", "भेजें"),
        "bn": ("নিশ্চিত", "হ্যাঁ", "জমা দিন"),
        "mr": ("पुष्टी", "हो", "पाठवा"),
        "te": ("నిర్ధారించు", "అవును", "పంపండి"),
        "ta": ("உறுதி", "ஆம்", "அனுப்பு"),
    },
    "edit": {
        "en": ("edit", "2", "change"),
        "hi": ("बदलें", "बदलाव", "सुधार"),
        "bn": ("বদল", "সংশোধন"),
        "mr": ("बदला", "दुरुस्ती"),
        "te": ("మార్చు", "సవరించు"),
        "ta": ("திருத்து", "மாற்று"),
    },
    "done": {
        "en": ("done", "finish", "finished"),
        "hi": ("हो गया", "पूरा", "बस"),
        "bn": ("শেষ", "হয়ে গেছে"),
        "mr": ("झाले", "पूर्ण"),
        "te": ("అయింది", "పూర్తి"),
        "ta": ("முடிந்தது", "முடி"),
    },
    "add": {
        "en": ("add",),
        "hi": ("जोड़ें", "जोड़े", "जोड़ो"),
        "bn": ("যোগ", "যোগ করুন"),
        "mr": ("जोडा",),
        "te": ("జోడించు",),
        "ta": ("சேர்",),
    },
    "remove": {
        "en": ("remove", "delete"),
        "hi": ("हटाएँ", "हटाएं", "हटाओ"),
        "bn": ("মুছুন", "বাদ"),
        "mr": ("काढा",),
        "te": ("తొలగించు",),
        "ta": ("நீக்கு",),
    },
    # "Don't know" answers every optional question (the fraudster's details); it never blocks the complaint.
    "dont_know": {
        "en": (
            "don't know",
            "dont know",
            "don’t know",
            "do not know",
            "dk",
            "dunno",
            "unknown",
            "not known",
            "skip",
            "no idea",
            "na",
            "n/a",
            "-",
            "no",
            "nahi",
            "nahin",
            "pata nahi",
        ),
        "hi": ("पता नहीं", "नहीं पता", "मालूम नहीं", "नहीं"),
        "bn": ("জানি না", "জানিনা", "না"),
        "mr": ("माहीत नाही", "माहिती नाही", "नाही"),
        "te": ("తెలియదు", "లేదు"),
        "ta": ("தெரியாது", "இல்லை"),
    },  # fmt: skip
    # "This is the payment": the victim's screenshot is coming (read for a transaction, see receipt.py).
    "payment": {
        "en": (
            "this is the payment",
            "here is the payment",
            "this is my payment",
            "payment screenshot",
            "this is the screenshot",
            "here is the screenshot",
            "screenshot",
            "this is the receipt",
            "receipt",
        ),
        "hi": (
            "यह पेमेंट है",
            "ये पेमेंट है",
            "यही पेमेंट है",
            "यह भुगतान है",
            "ये भुगतान है",
            "पेमेंट का स्क्रीनशॉट",
            "स्क्रीनशॉट",
            "यह रसीद है",
            "ye payment hai",
            "yeh payment hai",
        ),
        "bn": ("এটা পেমেন্ট", "এই যে পেমেন্ট", "এটাই পেমেন্ট", "এটা পেমেন্টের স্ক্রিনশট", "পেমেন্টের স্ক্রিনশট", "স্ক্রিনশট"),
        "mr": ("हे पेमेंट आहे", "हेच पेमेंट आहे", "पेमेंटचा स्क्रीनशॉट", "स्क्रीनशॉट", "ही पावती आहे"),
        "te": ("ఇది పేమెంట్", "ఇదే పేమెంట్", "ఇది చెల్లింపు", "పేమెంట్ స్క్రీన్‌షాట్", "పేమెంట్ స్క్రీన్షాట్", "స్క్రీన్‌షాట్", "స్క్రీన్షాట్"),
        "ta": ("இது பேமெண்ட்", "இதுதான் பேமெண்ட்", "இது பணம் செலுத்தியது", "பேமெண்ட் ஸ்கிரீன்ஷாட்", "ஸ்கிரீன்ஷாட்"),
    },  # fmt: skip
    # A screenshot sent at the summary is of another payment: a new transaction.
    "new": {
        "en": ("new", "new one", "new transaction", "another", "another payment", "add"),
        "hi": ("नया", "नई", "नया लेनदेन", "नया लेन-देन", "दूसरा", "जोड़ें"),
        "bn": ("নতুন", "নতুন লেনদেন", "অন্য", "যোগ"),
        "mr": ("नवीन", "नवा", "नवीन व्यवहार", "दुसरा", "जोडा"),
        "te": ("కొత్తది", "కొత్త", "కొత్త లావాదేవీ", "వేరే", "జోడించు"),
        "ta": ("புதியது", "புதிய", "புதிய பரிவர்த்தனை", "வேறு", "சேர்"),
    },
    "resume": {"en": ("1", "resume", "continue")},
    "start_again": {"en": ("2", "start again", "new", "start over")},
}


def normalise(text: str) -> str:
    """Lower-cased, spaces collapsed, digits of every script as ASCII, a trailing full stop or danda dropped."""
    return " ".join(normalise_digits((text or "").strip().lower()).split()).rstrip(".!।")


def _words(name: str) -> frozenset[str]:
    return frozenset(normalise(word) for words in KEYWORDS[name].values() for word in words)


YES, NO, GREETINGS = _words("yes"), _words("no"), _words("greeting")
CANCEL, RESTART, HELP, STATUS = _words("cancel"), _words("restart"), _words("help"), _words("status")
JOIN, STOP, LANGUAGE = _words("join"), _words("stop"), _words("language")
CONFIRM, EDIT, DONE, ADD = _words("confirm"), _words("edit"), _words("done"), _words("add")
RESUME, START_AGAIN, DONT_KNOW = _words("resume"), _words("start_again"), _words("dont_know")
PRIVACY = _words("privacy")
PAYMENT, NEW = _words("payment"), _words("new")
# Keyword → the kind of data principal request it opens (privacy.models.DataRequest.Kind).
RIGHTS = {
    word: kind
    for kind, name in (("access", "my_data"), ("correction", "correct_data"), ("erasure", "erase_data"))
    for word in _words(name)
}

EDIT_LINE = re.compile(r"^\s*(\d+(?:\.\d+){1,2})\s*[=:]\s*(.*?)\s*$")
_REMOVE_WORDS = "|".join(re.escape(word) for word in sorted(_words("remove"), key=len, reverse=True))
REMOVE = re.compile(rf"(?:{_REMOVE_WORDS})\s+(?:2\.)?(\d+)")


def shown(name: str, code: str | None = None) -> str:
    """The keyword the bot tells the citizen to type, in their language (English ones upper-cased)."""
    code = code or translation.get_language() or "en"
    words = KEYWORDS[name].get(code) or KEYWORDS[name]["en"]
    word = words[0]
    return word.upper() if word.isascii() else word


# Other names citizens type for a language (its English and native names are always understood).
LANGUAGE_ALIASES = {"hi": ("हिंदी",), "bn": ("bangla", "বাংলা ভাষা"), "te": ("telegu",), "ta": ("tamizh",)}


def language_named(word: str) -> str | None:
    """A language's code when `word` is its name (`hindi`, `हिन्दी`, `मराठी`, `tamil`); None otherwise."""
    word = normalise(word)
    for lang in languages():
        with translation.override("en"):
            english = str(lang.name)
        names = {normalise(lang.native), normalise(english), normalise(str(lang.name))}
        names |= {normalise(alias) for alias in LANGUAGE_ALIASES.get(lang.code, ())}
        if word in names:
            return lang.code
    return None


def language_numbered(word: str) -> str | None:
    """A language's code from its number in the menu (`2` → hi), or from its name; None otherwise."""
    word = normalise(word)
    for number, lang in enumerate(languages(), start=1):
        if word == str(number):
            return lang.code
    return language_named(word)


def notice_keywords() -> dict[str, str]:
    """The keywords the privacy notice names, as shown in the active language."""
    return {name: shown(name) for name in ("stop", "my_data", "correct_data", "erase_data")}
