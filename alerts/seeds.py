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

KEYS = ["general", "location", "scam_warning", "campaign_alert", "targeted_warning", "high_risk_transaction"]
CHANNELS = ["email", "sms", "whatsapp"]


def seed_rows():
    """(key, channel, language, subject, body) for every seeded template."""
    for language, bodies in BODIES.items():
        for key in KEYS:
            for channel in CHANNELS:
                subject = SUBJECTS[language][key] if channel == "email" else ""
                yield key, channel, language, subject, bodies[key]


def install(template_model) -> int:
    """Creates the missing seed templates (never overwrites an edited one); returns how many were created."""
    created = 0
    for key, channel, language, subject, body in seed_rows():
        _, was_created = template_model.objects.get_or_create(
            key=key, channel=channel, language=language, defaults={"subject": subject, "body": body}
        )
        created += was_created
    return created
