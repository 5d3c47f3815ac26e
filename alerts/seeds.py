"""Seed texts of the alert templates (SPEC §4–5), installed by a data migration and by `templates_seed`.

One text per key and language (every language of settings.FRAUDSAFE_LANGUAGES), used on every channel.
Placeholders: {{ helpline_number }}, {{ portal_url }}, {{ citizen_name }}, {{ district }}, {{ area }},
{{ peak_hours }}, {{ fraud_types }}, {{ campaign_type }}, {{ amount }}, plus any key of the alert's context.
"""

SUBJECTS = {
    "en": {
        "general": "FraudSafe: cyber-fraud warning for today",
        "location": "FraudSafe: fraud alert for {{ district }}",
        "scam_warning": "FraudSafe: scam warning",
        "campaign_alert": "FraudSafe: active scam campaign",
        "targeted_warning": "FraudSafe: extra verification enabled on your account",
        "high_risk_transaction": "FraudSafe: high-risk transaction",
    },
    "hi": {
        "general": "FraudSafe: आज के लिए साइबर धोखाधड़ी चेतावनी",
        "location": "FraudSafe: {{ district }} के लिए धोखाधड़ी चेतावनी",
        "scam_warning": "FraudSafe: ठगी की चेतावनी",
        "campaign_alert": "FraudSafe: सक्रिय ठगी अभियान",
        "targeted_warning": "FraudSafe: आपके खाते पर अतिरिक्त सत्यापन",
        "high_risk_transaction": "FraudSafe: जोखिम भरा लेनदेन",
    },
    "bn": {
        "general": "FraudSafe: আজকের সাইবার প্রতারণা সতর্কতা",
        "location": "FraudSafe: {{ district }}-এর জন্য প্রতারণা সতর্কতা",
        "scam_warning": "FraudSafe: প্রতারণা থেকে সাবধান",
        "campaign_alert": "FraudSafe: এখন একটি প্রতারণা চক্র সক্রিয়",
        "targeted_warning": "FraudSafe: আপনার অ্যাকাউন্টে অতিরিক্ত যাচাই চালু",
        "high_risk_transaction": "FraudSafe: ঝুঁকিপূর্ণ লেনদেন",
    },
    "mr": {
        "general": "FraudSafe: आजचा सायबर फसवणूक इशारा",
        "location": "FraudSafe: {{ district }} साठी फसवणूक इशारा",
        "scam_warning": "FraudSafe: फसवणुकीपासून सावध राहा",
        "campaign_alert": "FraudSafe: सध्या फसवणुकीची मोहीम सुरू आहे",
        "targeted_warning": "FraudSafe: तुमच्या खात्यावर अतिरिक्त पडताळणी सुरू",
        "high_risk_transaction": "FraudSafe: धोकादायक व्यवहार",
    },
    "te": {
        "general": "FraudSafe: ఈరోజు సైబర్ మోసం హెచ్చరిక",
        "location": "FraudSafe: {{ district }} కోసం మోసం హెచ్చరిక",
        "scam_warning": "FraudSafe: మోసగాళ్లతో జాగ్రత్త",
        "campaign_alert": "FraudSafe: ఇప్పుడు ఒక మోసాల ముఠా చురుకుగా ఉంది",
        "targeted_warning": "FraudSafe: మీ ఖాతాపై అదనపు ధృవీకరణ ప్రారంభించబడింది",
        "high_risk_transaction": "FraudSafe: ప్రమాదకర లావాదేవీ",
    },
    "ta": {
        "general": "FraudSafe: இன்றைய சைபர் மோசடி எச்சரிக்கை",
        "location": "FraudSafe: {{ district }} பகுதிக்கான மோசடி எச்சரிக்கை",
        "scam_warning": "FraudSafe: மோசடியிடம் எச்சரிக்கை",
        "campaign_alert": "FraudSafe: இப்போது ஒரு மோசடி கும்பல் செயல்படுகிறது",
        "targeted_warning": "FraudSafe: உங்கள் கணக்கில் கூடுதல் சரிபார்ப்பு இயக்கப்பட்டுள்ளது",
        "high_risk_transaction": "FraudSafe: ஆபத்தான பரிவர்த்தனை",
    },
}

