"""Districts typed in the citizen's own script are found: exact transliterations are noted, names that only sound
alike (কলকাতা reads "kalakata", హైదరాబాద్ "haidarabad") are offered first among the candidates the bot asks about."""

import pytest

from fraudsafe.districts import district_lookup, sound_key

# Populous districts as people write them, by script (public spellings, not generated from the English name).
NATIVE = {
    "Devanagari": {
        "मुंबई": "Mumbai", "पुणे": "Pune", "ठाणे": "Thane", "नागपुर": "Nagpur", "जयपुर": "Jaipur",
        "लखनऊ": "Lucknow", "पटना": "Patna", "इंदौर": "Indore", "भोपाल": "Bhopal", "आगरा": "Agra", "मेरठ": "Meerut",
        "गाजियाबाद": "Ghaziabad", "वाराणसी": "Varanasi", "प्रयागराज": "Prayagraj", "अहमदाबाद": "Ahmedabad",
        "सूरत": "Surat", "कोलकाता": "Kolkata", "हैदराबाद": "Hyderabad", "चेन्नई": "Chennai",
        "बेंगलुरु": "Bengaluru Urban", "जोधपुर": "Jodhpur", "लुधियाना": "Ludhiana", "अमृतसर": "Amritsar",
        "रायपुर": "Raipur", "रांची": "Ranchi", "इलाहाबाद": "Prayagraj", "बंगलौर": "Bengaluru Urban",
    },
    "Marathi": {
        "नागपूर": "Nagpur", "नाशिक": "Nashik", "कोल्हापूर": "Kolhapur", "सोलापूर": "Solapur", "सातारा": "Satara",
        "सांगली": "Sangli", "अमरावती": "Amravati", "लातूर": "Latur", "नांदेड": "Nanded", "जळगाव": "Jalgaon",
    },
    "Bengali": {
        "কলকাতা": "Kolkata", "হাওড়া": "Howrah", "দার্জিলিং": "Darjeeling", "বীরভূম": "Birbhum", "নদিয়া": "Nadia",
        "মুর্শিদাবাদ": "Murshidabad", "হুগলি": "Hooghly", "মালদা": "Malda", "জলপাইগুড়ি": "Jalpaiguri",
        "বাঁকুড়া": "Bankura", "পুরুলিয়া": "Purulia", "কোচবিহার": "Cooch Behar",
    },
    "Telugu": {
        "హైదరాబాద్": "Hyderabad", "విశాఖపట్నం": "Visakhapatnam", "గుంటూరు": "Guntur", "నెల్లూరు": "Sri Potti Sriramulu Nellore",
        "కర్నూలు": "Kurnool", "ఖమ్మం": "Khammam", "వరంగల్": "Warangal", "కరీంనగర్": "Karimnagar",
        "నిజామాబాద్": "Nizamabad", "తిరుపతి": "Tirupati", "చిత్తూరు": "Chittoor", "శ్రీకాకుళం": "Srikakulam",
        "నల్గొండ": "Nalgonda", "మెదక్": "Medak", "ఆదిలాబాద్": "Adilabad", "బెంగళూరు": "Bengaluru Urban",
    },
    "Tamil": {
        "சென்னை": "Chennai", "கோயம்புத்தூர்": "Coimbatore", "மதுரை": "Madurai", "சேலம்": "Salem",
        "திருச்சிராப்பள்ளி": "Tiruchirappalli", "திருநெல்வேலி": "Tirunelveli", "வேலூர்": "Vellore", "ஈரோடு": "Erode",
        "திருப்பூர்": "Tiruppur", "காஞ்சிபுரம்": "Kanchipuram", "தஞ்சாவூர்": "Thanjavur", "கடலூர்": "Cuddalore",
        "விழுப்புரம்": "Villupuram", "திண்டுக்கல்": "Dindigul", "தூத்துக்குடி": "Thoothukudi", "நாமக்கல்": "Namakkal",
        "கரூர்": "Karur", "புதுக்கோட்டை": "Pudukkottai",
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
