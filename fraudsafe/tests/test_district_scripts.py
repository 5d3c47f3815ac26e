"""Districts typed in the citizen's own script are found: exact transliterations are noted, names that only sound
alike (কলকাতা reads "kalakata", హైదరాబాద్ "haidarabad") are offered first among the candidates the bot asks about."""

import pytest

from fraudsafe.districts import district_lookup, districts, sound_key
from fraudsafe.languages import detect_script

# Populous districts as people write them, by script (public spellings, not generated from the English name).
NATIVE = {
    "Devanagari": {
        "मुंबई": "Mumbai",
        "पुणे": "Pune",
        "ठाणे": "Thane",
        "नागपुर": "Nagpur",
        "जयपुर": "Jaipur",
        "लखनऊ": "Lucknow",
        "पटना": "Patna",
        "इंदौर": "Indore",
        "भोपाल": "Bhopal",
        "आगरा": "Agra",
        "मेरठ": "Meerut",
        "गाजियाबाद": "Ghaziabad",
        "वाराणसी": "Varanasi",
        "प्रयागराज": "Prayagraj",
        "अहमदाबाद": "Ahmedabad",
        "सूरत": "Surat",
        "कोलकाता": "Kolkata",
        "हैदराबाद": "Hyderabad",
        "चेन्नई": "Chennai",
        "बेंगलुरु": "Bengaluru Urban",
        "जोधपुर": "Jodhpur",
        "लुधियाना": "Ludhiana",
        "अमृतसर": "Amritsar",
        "रायपुर": "Raipur",
        "रांची": "Ranchi",
        "इलाहाबाद": "Prayagraj",
        "बंगलौर": "Bengaluru Urban",
    },
    "Marathi": {
        "नागपूर": "Nagpur",
        "नाशिक": "Nashik",
        "कोल्हापूर": "Kolhapur",
        "सोलापूर": "Solapur",
        "सातारा": "Satara",
        "सांगली": "Sangli",
        "अमरावती": "Amravati",
        "लातूर": "Latur",
        "नांदेड": "Nanded",
        "जळगाव": "Jalgaon",
    },
    "Bengali": {
        "কলকাতা": "Kolkata",
        "হাওড়া": "Howrah",
        "দার্জিলিং": "Darjeeling",
        "বীরভূম": "Birbhum",
        "নদিয়া": "Nadia",
        "মুর্শিদাবাদ": "Murshidabad",
        "হুগলি": "Hooghly",
        "মালদা": "Malda",
        "জলপাইগুড়ি": "Jalpaiguri",
        "বাঁকুড়া": "Bankura",
        "পুরুলিয়া": "Purulia",
        "কোচবিহার": "Cooch Behar",
    },
    "Telugu": {
        "హైదరాబాద్": "Hyderabad",
        "విశాఖపట్నం": "Visakhapatnam",
        "గుంటూరు": "Guntur",
        "నెల్లూరు": "Sri Potti Sriramulu Nellore",
        "కర్నూలు": "Kurnool",
        "ఖమ్మం": "Khammam",
        "వరంగల్": "Warangal",
        "కరీంనగర్": "Karimnagar",
        "నిజామాబాద్": "Nizamabad",
        "తిరుపతి": "Tirupati",
        "చిత్తూరు": "Chittoor",
        "శ్రీకాకుళం": "Srikakulam",
        "నల్గొండ": "Nalgonda",
        "మెదక్": "Medak",
        "ఆదిలాబాద్": "Adilabad",
        "బెంగళూరు": "Bengaluru Urban",
    },
    "Tamil": {
        "சென்னை": "Chennai",
        "கோயம்புத்தூர்": "Coimbatore",
        "மதுரை": "Madurai",
        "சேலம்": "Salem",
        "திருச்சிராப்பள்ளி": "Tiruchirappalli",
        "திருநெல்வேலி": "Tirunelveli",
        "வேலூர்": "Vellore",
        "ஈரோடு": "Erode",
        "திருப்பூர்": "Tiruppur",
        "காஞ்சிபுரம்": "Kanchipuram",
        "தஞ்சாவூர்": "Thanjavur",
        "கடலூர்": "Cuddalore",
        "விழுப்புரம்": "Villupuram",
        "திண்டுக்கல்": "Dindigul",
        "தூத்துக்குடி": "Thoothukudi",
        "நாமக்கல்": "Namakkal",
        "கரூர்": "Karur",
        "புதுக்கோட்டை": "Pudukkottai",
    },
}
CASES = [(script, typed, name) for script, names in NATIVE.items() for typed, name in names.items()]


