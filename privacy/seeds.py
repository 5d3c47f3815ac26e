"""Seed text of the breach notice to affected citizens (alert template `settings.BREACH_NOTICE_TEMPLATE`), one per
language, on every channel; installed by a data migration, edited in the admin afterwards. Placeholders:
{{ breach_when }} (the dates affected), {{ breach_what }} (the data kinds, in the citizen's language),
{{ helpline_number }}, {{ notice_url }}."""

BREACH_NOTICE = {
    "en": (
        "FraudSafe: about your data",
        "FraudSafe: we found that some of your data ({{ breach_what }}) may have been exposed between "
        "{{ breach_when }}. We have stopped it and informed the authorities. FraudSafe will never ask you for an OTP, "
        "a PIN or money. If anyone does, call {{ helpline_number }}. Your rights: {{ notice_url }}",
    ),
    "hi": (
        "FraudSafe: आपके डेटा के बारे में",
        "FraudSafe: हमें पता चला है कि {{ breach_when }} के बीच आपका कुछ डेटा ({{ breach_what }}) उजागर हुआ हो सकता है। "
        "हमने इसे रोक दिया है और अधिकारियों को बता दिया है। FraudSafe आपसे कभी OTP, PIN या पैसा नहीं माँगेगा। कोई माँगे तो "
        "{{ helpline_number }} पर कॉल करें। आपके अधिकार: {{ notice_url }}",
    ),
    "bn": (
        "FraudSafe: আপনার তথ্য সম্পর্কে",
        "FraudSafe: আমরা জেনেছি যে {{ breach_when }} সময়ে আপনার কিছু তথ্য ({{ breach_what }}) ফাঁস হয়ে থাকতে পারে। "
        "আমরা তা বন্ধ করেছি এবং কর্তৃপক্ষকে জানিয়েছি। FraudSafe কখনও আপনার কাছে OTP, PIN বা টাকা চাইবে না। কেউ চাইলে "
        "{{ helpline_number }} নম্বরে ফোন করুন। আপনার অধিকার: {{ notice_url }}",
    ),
    "mr": (
        "FraudSafe: तुमच्या डेटाबद्दल",
        "FraudSafe: आम्हाला आढळले की {{ breach_when }} दरम्यान तुमचा काही डेटा ({{ breach_what }}) उघड झाला असू शकतो. "
        "आम्ही ते थांबवले आहे आणि अधिकाऱ्यांना कळवले आहे. FraudSafe तुमच्याकडे कधीही OTP, PIN किंवा पैसे मागणार नाही. "
        "कोणी मागितल्यास {{ helpline_number }} वर कॉल करा. तुमचे अधिकार: {{ notice_url }}",
    ),
    "te": (
        "FraudSafe: మీ డేటా గురించి",
        "FraudSafe: {{ breach_when }} మధ్య మీ డేటాలో కొంత ({{ breach_what }}) బయటపడి ఉండవచ్చని మాకు తెలిసింది. మేము "
        "దాన్ని ఆపేశాం, అధికారులకు తెలియజేశాం. FraudSafe మిమ్మల్ని ఎప్పుడూ OTP, PIN లేదా డబ్బు అడగదు. ఎవరైనా అడిగితే "
        "{{ helpline_number }} కు కాల్ చేయండి. మీ హక్కులు: {{ notice_url }}",
    ),
    "ta": (
        "FraudSafe: உங்கள் தரவு பற்றி",
        "FraudSafe: {{ breach_when }} இடையே உங்கள் தரவில் சில ({{ breach_what }}) வெளிப்பட்டிருக்கலாம் என்று "
        "கண்டறிந்தோம். அதை நிறுத்திவிட்டோம், அதிகாரிகளுக்குத் தெரிவித்துவிட்டோம். FraudSafe உங்களிடம் ஒருபோதும் OTP, "
        "PIN அல்லது பணம் கேட்காது. யாராவது கேட்டால் {{ helpline_number }} அழையுங்கள். உங்கள் உரிமைகள்: {{ notice_url }}",
    ),
}


def install_breach_templates(AlertTemplate, key: str = "data_breach") -> int:
    added = 0
    for language, (subject, body) in BREACH_NOTICE.items():
        for channel in ("whatsapp", "sms", "email"):
            _, created = AlertTemplate.objects.get_or_create(
                key=key,
                channel=channel,
                language=language,
                defaults={"subject": subject if channel == "email" else "", "body": body},
            )
            added += created
    return added