BODIES = {
    "en": {
        "general": (
            "FraudSafe alert: cyber fraud peaks{% if peak_hours %} around {{ peak_hours }}{% endif %}."
            "{% if districts %} High-risk areas: {{ districts }}.{% endif %} Never share OTP, PIN or passwords; "
            "banks never ask for them. Lost money? Call {{ helpline_number }} at once or report at {{ portal_url }}."
        ),
        "location": (
            "FraudSafe alert for {{ district }}{% if area %} ({{ area }}){% endif %}: "
            "{% if case_count %}{{ case_count }} recent fraud reports. {% endif %}"
            "{% if fraud_types %}Common here: {{ fraud_types }}. {% endif %}"
            "Do not answer unknown calls asking for OTP or KYC, do not install apps on a caller's request. "
            "Call {{ helpline_number }} or visit {{ portal_url }}."
        ),
        "scam_warning": (
            "FraudSafe warning: scammers are active{% if campaign_type %} ({{ campaign_type }}){% endif %}. "
            "Never share OTP, PIN or card details. Report fraud: call {{ helpline_number }} or {{ portal_url }}."
        ),
        "campaign_alert": (
            "FraudSafe ALERT: an active {{ campaign_type|default:'scam' }} campaign is targeting customers now. "
            "Do not act on calls or messages asking for money, OTP or app installs. Call {{ helpline_number }}."
        ),
        "targeted_warning": (
            "FraudSafe: you may be targeted by an ongoing scam. Extra verification is enabled temporarily on your "
            "transactions for your safety. Never share OTP or PIN. Help: {{ helpline_number }}, {{ portal_url }}."
        ),
        "high_risk_transaction": (
            "FraudSafe: a high-risk transaction{% if amount %} of Rs {{ amount }}{% endif %} was flagged. If this "
            "was not you, call {{ helpline_number }} immediately and do not share any OTP."
        ),
    },
    "hi": {
        "general": (
            "FraudSafe चेतावनी: साइबर ठगी{% if peak_hours %} {{ peak_hours }} के आसपास{% endif %} सबसे ज़्यादा"
            " होती है। "
            "OTP, PIN या पासवर्ड कभी साझा न करें। पैसे गए? तुरंत {{ helpline_number }} पर कॉल करें या "
            "{{ portal_url }} पर शिकायत करें।"
        ),
        "location": (
            "{{ district }} के लिए FraudSafe चेतावनी: {% if fraud_types %}यहाँ आम ठगी: {{ fraud_types }}। {% endif %}"
            "OTP या KYC माँगने वाली अनजान कॉल का जवाब न दें। {{ helpline_number }} पर कॉल करें या {{ portal_url }}।"
        ),
        "scam_warning": (
            "FraudSafe चेतावनी: ठग सक्रिय हैं। OTP, PIN या कार्ड विवरण कभी साझा न करें। शिकायत: {{ helpline_number }}, "
            "{{ portal_url }}।"
        ),
        "campaign_alert": (
            "FraudSafe अलर्ट: अभी एक सक्रिय ठगी अभियान चल रहा है। पैसे, OTP या ऐप इंस्टॉल माँगने वाले संदेशों पर "
            "कार्रवाई न करें। {{ helpline_number }} पर कॉल करें।"
        ),
        "targeted_warning": (
            "FraudSafe: आप किसी ठगी के निशाने पर हो सकते हैं। आपकी सुरक्षा के लिए अस्थायी रूप से अतिरिक्त सत्यापन "
            "चालू है। OTP या PIN साझा न करें। मदद: {{ helpline_number }}।"
        ),
        "high_risk_transaction": (
            "FraudSafe: एक जोखिम भरा लेनदेन{% if amount %} (Rs {{ amount }}){% endif %} पकड़ा गया। यदि यह आपने नहीं "
            "किया, तो तुरंत {{ helpline_number }} पर कॉल करें।"
        ),
    },
    "bn": {
        "general": (
            "FraudSafe সতর্কতা: সাইবার প্রতারণা সবচেয়ে বেশি হয়{% if peak_hours %} {{ peak_hours }}-এর"
            " আশেপাশে{% endif %}। "
            "{% if districts %}বেশি ঝুঁকির এলাকা: {{ districts }}। {% endif %}OTP, PIN বা পাসওয়ার্ড কাউকে বলবেন না; "
            "ব্যাংক কখনও এগুলো চায় না। টাকা গেছে? এখনই {{ helpline_number }}-এ ফোন করুন বা {{ portal_url }}-এ"
            " অভিযোগ করুন।"
        ),
        "location": (
            "{{ district }}{% if area %} ({{ area }}){% endif %}-এর জন্য FraudSafe সতর্কতা: "
            "{% if case_count %}সম্প্রতি {{ case_count }}টি প্রতারণার অভিযোগ এসেছে। {% endif %}"
            "{% if fraud_types %}এখানে বেশি হচ্ছে: {{ fraud_types }}। {% endif %}"
            "OTP বা KYC চাওয়া অচেনা ফোনে সাড়া দেবেন না, কারও কথায় অ্যাপ ইনস্টল করবেন না। "
            "{{ helpline_number }}-এ ফোন করুন বা {{ portal_url }} দেখুন।"
        ),
        "scam_warning": (
            "FraudSafe সতর্কতা: প্রতারকেরা সক্রিয়{% if campaign_type %} ({{ campaign_type }}){% endif %}। "
            "OTP, PIN বা কার্ডের তথ্য কাউকে দেবেন না। অভিযোগ: {{ helpline_number }}-এ ফোন করুন বা {{ portal_url }}।"
        ),
        "campaign_alert": (
            "FraudSafe জরুরি সতর্কতা: এখন একটি {{ campaign_type|default:'প্রতারণা' }} চক্র গ্রাহকদের নিশানা করছে। "
            "টাকা, OTP বা অ্যাপ ইনস্টল চাওয়া ফোন বা মেসেজে সাড়া দেবেন না। {{ helpline_number }}-এ ফোন করুন।"
        ),
        "targeted_warning": (
            "FraudSafe: একটি চলমান প্রতারণা আপনাকে নিশানা করতে পারে। আপনার সুরক্ষার জন্য কিছু সময় আপনার লেনদেনে "
            "অতিরিক্ত যাচাই চালু থাকবে। OTP বা PIN কাউকে দেবেন না। সাহায্য: {{ helpline_number }}, {{ portal_url }}।"
        ),
        "high_risk_transaction": (
            "FraudSafe: একটি ঝুঁকিপূর্ণ লেনদেন{% if amount %} (Rs {{ amount }}){% endif %} ধরা পড়েছে। এটি আপনি না করে "
            "থাকলে এখনই {{ helpline_number }}-এ ফোন করুন এবং কোনো OTP কাউকে দেবেন না।"
        ),
    },
    "mr": {
        "general": (
            "FraudSafe इशारा: सायबर फसवणूक सर्वाधिक होते{% if peak_hours %} {{ peak_hours }} च्या सुमारास{% endif %}. "
            "{% if districts %}जास्त धोक्याचे भाग: {{ districts }}. {% endif %}OTP, PIN किंवा पासवर्ड कोणालाही सांगू "
            "नका; बँक ते कधीच विचारत नाही. पैसे गेले? लगेच {{ helpline_number }} वर कॉल करा किंवा {{ portal_url }} वर "
            "तक्रार करा."
        ),
        "location": (
            "{{ district }}{% if area %} ({{ area }}){% endif %} साठी FraudSafe इशारा: "
            "{% if case_count %}अलीकडे {{ case_count }} फसवणुकीच्या तक्रारी. {% endif %}"
            "{% if fraud_types %}इथे जास्त: {{ fraud_types }}. {% endif %}"
            "OTP किंवा KYC विचारणाऱ्या अनोळखी कॉलला उत्तर देऊ नका, कोणाच्या सांगण्यावरून ॲप इन्स्टॉल करू नका. "
            "{{ helpline_number }} वर कॉल करा किंवा {{ portal_url }} पाहा."
        ),
        "scam_warning": (
            "FraudSafe इशारा: फसवणूक करणारे सक्रिय आहेत{% if campaign_type %} ({{ campaign_type }}){% endif %}. "
            "OTP, PIN किंवा कार्डची माहिती कधीही देऊ नका. तक्रार: {{ helpline_number }} वर कॉल करा किंवा {{"
            " portal_url }}."
        ),
        "campaign_alert": (
            "FraudSafe तातडीचा इशारा: सध्या {{ campaign_type|default:'फसवणुकीची' }} मोहीम ग्राहकांना लक्ष्य करत आहे. "
            "पैसे, OTP किंवा ॲप इन्स्टॉल मागणाऱ्या कॉल किंवा मेसेजवर काहीही करू नका. {{ helpline_number }} वर कॉल करा."
        ),
        "targeted_warning": (
            "FraudSafe: सुरू असलेल्या फसवणुकीत तुम्हाला लक्ष्य केले जाऊ शकते. तुमच्या सुरक्षेसाठी काही काळ तुमच्या "
            "व्यवहारांवर अतिरिक्त पडताळणी सुरू आहे. OTP किंवा PIN कोणालाही देऊ नका. मदत: {{ helpline_number }}, "
            "{{ portal_url }}."
        ),
        "high_risk_transaction": (
            "FraudSafe: एक धोकादायक व्यवहार{% if amount %} (Rs {{ amount }}){% endif %} आढळला आहे. तो तुम्ही केला नसेल "
            "तर लगेच {{ helpline_number }} वर कॉल करा आणि कोणताही OTP देऊ नका."
        ),
    },
    "te": {
        "general": (
            "FraudSafe హెచ్చరిక: సైబర్ మోసాలు ఎక్కువగా జరిగే సమయం{% if peak_hours %} {{ peak_hours }}{% endif %}. "
            "{% if districts %}ఎక్కువ ప్రమాదం ఉన్న ప్రాంతాలు: {{ districts }}. {% endif %}OTP, PIN లేదా"
            " పాస్‌వర్డ్ ఎవరికీ "
            "చెప్పకండి; బ్యాంకులు వాటిని ఎప్పుడూ అడగవు. డబ్బు పోయిందా? వెంటనే {{ helpline_number }} కు కాల్"
            " చేయండి లేదా "
            "{{ portal_url }} లో ఫిర్యాదు చేయండి."
        ),
        "location": (
            "{{ district }}{% if area %} ({{ area }}){% endif %} కోసం FraudSafe హెచ్చరిక: "
            "{% if case_count %}ఇటీవల {{ case_count }} మోసం ఫిర్యాదులు వచ్చాయి. {% endif %}"
            "{% if fraud_types %}ఇక్కడ ఎక్కువగా: {{ fraud_types }}. {% endif %}"
            "OTP లేదా KYC అడిగే తెలియని కాల్స్‌కు జవాబు ఇవ్వకండి, ఎవరు చెప్పినా యాప్ ఇన్‌స్టాల్ చేయకండి. "
            "{{ helpline_number }} కు కాల్ చేయండి లేదా {{ portal_url }} చూడండి."
        ),
        "scam_warning": (
            "FraudSafe హెచ్చరిక: మోసగాళ్లు చురుకుగా ఉన్నారు{% if campaign_type %} ({{ campaign_type }}){% endif %}. "
            "OTP, PIN లేదా కార్డ్ వివరాలు ఎవరికీ ఇవ్వకండి. ఫిర్యాదు: {{ helpline_number }} కు కాల్ చేయండి లేదా "
            "{{ portal_url }}."
        ),
        "campaign_alert": (
            "FraudSafe అత్యవసర హెచ్చరిక: ఇప్పుడు ఒక {{ campaign_type|default:'మోసాల' }} ముఠా వినియోగదారులను "
            "లక్ష్యంగా చేసుకుంది. డబ్బు, OTP లేదా యాప్ ఇన్‌స్టాల్ అడిగే కాల్స్, మెసేజ్‌లకు స్పందించకండి. "
            "{{ helpline_number }} కు కాల్ చేయండి."
        ),
        "targeted_warning": (
            "FraudSafe: జరుగుతున్న ఒక మోసం మిమ్మల్ని లక్ష్యంగా చేసుకోవచ్చు. మీ భద్రత కోసం కొంతకాలం మీ లావాదేవీలపై "
            "అదనపు ధృవీకరణ ఉంటుంది. OTP లేదా PIN ఎవరికీ ఇవ్వకండి. సహాయం: {{ helpline_number }}, {{ portal_url }}."
        ),
        "high_risk_transaction": (
            "FraudSafe: ఒక ప్రమాదకర లావాదేవీ{% if amount %} (Rs {{ amount }}){% endif %} గుర్తించబడింది. ఇది మీరు "
            "చేయకపోతే వెంటనే {{ helpline_number }} కు కాల్ చేయండి, ఏ OTP కూడా చెప్పకండి."
        ),
    },
    "ta": {
        "general": (
            "FraudSafe எச்சரிக்கை: சைபர் மோசடி அதிகம் நடக்கும் நேரம்{% if peak_hours %} {{ peak_hours }}{% endif %}. "
            "{% if districts %}அதிக ஆபத்துள்ள பகுதிகள்: {{ districts }}. {% endif %}OTP, PIN அல்லது கடவுச்சொல்லை "
            "யாரிடமும் சொல்லாதீர்கள்; வங்கிகள் இவற்றைக் கேட்பதில்லை. பணம் போய்விட்டதா? உடனே {{ helpline_number }} "
            "எண்ணை அழையுங்கள் அல்லது {{ portal_url }} இல் புகார் செய்யுங்கள்."
        ),
        "location": (
            "{{ district }}{% if area %} ({{ area }}){% endif %} பகுதிக்கான FraudSafe எச்சரிக்கை: "
            "{% if case_count %}சமீபத்தில் {{ case_count }} மோசடி புகார்கள் வந்துள்ளன. {% endif %}"
            "{% if fraud_types %}இங்கே அதிகம்: {{ fraud_types }}. {% endif %}"
            "OTP அல்லது KYC கேட்கும் தெரியாத அழைப்புகளுக்குப் பதில் சொல்லாதீர்கள், யார் சொன்னாலும் ஆப்பை"
            " நிறுவாதீர்கள். "
            "{{ helpline_number }} எண்ணை அழையுங்கள் அல்லது {{ portal_url }} பாருங்கள்."
        ),
        "scam_warning": (
            "FraudSafe எச்சரிக்கை: மோசடிக்காரர்கள் செயல்படுகிறார்கள்{% if campaign_type %} ({{ campaign_type"
            " }}){% endif %}. "
            "OTP, PIN அல்லது கார்டு விவரங்களை யாருக்கும் கொடுக்காதீர்கள். புகார்: {{ helpline_number }} அல்லது "
            "{{ portal_url }}."
        ),
        "campaign_alert": (
            "FraudSafe அவசர எச்சரிக்கை: இப்போது ஒரு {{ campaign_type|default:'மோசடி' }} கும்பல் வாடிக்கையாளர்களைக் "
            "குறிவைக்கிறது. பணம், OTP அல்லது ஆப் நிறுவச் சொல்லும் அழைப்புகள், செய்திகளுக்குச் செவிசாய்க்காதீர்கள். "
            "{{ helpline_number }} எண்ணை அழையுங்கள்."
        ),
        "targeted_warning": (
            "FraudSafe: நடந்துவரும் ஒரு மோசடி உங்களைக் குறிவைக்கலாம். உங்கள் பாதுகாப்புக்காகச் சிறிது காலம் உங்கள் "
            "பரிவர்த்தனைகளுக்குக் கூடுதல் சரிபார்ப்பு இருக்கும். OTP அல்லது PIN யாருக்கும் கொடுக்காதீர்கள். உதவி: "
            "{{ helpline_number }}, {{ portal_url }}."
        ),
        "high_risk_transaction": (
            "FraudSafe: ஆபத்தான ஒரு பரிவர்த்தனை{% if amount %} (Rs {{ amount }}){% endif %} கண்டறியப்பட்டது."
            " இதை நீங்கள் "
            "செய்யவில்லை என்றால் உடனே {{ helpline_number }} எண்ணை அழையுங்கள்; எந்த OTP-யையும் சொல்லாதீர்கள்."
        ),
    },
}

