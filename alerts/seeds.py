"""Seed texts of the alert templates (SPEC §4–5), installed by a data migration and by `templates_seed`.

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
            "FraudSafe चेतावनी: साइबर ठगी{% if peak_hours %} {{ peak_hours }} के आसपास{% endif %} सबसे ज़्यादा होती है। "
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
