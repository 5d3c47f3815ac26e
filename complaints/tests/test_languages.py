"""The conversation in every language, on its own (no database): the menu, script detection, switching, keywords,
native digits."""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from complaints import conversation as c
from complaints.conversation import texts, words
from fraudsafe.languages import detect_script

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)
pytestmark = pytest.mark.usefixtures("settings")


def talk(messages, state=None):
    reply, effects = "", []
    for text in messages:
        state, reply, more = c.step(state, text, now=NOW, today=TODAY)
        effects += more
    return state, reply, effects


def language_effects(effects):
    return [e.data["code"] for e in effects if e.kind == c.LANGUAGE]


def test_a_first_message_in_latin_letters_gets_the_numbered_menu_each_language_in_its_script():
    state, reply, effects = talk(["hi"])
    assert state.language is None and state.choosing_language
    for line in ["1. English", "2. हिन्दी", "3. বাংলা", "4. मराठी", "5. తెలుగు", "6. தமிழ்"]:
        assert line in reply
    assert effects == []


@pytest.mark.parametrize(
    ("choice", "code"), [("1", "en"), ("2", "hi"), ("३", "bn"), ("4", "mr"), ("5", "te"), ("6", "ta")]
)
def test_a_number_from_the_menu_starts_the_complaint_in_that_language(choice, code):
    state, reply, effects = talk(["hi", choice])
    assert state.language == code and state.step == c.MONEY_LOSS
    assert language_effects(effects) == [code]
    with translation.override(code):
        assert texts.question(state) in reply


@pytest.mark.parametrize(("first", "code"), [("नमस्ते", "hi"), ("নমস্কার", "bn"), ("నమస్కారం", "te"), ("வணக்கம்", "ta")])
def test_a_first_message_in_a_supported_script_starts_at_once_in_that_language(first, code):
    state, reply, effects = talk([first])
    assert state.language == code and state.step == c.MONEY_LOSS
    assert language_effects(effects) == [code]
    assert "FraudSafe" in reply and detect_script(reply.replace("FraudSafe", "")) == detect_script(first)


def test_devanagari_starts_in_hindi_and_marathi_is_one_word_away():
    state, reply, _ = talk(["मुझे मदद चाहिए"])
    assert state.language == "hi"
    assert "मराठीसाठी *मराठी* लिहा." in reply  # the invitation is in Marathi itself
    state, reply, effects = talk(["मराठी"], state)
    assert state.language == "mr" and language_effects(effects) == ["mr"]
    assert "तुमचे पैसे गेले आहेत का?" in reply


def test_switching_language_mid_conversation_keeps_every_answer_and_asks_again_in_the_new_language():
    state, _, _ = talk(["hi", "2", "हाँ", "आशा राव", "९८७६५४३२१०"])
    assert state.step == "dob" and state.answers == {"name": "आशा राव", "mobile": "9876543210"}
    state, reply, _ = talk(["भाषा"], state)
    assert "6. தமிழ்" in reply and state.step == "dob"
    state, reply, effects = talk(["6"], state)
    assert state.language == "ta" and language_effects(effects) == ["ta"]
    assert state.step == "dob" and state.answers == {"name": "आशा राव", "mobile": "9876543210"}
    assert "உங்கள் பிறந்த தேதி என்ன" in reply  # the pending question, now in Tamil
    state, reply, _ = talk(["௧௭-௦௫-௧௯௮௫"], state)  # Tamil digits
    assert state.answers["dob"] == "1985-05-17" and state.step == "father_name"


def test_a_language_named_at_any_time_switches_to_it():
    state, _, _ = talk(["hi", "1", "yes", "Asha Rao"])
    state, reply, _ = talk(["tamil"], state)
    assert state.language == "ta" and state.answers == {"name": "Asha Rao"}


def test_after_the_language_menu_an_answer_that_is_no_choice_is_taken_as_an_answer():
    state, _, _ = talk(["hi", "1", "yes"])
    state, _, _ = talk(["language", "Asha Rao"], state)
    assert state.language == "en" and state.answers == {"name": "Asha Rao"}


@pytest.mark.parametrize("keyword", ["STOP", "join", "help", "status"])
def test_a_first_message_that_is_a_keyword_works_at_once_without_the_menu(keyword):
    state, reply, effects = talk([keyword])
    assert "1. English" not in reply
    assert not language_effects(effects)
    if keyword == "help":  # the help itself, not the language menu
        assert reply == texts.help_text(state)