# Case updates (alerts.notices): a victim told about their own complaint. Context: ack_number, status (code),
# status_label, reason, position, amount (Indian grouping), progress (code), progress_label, all in the
# citizen's language.
SUBJECTS["en"].update(
    {
        "case_status": "FraudSafe: complaint {{ ack_number }} is now {{ status_label }}",
        "case_progress": "FraudSafe: update on complaint {{ ack_number }}",
    }
)
SUBJECTS["hi"].update(
    {
        "case_status": "FraudSafe: शिकायत {{ ack_number }} अब {{ status_label }} है",
        "case_progress": "FraudSafe: शिकायत {{ ack_number }} पर अपडेट",
    }
)
BODIES["en"].update(
    {
        "case_status": (
            "FraudSafe: your complaint {{ ack_number }} is now {{ status_label }}."
            "{% if status == 'rejected' and reason %} Reason: {{ reason }}.{% endif %}"
            "{% if status == 'resolved' %} Thank you for reporting. Call {{ helpline_number }} if you need more help."
            "{% elif status == 'rejected' %} Call {{ helpline_number }} if you have questions."
            "{% else %} A case worker is on it; we will message you when it changes.{% endif %}"
        ),
        "case_progress": (
            "FraudSafe: complaint {{ ack_number }}, transaction {{ position }} (Rs {{ amount }}): {{ progress_label }}."
            "{% if progress == 'reported_to_bank' %} We have asked the bank to stop this money."
            "{% elif progress == 'amount_frozen' %} The bank has put the amount on hold; we will tell you when it "
            "comes back.{% elif progress == 'refunded' %} The money has been returned to your account."
            "{% elif progress == 'not_recoverable' %} We are sorry: the bank could not recover this amount.{% endif %}"
            " Help: {{ helpline_number }}."
        ),
    }
)
BODIES["hi"].update(
    {
        "case_status": (
            "FraudSafe: आपकी शिकायत {{ ack_number }} अब {{ status_label }} है।"
            "{% if status == 'rejected' and reason %} कारण: {{ reason }}।{% endif %}"
            "{% if status == 'resolved' %} शिकायत करने के लिए धन्यवाद। और मदद के लिए {{ helpline_number }} पर कॉल करें।"
            "{% elif status == 'rejected' %} कोई प्रश्न हो तो {{ helpline_number }} पर कॉल करें।"
            "{% else %} एक केस वर्कर इस पर काम कर रहे हैं; कुछ बदलने पर हम आपको संदेश भेजेंगे।{% endif %}"
        ),
        "case_progress": (
            "FraudSafe: शिकायत {{ ack_number }}, लेनदेन {{ position }} (Rs {{ amount }}): {{ progress_label }}।"
            "{% if progress == 'reported_to_bank' %} हमने बैंक से यह पैसा रोकने को कहा है।"
            "{% elif progress == 'amount_frozen' %} बैंक ने राशि रोक दी है; वापस आने पर हम आपको बताएँगे।"
            "{% elif progress == 'refunded' %} पैसा आपके खाते में वापस आ गया है।"
            "{% elif progress == 'not_recoverable' %} खेद है: बैंक यह राशि वापस नहीं ला सका।{% endif %}"
            " मदद: {{ helpline_number }}।"
        ),
    }
)