@pytest.mark.parametrize(("script", "typed", "name"), CASES, ids=[f"{s}-{n}" for s, _t, n in CASES])
def test_a_district_typed_in_an_indian_script_is_found(script, typed, name):
    match = district_lookup(typed)
    offered = match.kind in ("close", "ambiguous") and name in match.candidates[:2]
    assert (match.sure and match.name == name) or offered, match


def test_most_are_noted_without_asking():
    sure = sum(district_lookup(typed).sure for _script, typed, _name in CASES)
    assert sure / len(CASES) >= 0.6, f"{sure} of {len(CASES)} noted without asking"


def test_a_sound_alone_never_notes_a_wrong_district():
    wrong = [(t, m.name) for _s, t, n in CASES if (m := district_lookup(t)).sure and m.name != n]
    assert wrong == []


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kolkata", "kalakata"), ("Hyderabad", "haidarabad"), ("Howrah", "haora"), ("Coimbatore", "koimbatur")],
)
def test_spellings_of_one_sound_share_a_key(a, b):
    assert sound_key(a) == sound_key(b)


# The 50 most populous districts (Census 2011), as a citizen writing in each language types them (written by hand
# from the districts' common names; compass and "urban" words translated, as people write them). The matching rules
# were chosen looking at the first 25 only; the last 25 are held out (README: figures for both halves).
POPULOUS = [
    "Thane",
    "North 24 Parganas",
    "Bengaluru Urban",
    "Pune",
    "Mumbai Suburban",
    "South 24 Parganas",
    "Purba Bardhaman",
    "Ahmedabad",
    "Murshidabad",
    "Jaipur",
    "Surat",
    "Nashik",
    "Prayagraj",
    "Paschim Medinipur",
    "Patna",
    "Hooghly",
    "Ranga Reddy",
    "Nadia",
    "East Godavari",
    "Purbi Champaran",
    "Purba Medinipur",
    "Guntur",
    "Howrah",
    "Muzaffarpur",
    "Belagavi",
    "Moradabad",
    "Ghaziabad",
    "Chennai",
    "Nagpur",
    "Azamgarh",
    "Lucknow",
    "Kanpur Nagar",
    "Ahilyanagar",
    "Krishna",
    "Kolkata",
    "Madhubani",
    "Jaunpur",
    "Sitapur",
    "Bareilly",
    "Gorakhpur",
    "Agra",
    "Gaya",
    "Solapur",
    "Visakhapatnam",
    "Samastipur",
    "Jalgaon",
    "Chittoor",
    "Malappuram",
    "Hardoi",
    "Anantapur",
]
POPULOUS_TYPED = {
    "hi": [
        "ठाणे",
        "उत्तर 24 परगना",
        "बेंगलुरु शहरी",
        "पुणे",
        "मुंबई उपनगर",
        "दक्षिण 24 परगना",
        "पूर्व बर्धमान",
        "अहमदाबाद",
        "मुर्शिदाबाद",
        "जयपुर",
        "सूरत",
        "नासिक",
        "प्रयागराज",
        "पश्चिम मेदिनीपुर",
        "पटना",
        "हुगली",
        "रंगारेड्डी",
        "नदिया",
        "पूर्वी गोदावरी",
        "पूर्वी चंपारण",
        "पूर्व मेदिनीपुर",
        "गुंटूर",
        "हावड़ा",
        "मुजफ्फरपुर",
        "बेलगाम",
        "मुरादाबाद",
        "गाज़ियाबाद",
        "चेन्नई",
        "नागपुर",
        "आजमगढ़",
        "लखनऊ",
        "कानपुर नगर",
        "अहमदनगर",
        "कृष्णा",
        "कोलकाता",
        "मधुबनी",
        "जौनपुर",
        "सीतापुर",
        "बरेली",
        "गोरखपुर",
        "आगरा",
        "गया",
        "सोलापुर",
        "विशाखापत्तनम",
        "समस्तीपुर",
        "जलगांव",
        "चित्तूर",
        "मलप्पुरम",
        "हरदोई",
        "अनंतपुर",
    ],
    "mr": [
        "ठाणे",
        "उत्तर २४ परगणा",
        "बंगळुरू शहर",
        "पुणे",
        "मुंबई उपनगर",
        "दक्षिण २४ परगणा",
        "पूर्व बर्धमान",
        "अहमदाबाद",
        "मुर्शिदाबाद",
        "जयपूर",
        "सुरत",
        "नाशिक",
        "प्रयागराज",
        "पश्चिम मेदिनीपूर",
        "पाटणा",
        "हुगळी",
        "रंगारेड्डी",
        "नादिया",
        "पूर्व गोदावरी",
        "पूर्व चंपारण",
        "पूर्व मेदिनीपूर",
        "गुंटूर",
        "हावडा",
        "मुझफ्फरपूर",
        "बेळगाव",
        "मुरादाबाद",
        "गाझियाबाद",
        "चेन्नई",
        "नागपूर",
        "आझमगढ",
        "लखनौ",
        "कानपूर नगर",
        "अहिल्यानगर",
        "कृष्णा",
        "कोलकाता",
        "मधुबनी",
        "जौनपूर",
        "सीतापूर",
        "बरेली",
        "गोरखपूर",
        "आग्रा",
        "गया",
        "सोलापूर",
        "विशाखापट्टणम",
        "समस्तीपूर",
        "जळगाव",
        "चित्तूर",
        "मलप्पुरम",
        "हरदोई",
        "अनंतपूर",
    ],
    "bn": [
        "থানে",
        "উত্তর ২৪ পরগনা",
        "বেঙ্গালুরু শহর",
        "পুনে",
        "মুম্বই উপনগর",
        "দক্ষিণ ২৪ পরগনা",
        "পূর্ব বর্ধমান",
        "আহমেদাবাদ",
        "মুর্শিদাবাদ",
        "জয়পুর",
        "সুরাট",
        "নাশিক",
        "প্রয়াগরাজ",
        "পশ্চিম মেদিনীপুর",
        "পাটনা",
        "হুগলি",
        "রঙ্গারেড্ডি",
        "নদিয়া",
        "পূর্ব গোদাবরী",
        "পূর্ব চম্পারণ",
        "পূর্ব মেদিনীপুর",
        "গুন্টুর",
        "হাওড়া",
        "মুজাফফরপুর",
        "বেলগাঁও",
        "মোরাদাবাদ",
        "গাজিয়াবাদ",
        "চেন্নাই",
        "নাগপুর",
        "আজমগড়",
        "লখনউ",
        "কানপুর নগর",
        "আহমেদনগর",
        "কৃষ্ণা",
        "কলকাতা",
        "মধুবনী",
        "জৌনপুর",
        "সীতাপুর",
        "বেরেলি",
        "গোরখপুর",
        "আগ্রা",
        "গয়া",
        "সোলাপুর",
        "বিশাখাপত্তনম",
        "সমস্তিপুর",
        "জলগাঁও",
        "চিত্তুর",
        "মালাপ্পুরম",
        "হারদোই",
        "অনন্তপুর",
    ],
    "te": [
        "థానే",
        "ఉత్తర 24 పరగణాలు",
        "బెంగళూరు అర్బన్",
        "పూణే",
        "ముంబై సబర్బన్",
        "దక్షిణ 24 పరగణాలు",
        "తూర్పు బర్ధమాన్",
        "అహ్మదాబాద్",
        "ముర్షిదాబాద్",
        "జైపూర్",
        "సూరత్",
        "నాసిక్",
        "ప్రయాగ్\u200cరాజ్",
        "పశ్చిమ మేదినీపూర్",
        "పాట్నా",
        "హుగ్లీ",
        "రంగారెడ్డి",
        "నదియా",
        "తూర్పు గోదావరి",
        "తూర్పు చంపారణ్",
        "తూర్పు మేదినీపూర్",
        "గుంటూరు",
        "హౌరా",
        "ముజఫర్\u200cపూర్",
        "బెళగావి",
        "మొరాదాబాద్",
        "ఘజియాబాద్",
        "చెన్నై",
        "నాగపూర్",
        "ఆజంగఢ్",
        "లక్నో",
        "కాన్పూర్ నగర్",
        "అహ్మద్\u200cనగర్",
        "కృష్ణా",
        "కోల్\u200cకతా",
        "మధుబని",
        "జౌన్\u200cపూర్",
        "సీతాపూర్",
        "బరేలీ",
        "గోరఖ్\u200cపూర్",
        "ఆగ్రా",
        "గయ",
        "షోలాపూర్",
        "విశాఖపట్నం",
        "సమస్తిపూర్",
        "జల్గావ్",
        "చిత్తూరు",
        "మలప్పురం",
        "హర్దోయ్",
        "అనంతపురం",
    ],
    "ta": [
        "தானே",
        "வடக்கு 24 பர்கானா",
        "பெங்களூரு நகர்ப்புறம்",
        "புனே",
        "மும்பை புறநகர்",
        "தெற்கு 24 பர்கானா",
        "கிழக்கு பர்த்தமான்",
        "அகமதாபாத்",
        "முர்சிதாபாத்",
        "ஜெய்ப்பூர்",
        "சூரத்",
        "நாசிக்",
        "பிரயாக்ராஜ்",
        "மேற்கு மேதினிபூர்",
        "பாட்னா",
        "ஹூக்ளி",
        "ரங்காரெட்டி",
        "நதியா",
        "கிழக்கு கோதாவரி",
        "கிழக்கு சம்பாரண்",
        "கிழக்கு மேதினிபூர்",
        "குண்டூர்",
        "ஹவுரா",
        "முசாபர்பூர்",
        "பெளகாவி",
        "மொராதாபாத்",
        "காசியாபாத்",
        "சென்னை",
        "நாக்பூர்",
        "ஆசம்கர்",
        "லக்னோ",
        "கான்பூர் நகர்",
        "அகமதுநகர்",
        "கிருஷ்ணா",
        "கொல்கத்தா",
        "மதுபனி",
        "ஜான்பூர்",
        "சீதாபூர்",
        "பரேலி",
        "கோரக்பூர்",
        "ஆக்ரா",
        "கயா",
        "சோலாப்பூர்",
        "விசாகப்பட்டினம்",
        "சமஸ்திபூர்",
        "ஜள்காவ்",
        "சித்தூர்",
        "மலப்புறம்",
        "ஹர்தோய்",
        "அனந்தபூர்",
    ],
}
POPULOUS_CASES = [
    (lang, typed, POPULOUS[i], i) for lang, names in POPULOUS_TYPED.items() for i, typed in enumerate(names)
]
# Held-out names not found (neither noted nor offered among the first two): a regression guard, not a goal.
POPULOUS_MISSES = {
    ("mr", "हावडा"),
    ("mr", "आझमगढ"),
    ("bn", "আজমগড়"),
    ("te", "ఆజంగఢ్"),
    ("ta", "அகமதாபாத்"),
    ("ta", "அகமதுநகர்"),
}
# Noted without asking, per language, as measured (a fall fails the test).
POPULOUS_SURE = {"hi": 47, "mr": 43, "bn": 43, "te": 43, "ta": 36}


