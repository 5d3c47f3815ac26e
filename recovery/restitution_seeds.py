"""Seed texts of the victim's restitution notices (installed by a data migration; editable in the admin).

Keys: `restitution_held` (the amount that can come back), `restitution_sign` (the documents to sign and where),
`restitution_refunded` (a refund sent, with its UTR), `restitution_lapsing` (a hold about to be lifted),
`restitution_reduced` / `restitution_released` (an account holder's grievance upheld: the claim lowered / nothing
held left to claim).
"""

NOTICES = {
    "restitution_held": {
        "en": (
            "FraudSafe: money can come back ({{ ack_number }})",
            "FraudSafe: for your complaint {{ ack_number }}, Rs {{ claimable }} is held and can come back to "
            "you. We will tell you each step. Never pay anyone who promises to release it. Help: "
            "{{ helpline_number }}.",
        ),
        "hi": (
            "FraudSafe: पैसा वापस मिल सकता है ({{ ack_number }})",
            "FraudSafe: आपकी शिकायत {{ ack_number }} के Rs {{ claimable }} होल्ड पर हैं और आपको वापस मिल सकते "
            "हैं। हर कदम पर हम आपको बताएँगे। पैसा छुड़ाने के नाम पर किसी को भुगतान न करें। मदद: {{ helpline_number }}।",
        ),
        "bn": (
            "FraudSafe: টাকা ফেরত আসতে পারে ({{ ack_number }})",
            "FraudSafe: আপনার অভিযোগ {{ ack_number }}-এর Rs {{ claimable }} আটকে আছে এবং আপনার কাছে ফেরত আসতে "
            "পারে। প্রতিটি ধাপে আমরা জানাব। টাকা ছাড়িয়ে দেওয়ার কথা বলে কেউ টাকা চাইলে দেবেন না। সাহায্য: "
            "{{ helpline_number }}।",
        ),
        "mr": (
            "FraudSafe: पैसे परत मिळू शकतात ({{ ack_number }})",
            "FraudSafe: तुमच्या तक्रार {{ ack_number }} चे Rs {{ claimable }} रोखून ठेवले आहेत आणि ते तुम्हाला परत "
            "मिळू शकतात. प्रत्येक टप्प्यावर आम्ही कळवू. पैसे सोडवून देतो म्हणणाऱ्या कोणालाही पैसे देऊ नका. मदत: "
            "{{ helpline_number }}.",
        ),
        "te": (
            "FraudSafe: డబ్బు తిరిగి రావచ్చు ({{ ack_number }})",
            "FraudSafe: మీ ఫిర్యాదు {{ ack_number }} కి చెందిన Rs {{ claimable }} నిలిపి ఉంచారు, అవి మీకు తిరిగి "
            "రావచ్చు. ప్రతి అడుగు మీకు తెలియజేస్తాం. డబ్బు విడిపిస్తామని చెప్పే ఎవరికీ చెల్లించవద్దు. సహాయం: "
            "{{ helpline_number }}.",
        ),
        "ta": (
            "FraudSafe: பணம் திரும்பக் கிடைக்கலாம் ({{ ack_number }})",
            "FraudSafe: உங்கள் புகார் {{ ack_number }} தொடர்பான Rs {{ claimable }} முடக்கப்பட்டுள்ளது, அது "
            "உங்களுக்குத் திரும்பக் கிடைக்கலாம். ஒவ்வொரு படியையும் தெரிவிப்போம். பணத்தை விடுவிப்பதாகச் சொல்லும் "
            "யாருக்கும் பணம் கொடுக்காதீர்கள். உதவி: {{ helpline_number }}.",
        ),
    },
    "restitution_sign": {
        "en": (
            "FraudSafe: please sign to get your money ({{ ack_number }})",
            "FraudSafe: to get Rs {{ claimable }} back (complaint {{ ack_number }}), please sign the indemnity "
            "bond at the cyber police station of {{ district }}. Bring your ID and bank passbook. Help: "
            "{{ helpline_number }}.",
        ),
        "hi": (
            "FraudSafe: पैसा पाने के लिए हस्ताक्षर करें ({{ ack_number }})",
            "FraudSafe: Rs {{ claimable }} वापस पाने के लिए (शिकायत {{ ack_number }}) {{ district }} के साइबर "
            "पुलिस थाने में क्षतिपूर्ति बॉन्ड पर हस्ताक्षर करें। अपना पहचान पत्र और बैंक पासबुक साथ लाएँ। मदद: "
            "{{ helpline_number }}।",
        ),
        "bn": (
            "FraudSafe: টাকা পেতে সই করুন ({{ ack_number }})",
            "FraudSafe: Rs {{ claimable }} ফেরত পেতে (অভিযোগ {{ ack_number }}) {{ district }}-এর সাইবার থানায় "
            "ক্ষতিপূরণ বন্ডে সই করুন। পরিচয়পত্র ও ব্যাংকের পাসবই সঙ্গে আনুন। সাহায্য: {{ helpline_number }}।",
        ),
        "mr": (
            "FraudSafe: पैसे मिळवण्यासाठी सही करा ({{ ack_number }})",
            "FraudSafe: Rs {{ claimable }} परत मिळवण्यासाठी (तक्रार {{ ack_number }}) {{ district }} येथील सायबर "
            "पोलीस ठाण्यात नुकसानभरपाई बंधपत्रावर सही करा. ओळखपत्र आणि बँक पासबुक सोबत आणा. मदत: "
            "{{ helpline_number }}.",
        ),
        "te": (
            "FraudSafe: డబ్బు పొందడానికి సంతకం చేయండి ({{ ack_number }})",
            "FraudSafe: Rs {{ claimable }} తిరిగి పొందడానికి (ఫిర్యాదు {{ ack_number }}) {{ district }} సైబర్ "
            "పోలీస్ స్టేషన్‌లో నష్టపరిహార బాండ్‌పై సంతకం చేయండి. మీ గుర్తింపు కార్డు, బ్యాంక్ పాస్‌బుక్ తీసుకురండి. "
            "సహాయం: {{ helpline_number }}.",
        ),
        "ta": (
            "FraudSafe: பணம் பெற கையொப்பமிடுங்கள் ({{ ack_number }})",
            "FraudSafe: Rs {{ claimable }} திரும்பப் பெற (புகார் {{ ack_number }}) {{ district }} சைபர் காவல் "
            "நிலையத்தில் இழப்பீட்டுப் பத்திரத்தில் கையொப்பமிடுங்கள். அடையாள அட்டையும் வங்கிப் பாஸ்புக்கும் "
            "கொண்டு வாருங்கள். உதவி: {{ helpline_number }}.",
        ),
    },
    "restitution_refunded": {
        "en": (
            "FraudSafe: money sent back to you ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} has sent Rs {{ amount }} back to your account (complaint {{ ack_number }}, "
            "UTR {{ utr }}, {{ on_date }}). Check your bank statement. Help: {{ helpline_number }}.",
        ),
        "hi": (
            "FraudSafe: पैसा आपको वापस भेजा गया ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} ने Rs {{ amount }} आपके खाते में वापस भेज दिए हैं (शिकायत {{ ack_number }}, "
            "UTR {{ utr }}, {{ on_date }})। अपना बैंक स्टेटमेंट देख लें। मदद: {{ helpline_number }}।",
        ),
        "bn": (
            "FraudSafe: টাকা আপনাকে ফেরত পাঠানো হয়েছে ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} Rs {{ amount }} আপনার অ্যাকাউন্টে ফেরত পাঠিয়েছে (অভিযোগ {{ ack_number }}, "
            "UTR {{ utr }}, {{ on_date }})। ব্যাংক স্টেটমেন্ট দেখে নিন। সাহায্য: {{ helpline_number }}।",
        ),
        "mr": (
            "FraudSafe: पैसे तुम्हाला परत पाठवले ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} ने Rs {{ amount }} तुमच्या खात्यात परत पाठवले आहेत (तक्रार {{ ack_number }}, "
            "UTR {{ utr }}, {{ on_date }}). तुमचे बँक स्टेटमेंट तपासा. मदत: {{ helpline_number }}.",
        ),
        "te": (
            "FraudSafe: డబ్బు మీకు తిరిగి పంపారు ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} Rs {{ amount }} మీ ఖాతాకు తిరిగి పంపింది (ఫిర్యాదు {{ ack_number }}, "
            "UTR {{ utr }}, {{ on_date }}). మీ బ్యాంక్ స్టేట్‌మెంట్ చూసుకోండి. సహాయం: {{ helpline_number }}.",
        ),
        "ta": (
            "FraudSafe: பணம் உங்களுக்குத் திருப்பி அனுப்பப்பட்டது ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} Rs {{ amount }} தொகையை உங்கள் கணக்கிற்குத் திருப்பி அனுப்பியுள்ளது (புகார் "
            "{{ ack_number }}, UTR {{ utr }}, {{ on_date }}). உங்கள் வங்கி அறிக்கையைப் பாருங்கள். உதவி: "
            "{{ helpline_number }}.",
        ),
    },
    "restitution_lapsing": {
        "en": (
            "FraudSafe: the hold ends soon ({{ ack_number }})",
            "FraudSafe: the hold on Rs {{ amount }} at {{ bank_name }} (complaint {{ ack_number }}) ends on "
            "{{ lapses_on }} unless there is an order. We are working on it; please sign any document we ask "
            "for quickly. Help: {{ helpline_number }}.",
        ),
        "hi": (
            "FraudSafe: होल्ड जल्द खत्म होगा ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} में Rs {{ amount }} का होल्ड (शिकायत {{ ack_number }}) {{ lapses_on }} को "
            "खत्म हो जाएगा, अगर तब तक आदेश न हो। हम इस पर काम कर रहे हैं; हम जो भी कागज़ माँगें, उस पर जल्दी "
            "हस्ताक्षर करें। मदद: {{ helpline_number }}।",
        ),
        "bn": (
            "FraudSafe: আটকে রাখার মেয়াদ শীঘ্রই শেষ ({{ ack_number }})",
            "FraudSafe: {{ bank_name }}-এ Rs {{ amount }} আটকে রাখার মেয়াদ (অভিযোগ {{ ack_number }}) "
            "{{ lapses_on }} তারিখে শেষ হবে, যদি না আদেশ থাকে। আমরা কাজ করছি; আমরা যে কাগজ চাইব তাতে তাড়াতাড়ি সই "
            "করুন। সাহায্য: {{ helpline_number }}।",
        ),
        "mr": (
            "FraudSafe: रोख लवकरच संपेल ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} मधील Rs {{ amount }} ची रोख (तक्रार {{ ack_number }}) {{ lapses_on }} रोजी "
            "संपेल, आदेश नसेल तर. आम्ही त्यावर काम करत आहोत; आम्ही मागू ते कागद लवकर सही करून द्या. मदत: "
            "{{ helpline_number }}.",
        ),
        "te": (
            "FraudSafe: నిలుపుదల త్వరలో ముగుస్తుంది ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} లో Rs {{ amount }} నిలుపుదల (ఫిర్యాదు {{ ack_number }}) ఆదేశం లేకపోతే "
            "{{ lapses_on }} న ముగుస్తుంది. మేము దీనిపై పని చేస్తున్నాం; మేము అడిగే పత్రాలపై త్వరగా సంతకం చేయండి. "
            "సహాయం: {{ helpline_number }}.",
        ),
        "ta": (
            "FraudSafe: முடக்கம் விரைவில் முடியும் ({{ ack_number }})",
            "FraudSafe: {{ bank_name }} இல் Rs {{ amount }} முடக்கம் (புகார் {{ ack_number }}) உத்தரவு இல்லையெனில் "
            "{{ lapses_on }} அன்று முடிவடையும். நாங்கள் இதில் பணியாற்றுகிறோம்; நாங்கள் கேட்கும் ஆவணங்களில் விரைவாகக் "
            "கையொப்பமிடுங்கள். உதவி: {{ helpline_number }}.",
        ),
    },
    "restitution_reduced": {
        "en": (
            "FraudSafe: news about the money held ({{ ack_number }})",
            "FraudSafe: we are sorry. After the account holder's appeal was checked, part of the money held at "
            "{{ bank_name }} for your complaint {{ ack_number }} was released. Rs {{ claimable }} can still come "
            "back to you. The helpline keeps working on your complaint; reply here or call {{ helpline_number }}.",
        ),
        "hi": (
            "FraudSafe: होल्ड किए गए पैसे की जानकारी ({{ ack_number }})",
            "FraudSafe: हमें खेद है। खाताधारक की अर्ज़ी की जाँच के बाद आपकी शिकायत {{ ack_number }} के लिए "
            "{{ bank_name }} में होल्ड किए गए पैसे का कुछ हिस्सा छोड़ दिया गया। Rs {{ claimable }} अब भी आपको वापस "
            "मिल सकते हैं। हेल्पलाइन आपकी शिकायत पर काम करती रहेगी; यहाँ जवाब दें या {{ helpline_number }} पर कॉल "
            "करें।",
        ),
        "bn": (
            "FraudSafe: আটকে রাখা টাকার খবর ({{ ack_number }})",
            "FraudSafe: আমরা দুঃখিত। অ্যাকাউন্টধারীর আবেদন যাচাইয়ের পর আপনার অভিযোগ {{ ack_number }}-এর জন্য "
            "{{ bank_name }}-এ আটকে রাখা টাকার একটি অংশ ছেড়ে দেওয়া হয়েছে। Rs {{ claimable }} এখনও আপনার কাছে "
            "ফেরত আসতে পারে। হেল্পলাইন আপনার অভিযোগ নিয়ে কাজ চালিয়ে যাবে; এখানে উত্তর দিন বা "
            "{{ helpline_number }}-এ ফোন করুন।",
        ),
        "mr": (
            "FraudSafe: रोखलेल्या पैशांबद्दल माहिती ({{ ack_number }})",
            "FraudSafe: आम्हाला खेद आहे. खातेदाराच्या अर्जाची तपासणी झाल्यावर तुमच्या तक्रार {{ ack_number }} साठी "
            "{{ bank_name }} मध्ये रोखलेल्या पैशांपैकी काही भाग सोडण्यात आला. Rs {{ claimable }} अजूनही तुम्हाला "
            "परत मिळू शकतात. हेल्पलाइन तुमच्या तक्रारीवर काम करत राहील; येथे उत्तर द्या किंवा "
            "{{ helpline_number }} वर कॉल करा.",
        ),
        "te": (
            "FraudSafe: నిలిపిన డబ్బు గురించి సమాచారం ({{ ack_number }})",
            "FraudSafe: క్షమించండి. ఖాతాదారుని అభ్యర్థనను పరిశీలించిన తర్వాత, మీ ఫిర్యాదు {{ ack_number }} కోసం "
            "{{ bank_name }} లో నిలిపిన డబ్బులో కొంత భాగాన్ని విడుదల చేశారు. Rs {{ claimable }} ఇంకా మీకు తిరిగి "
            "రావచ్చు. హెల్ప్‌లైన్ మీ ఫిర్యాదుపై పని చేస్తూనే ఉంటుంది; ఇక్కడ జవాబు ఇవ్వండి లేదా "
            "{{ helpline_number }} కి కాల్ చేయండి.",
        ),
        "ta": (
            "FraudSafe: முடக்கிய பணம் பற்றிய தகவல் ({{ ack_number }})",
            "FraudSafe: வருந்துகிறோம். கணக்கு உரிமையாளரின் முறையீட்டைச் சரிபார்த்த பிறகு, உங்கள் புகார் "
            "{{ ack_number }} க்காக {{ bank_name }} இல் முடக்கப்பட்ட பணத்தின் ஒரு பகுதி விடுவிக்கப்பட்டது. "
            "Rs {{ claimable }} இன்னும் உங்களுக்குத் திரும்பக் கிடைக்கலாம். உதவி மையம் உங்கள் புகாரில் தொடர்ந்து "
            "பணியாற்றும்; இங்கே பதில் அனுப்புங்கள் அல்லது {{ helpline_number }} ஐ அழையுங்கள்.",
        ),
    },
    "restitution_released": {
        "en": (
            "FraudSafe: news about the money held ({{ ack_number }})",
            "FraudSafe: we are sorry. After the account holder's appeal was checked, the money held at "
            "{{ bank_name }} for your complaint {{ ack_number }} was released, so none of the held money can come "
            "back to you for now. The helpline keeps working on your complaint; reply here or call "
            "{{ helpline_number }}.",
        ),
        "hi": (
            "FraudSafe: होल्ड किए गए पैसे की जानकारी ({{ ack_number }})",
            "FraudSafe: हमें खेद है। खाताधारक की अर्ज़ी की जाँच के बाद आपकी शिकायत {{ ack_number }} के लिए "
            "{{ bank_name }} में होल्ड किया गया पैसा छोड़ दिया गया, इसलिए अभी होल्ड से कोई पैसा वापस नहीं आ सकता। "
            "हेल्पलाइन आपकी शिकायत पर काम करती रहेगी; यहाँ जवाब दें या {{ helpline_number }} पर कॉल करें।",
        ),
        "bn": (
            "FraudSafe: আটকে রাখা টাকার খবর ({{ ack_number }})",
            "FraudSafe: আমরা দুঃখিত। অ্যাকাউন্টধারীর আবেদন যাচাইয়ের পর আপনার অভিযোগ {{ ack_number }}-এর জন্য "
            "{{ bank_name }}-এ আটকে রাখা টাকা ছেড়ে দেওয়া হয়েছে, তাই এখন আটকে রাখা টাকা থেকে কিছু ফেরত আসবে না। "
            "হেল্পলাইন আপনার অভিযোগ নিয়ে কাজ চালিয়ে যাবে; এখানে উত্তর দিন বা {{ helpline_number }}-এ ফোন করুন।",
        ),
        "mr": (
            "FraudSafe: रोखलेल्या पैशांबद्दल माहिती ({{ ack_number }})",
            "FraudSafe: आम्हाला खेद आहे. खातेदाराच्या अर्जाची तपासणी झाल्यावर तुमच्या तक्रार {{ ack_number }} साठी "
            "{{ bank_name }} मध्ये रोखलेले पैसे सोडण्यात आले, त्यामुळे सध्या रोखलेल्या रकमेतून काहीही परत मिळू "
            "शकत नाही. हेल्पलाइन तुमच्या तक्रारीवर काम करत राहील; येथे उत्तर द्या किंवा {{ helpline_number }} वर "
            "कॉल करा.",
        ),
        "te": (
            "FraudSafe: నిలిపిన డబ్బు గురించి సమాచారం ({{ ack_number }})",
            "FraudSafe: క్షమించండి. ఖాతాదారుని అభ్యర్థనను పరిశీలించిన తర్వాత, మీ ఫిర్యాదు {{ ack_number }} కోసం "
            "{{ bank_name }} లో నిలిపిన డబ్బును విడుదల చేశారు, కాబట్టి ప్రస్తుతం నిలిపిన డబ్బు నుండి ఏమీ తిరిగి "
            "రాదు. హెల్ప్‌లైన్ మీ ఫిర్యాదుపై పని చేస్తూనే ఉంటుంది; ఇక్కడ జవాబు ఇవ్వండి లేదా {{ helpline_number }} "
            "కి కాల్ చేయండి.",
        ),
        "ta": (
            "FraudSafe: முடக்கிய பணம் பற்றிய தகவல் ({{ ack_number }})",
            "FraudSafe: வருந்துகிறோம். கணக்கு உரிமையாளரின் முறையீட்டைச் சரிபார்த்த பிறகு, உங்கள் புகார் "
            "{{ ack_number }} க்காக {{ bank_name }} இல் முடக்கப்பட்ட பணம் விடுவிக்கப்பட்டது, எனவே இப்போதைக்கு "
            "முடக்கிய பணத்திலிருந்து எதுவும் திரும்பக் கிடைக்காது. உதவி மையம் உங்கள் புகாரில் தொடர்ந்து "
            "பணியாற்றும்; இங்கே பதில் அனுப்புங்கள் அல்லது {{ helpline_number }} ஐ அழையுங்கள்.",
        ),
    },
}


def install_restitution_templates(AlertTemplate) -> int:
    """Adds the missing templates (edited ones are kept). Returns how many were added."""
    added = 0
    for key, languages in NOTICES.items():
        for language, (subject, body) in languages.items():
            for channel in ("whatsapp", "sms", "email"):
                _, created = AlertTemplate.objects.get_or_create(
                    key=key, channel=channel, language=language,
                    defaults={"subject": subject if channel == "email" else "", "body": body},
                )  # fmt: skip
                added += created
    return added