for language, subjects in {
    "bn": {
        "case_status": "FraudSafe: অভিযোগ {{ ack_number }} এখন {{ status_label }}",
        "case_progress": "FraudSafe: অভিযোগ {{ ack_number }}-এর খবর",
    },
    "mr": {
        "case_status": "FraudSafe: तक्रार {{ ack_number }} आता {{ status_label }} आहे",
        "case_progress": "FraudSafe: तक्रार {{ ack_number }} बद्दल अपडेट",
    },
    "te": {
        "case_status": "FraudSafe: ఫిర్యాదు {{ ack_number }} ఇప్పుడు {{ status_label }}",
        "case_progress": "FraudSafe: ఫిర్యాదు {{ ack_number }} గురించి సమాచారం",
    },
    "ta": {
        "case_status": "FraudSafe: புகார் {{ ack_number }} இப்போது {{ status_label }}",
        "case_progress": "FraudSafe: புகார் {{ ack_number }} பற்றிய தகவல்",
    },
}.items():
    SUBJECTS[language].update(subjects)
BODIES["bn"].update(
    {
        "case_status": (
            "FraudSafe: আপনার অভিযোগ {{ ack_number }} এখন {{ status_label }}।"
            "{% if status == 'rejected' and reason %} কারণ: {{ reason }}।{% endif %}"
            "{% if status == 'resolved' %} জানানোর জন্য ধন্যবাদ। আরও সাহায্যের জন্য {{ helpline_number }}"
            " নম্বরে ফোন করুন।"
            "{% elif status == 'rejected' %} কোনো প্রশ্ন থাকলে {{ helpline_number }} নম্বরে ফোন করুন।"
            "{% else %} একজন কর্মী আপনার অভিযোগ দেখছেন; কিছু বদলালে আমরা আপনাকে জানাব।{% endif %}"
        ),
        "case_progress": (
            "FraudSafe: অভিযোগ {{ ack_number }}, লেনদেন {{ position }} (Rs {{ amount }}): {{ progress_label }}।"
            "{% if progress == 'reported_to_bank' %} আমরা ব্যাংককে এই টাকা আটকাতে বলেছি।"
            "{% elif progress == 'amount_frozen' %} ব্যাংক টাকাটা আটকে রেখেছে; ফেরত এলে আমরা আপনাকে জানাব।"
            "{% elif progress == 'refunded' %} টাকা আপনার অ্যাকাউন্টে ফেরত এসেছে।"
            "{% elif progress == 'not_recoverable' %} দুঃখিত: ব্যাংক এই টাকা ফেরত আনতে পারেনি।{% endif %}"
            " সাহায্য: {{ helpline_number }}।"
        ),
    }
)
BODIES["mr"].update(
    {
        "case_status": (
            "FraudSafe: तुमची तक्रार {{ ack_number }} आता {{ status_label }} आहे."
            "{% if status == 'rejected' and reason %} कारण: {{ reason }}.{% endif %}"
            "{% if status == 'resolved' %} तक्रार केल्याबद्दल धन्यवाद. अधिक मदतीसाठी {{ helpline_number }} वर कॉल करा."
            "{% elif status == 'rejected' %} काही प्रश्न असल्यास {{ helpline_number }} वर कॉल करा."
            "{% else %} एक कर्मचारी तुमच्या तक्रारीवर काम करत आहेत; काही बदलल्यावर आम्ही तुम्हाला कळवू.{% endif %}"
        ),
        "case_progress": (
            "FraudSafe: तक्रार {{ ack_number }}, व्यवहार {{ position }} (Rs {{ amount }}): {{ progress_label }}."
            "{% if progress == 'reported_to_bank' %} आम्ही बँकेला हे पैसे थांबवायला सांगितले आहे."
            "{% elif progress == 'amount_frozen' %} बँकेने ही रक्कम रोखून ठेवली आहे; परत मिळाल्यावर आम्ही"
            " तुम्हाला कळवू."
            "{% elif progress == 'refunded' %} पैसे तुमच्या खात्यात परत आले आहेत."
            "{% elif progress == 'not_recoverable' %} क्षमस्व: बँक ही रक्कम परत मिळवू शकली नाही.{% endif %}"
            " मदत: {{ helpline_number }}."
        ),
    }
)
BODIES["te"].update(
    {
        "case_status": (
            "FraudSafe: మీ ఫిర్యాదు {{ ack_number }} ఇప్పుడు {{ status_label }}."
            "{% if status == 'rejected' and reason %} కారణం: {{ reason }}.{% endif %}"
            "{% if status == 'resolved' %} ఫిర్యాదు చేసినందుకు ధన్యవాదాలు. ఇంకా సహాయం కావాలంటే {{"
            " helpline_number }} కు కాల్ చేయండి."
            "{% elif status == 'rejected' %} ఏవైనా ప్రశ్నలు ఉంటే {{ helpline_number }} కు కాల్ చేయండి."
            "{% else %} ఒక సిబ్బంది మీ ఫిర్యాదుపై పని చేస్తున్నారు; ఏదైనా మారితే మీకు తెలియజేస్తాము.{% endif %}"
        ),
        "case_progress": (
            "FraudSafe: ఫిర్యాదు {{ ack_number }}, లావాదేవీ {{ position }} (Rs {{ amount }}): {{ progress_label }}."
            "{% if progress == 'reported_to_bank' %} ఈ డబ్బును ఆపమని బ్యాంకును కోరాము."
            "{% elif progress == 'amount_frozen' %} బ్యాంకు ఈ మొత్తాన్ని నిలిపి ఉంచింది; తిరిగి వచ్చినప్పుడు"
            " మీకు తెలియజేస్తాము."
            "{% elif progress == 'refunded' %} డబ్బు మీ ఖాతాలోకి తిరిగి వచ్చింది."
            "{% elif progress == 'not_recoverable' %} క్షమించండి: బ్యాంకు ఈ మొత్తాన్ని తిరిగి తేలేకపోయింది.{% endif %}"
            " సహాయం: {{ helpline_number }}."
        ),
    }
)
BODIES["ta"].update(
    {
        "case_status": (
            "FraudSafe: உங்கள் புகார் {{ ack_number }} இப்போது {{ status_label }}."
            "{% if status == 'rejected' and reason %} காரணம்: {{ reason }}.{% endif %}"
            "{% if status == 'resolved' %} புகார் அளித்ததற்கு நன்றி. மேலும் உதவி தேவைப்பட்டால் {{"
            " helpline_number }} எண்ணை அழையுங்கள்."
            "{% elif status == 'rejected' %} கேள்விகள் இருந்தால் {{ helpline_number }} எண்ணை அழையுங்கள்."
            "{% else %} ஒரு பணியாளர் உங்கள் புகாரைக் கவனித்து வருகிறார்; ஏதேனும் மாறினால் உங்களுக்குத்"
            " தெரிவிப்போம்.{% endif %}"
        ),
        "case_progress": (
            "FraudSafe: புகார் {{ ack_number }}, பரிவர்த்தனை {{ position }} (Rs {{ amount }}): {{ progress_label }}."
            "{% if progress == 'reported_to_bank' %} இந்தப் பணத்தை நிறுத்தும்படி வங்கியிடம் கேட்டுள்ளோம்."
            "{% elif progress == 'amount_frozen' %} வங்கி இந்தத் தொகையை முடக்கி வைத்துள்ளது; திரும்பக் கிடைத்ததும் "
            "உங்களுக்குத் தெரிவிப்போம்.{% elif progress == 'refunded' %} பணம் உங்கள் கணக்கில் திரும்ப வந்துவிட்டது."
            "{% elif progress == 'not_recoverable' %} வருந்துகிறோம்: இந்தத் தொகையை வங்கியால் மீட்க"
            " முடியவில்லை.{% endif %}"
            " உதவி: {{ helpline_number }}."
        ),
    }
)