def _found(typed: str, name: str) -> bool:
    match = district_lookup(typed)
    return (match.sure and match.name == name) or (
        match.kind in ("close", "ambiguous") and name in match.candidates[:2]
    )


def test_the_fifty_most_populous_districts_are_found_in_every_language():
    assert all(len(names) == len(POPULOUS) for names in POPULOUS_TYPED.values())
    missed = {(lang, typed) for lang, typed, name, _i in POPULOUS_CASES if not _found(typed, name)}
    assert missed <= POPULOUS_MISSES, sorted(missed - POPULOUS_MISSES)


@pytest.mark.parametrize("lang", list(POPULOUS_TYPED))
def test_most_populous_districts_are_noted_without_asking(lang):
    sure = sum(
        (m := district_lookup(typed)).sure and m.name == name
        for code, typed, name, _i in POPULOUS_CASES
        if code == lang
    )
    assert sure >= POPULOUS_SURE[lang]


def test_no_populous_district_is_noted_wrongly():
    wrong = [(t, n, m.name) for _l, t, n, _i in POPULOUS_CASES if (m := district_lookup(t)).sure and m.name != n]
    assert wrong == []


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("উত্তর ২৪ পরগণা", "North 24 Parganas"),  # the list's own spelling, the script's digits
        ("हावड़ा", "Howrah"),  # a v between vowels is the English w (offered first: it only sounds alike)
        ("मुंबई उपनगर", "Mumbai Suburban"),
        ("తూర్పు గోదావరి", "East Godavari"),  # the compass word translated
        ("हुगली जिला", "Hooghly"),  # "district" after the name
        ("জলগাঁও", "Jalgaon"),
    ],
)
def test_translated_words_digits_and_district_words_are_understood(typed, name):
    match = district_lookup(typed)
    assert (match.name or match.candidates[0]) == name, match


def test_every_district_has_a_name_in_its_states_script():
    missing = [d.name for d in districts() if not d.native_names]
    assert missing == []
    latin = [(d.name, n) for d in districts() for n in d.native_names if detect_script(n) == "Latin"]
    assert latin == []


def test_a_native_name_as_the_lists_write_it_is_noted():
    for district in districts()[::25]:
        match = district_lookup(district.native_names[0])
        assert (match.sure and match.name == district.name) or district.name in match.candidates, (district, match)