@pytest.mark.parametrize(
    ("code", "word_of"),
    [
        ("hi", {"yes": "हाँ", "help": "मदद", "edit": "बदलें", "done": "हो गया", "confirm": "पुष्टि", "add": "जोड़ें"}),
        ("bn", {"yes": "হ্যাঁ", "help": "সাহায্য", "edit": "বদল", "done": "শেষ", "confirm": "নিশ্চিত", "add": "যোগ"}),
        ("mr", {"yes": "हो", "help": "मदत", "edit": "बदला", "done": "झाले", "confirm": "पुष्टी", "add": "जोडा"}),
        ("te", {"yes": "అవును", "help": "సహాయం", "edit": "మార్చు", "done": "అయింది", "confirm": "నిర్ధారించు", "add": "జోడించు"}),
        ("ta", {"yes": "ஆம்", "help": "உதவி", "edit": "திருத்து", "done": "முடிந்தது", "confirm": "உறுதி", "add": "சேர்"}),
    ],
)
def test_keywords_work_in_each_language_and_the_bot_shows_the_native_ones(code, word_of):
    with translation.override(code):
        for name in ("yes", "help", "edit", "done", "confirm", "add"):
            assert words.shown(name) == word_of[name]
        assert f"*{word_of['confirm']}*" in texts.confirm_prompt()
    for name, word in word_of.items():
        assert words.normalise(word) in getattr(words, name.upper() if name != "yes" else "YES")


def test_english_keywords_work_in_every_language():
    personal = ["Asha Rao", "9876543210", "17-05-1985", "Ramesh Kumar", "Pune", "411001"]
    txn = ["18-11-2026", "14:30", "SBI", "123456789012", "500", "412345678901", "5", "skip", "skip", "1"]
    state, _, _ = talk(["வணக்கம்", "yes", *personal, "1", *txn, "EDIT", "1.5 = Chennai", "DONE"])
    assert state.step == c.CONFIRM and state.answers["district"] == "Chennai"
    _, _, effects = talk(["CONFIRM"], state)
    assert [e.kind for e in effects] == [c.SUBMIT]


def test_edit_serials_and_remove_numbers_may_be_typed_in_native_digits():
    personal = ["आशा राव", "९८७६५४३२१०", "१७-०५-१९८५", "रमेश कुमार", "पुणे", "४११००१"]
    # …, where the money went (५: don't know), the fraudster's phone and website ("पता नहीं"), the fraud type
    txn = ["१८-११-२०२६", "१४:३०", "बैंक ऑफ बड़ौदा", "१२३४५६७८९०१२", "५००", "४१२३४५६७८९०१", "५", "पता नहीं", "पता नहीं", "१"]
    state, _, _ = talk(["नमस्ते", "हाँ", *personal, "२", *txn, *txn, "बदलें"])
    state, reply, _ = talk(["१.५ = मुंबई\n२.२.५ = १,५००"], state)
    # "मुंबई" transliterates to a district's name: kept as that name, so reports count it with "Mumbai".
    assert state.answers["district"] == "Mumbai" and state.transactions[1]["amount"] == "1500.00"
    state, reply, _ = talk(["हटाएँ २"], state)
    assert len(state.transactions) == 1 and "लेनदेन 2 हटा दिया गया" in reply


def test_the_fraud_type_menu_and_answer_are_in_the_citizens_language():
    # "কলকাতা" is not found in the list of districts: the bot asks, and YES keeps it as typed.
    personal = ["আশা রাও", "৯৮৭৬৫৪৩২১০", "১৭-০৫-১৯৮৫", "রমেশ কুমার", "কলকাতা", "হ্যাঁ", "৭০০০০১"]
    txn = ["১৮-১১-২০২৬", "১৪:৩০", "স্টেট ব্যাংক", "১২৩৪৫৬৭৮৯০১২", "৫০০", "৪১২৩৪৫৬৭৮৯০১", "৫", "জানি না", "জানি না"]
    state, reply, _ = talk(["নমস্কার", "হ্যাঁ", *personal, "১", *txn])
    assert "1. UPI প্রতারণা" in reply
    state, reply, _ = talk(["UPI প্রতারণা"], state)  # the label itself is understood too
    assert state.step == c.CONFIRM and state.transactions[0]["fraud_type"] == "upi"
    assert "*অভিযোগ জমা দিতে *নিশ্চিত*" not in reply and "*নিশ্চিত*" in reply


def test_a_conversation_begun_before_languages_existed_goes_on_in_english_without_the_menu():
    state = c.ConversationState(step="mobile", answers={"name": "Asha Rao"})  # stored without a language
    state, reply, _ = talk(["9876543210"], state)
    assert state.language == "en" and state.step == "dob" and "1. English" not in reply