KEYS = ["general", "location", "scam_warning", "campaign_alert", "targeted_warning", "high_risk_transaction"]
NOTICE_KEYS = ["case_status", "case_progress"]
CHANNELS = ["email", "sms", "whatsapp"]
# The {{1}}, {{2}}, … of an approved WhatsApp content template, used outside the 24-hour window once an admin
# sets the template's content SID.
CONTENT_VARIABLES = {
    "case_status": ["ack_number", "status_label"],
    "case_progress": ["ack_number", "position", "progress_label"],
}


def seed_rows(keys: list[str] | None = None):
    """(key, channel, language, subject, body) for every seeded template (or those of `keys`)."""
    for language, bodies in BODIES.items():
        for key in keys or [*KEYS, *NOTICE_KEYS]:
            for channel in CHANNELS:
                subject = SUBJECTS[language][key] if channel == "email" else ""
                yield key, channel, language, subject, bodies[key]


def install(template_model, keys: list[str] | None = None) -> int:
    """Creates the missing seed templates (never overwrites an edited one); returns how many were created."""
    created = 0
    for key, channel, language, subject, body in seed_rows(keys):
        defaults = {"subject": subject, "body": body}
        if channel == "whatsapp" and key in CONTENT_VARIABLES:
            defaults["content_variables"] = CONTENT_VARIABLES[key]
        _, was_created = template_model.objects.get_or_create(
            key=key, channel=channel, language=language, defaults=defaults
        )
        created += was_created
    return created
