"""The mapping's starting point (installed by a data migration; admins maintain it afterwards in the admin) and
the seed texts of the victim's "money on hold" notice.

Banks and payments banks by their IFSC bank code; wallets (prepaid instruments without an IFSC) by a short code
of FraudSafe's own. UPI handles by the bank that answers for them (the payment app's partner bank). BHIM's
`@upi` is left out on purpose: it can belong to any bank, so it is flagged rather than guessed.
"""

BANKS = [
    # (code, name, kind, aliases)
    ("SBIN", "State Bank of India", "bank", "sbi, state bank"),
    ("HDFC", "HDFC Bank", "bank", "hdfc"),
    ("ICIC", "ICICI Bank", "bank", "icici"),
    ("UTIB", "Axis Bank", "bank", "axis"),
    ("PUNB", "Punjab National Bank", "bank", "pnb"),
    ("BARB", "Bank of Baroda", "bank", "bob, baroda"),
    ("CNRB", "Canara Bank", "bank", "canara"),
    ("UBIN", "Union Bank of India", "bank", "union bank"),
    ("BKID", "Bank of India", "bank", "boi"),
    ("IDIB", "Indian Bank", "bank", ""),
    ("IOBA", "Indian Overseas Bank", "bank", "iob"),
    ("UCBA", "UCO Bank", "bank", "uco"),
    ("CBIN", "Central Bank of India", "bank", "central bank"),
    ("MAHB", "Bank of Maharashtra", "bank", ""),
    ("PSIB", "Punjab & Sind Bank", "bank", ""),
    ("KKBK", "Kotak Mahindra Bank", "bank", "kotak"),
    ("YESB", "Yes Bank", "bank", "yes"),
    ("INDB", "IndusInd Bank", "bank", "indusind"),
    ("IDFB", "IDFC First Bank", "bank", "idfc"),
    ("FDRL", "Federal Bank", "bank", "federal"),
    ("RATN", "RBL Bank", "bank", "rbl"),
    ("AUBL", "AU Small Finance Bank", "bank", "au bank"),
    ("KVBL", "Karur Vysya Bank", "bank", "kvb"),
    ("SIBL", "South Indian Bank", "bank", ""),
    ("KARB", "Karnataka Bank", "bank", ""),
    ("CIUB", "City Union Bank", "bank", ""),
    ("TMBL", "Tamilnad Mercantile Bank", "bank", ""),
    ("DBSS", "DBS Bank India", "bank", "dbs"),
    ("HSBC", "HSBC", "bank", ""),
    ("SCBL", "Standard Chartered", "bank", ""),
    ("CITI", "Citibank", "bank", "citi"),
    ("ESFB", "Equitas Small Finance Bank", "bank", "equitas"),
    ("UJVN", "Ujjivan Small Finance Bank", "bank", "ujjivan"),
    ("JSFB", "Jana Small Finance Bank", "bank", "jana"),
    ("BDBL", "Bandhan Bank", "bank", "bandhan"),
    ("DLXB", "Dhanlaxmi Bank", "bank", ""),
    ("JAKA", "Jammu & Kashmir Bank", "bank", "j&k bank"),
    ("PYTM", "Paytm Payments Bank", "payments_bank", "paytm, paytm wallet"),
    ("AIRP", "Airtel Payments Bank", "payments_bank", "airtel, airtel money"),
    ("FINO", "Fino Payments Bank", "payments_bank", "fino"),
    ("IPOS", "India Post Payments Bank", "payments_bank", "ippb, india post"),
    ("JIOP", "Jio Payments Bank", "payments_bank", "jio, jiomoney"),
    ("NSPB", "NSDL Payments Bank", "payments_bank", "nsdl"),
    ("MBKW", "MobiKwik", "wallet", "mobikwik"),
    ("FRCG", "Freecharge", "wallet", "freecharge"),
    ("AMZP", "Amazon Pay", "wallet", "amazon pay, amazonpay"),
    ("PHPW", "PhonePe wallet", "wallet", "phonepe, phonepe wallet"),
]

UPI_HANDLES = [
    # (handle, bank code, app)
    ("okhdfcbank", "HDFC", "Google Pay"),
    ("okicici", "ICIC", "Google Pay"),
    ("oksbi", "SBIN", "Google Pay"),
    ("okaxis", "UTIB", "Google Pay"),
    ("okbizaxis", "UTIB", "Google Pay for Business"),
    ("ybl", "YESB", "PhonePe"),
    ("ibl", "ICIC", "PhonePe"),
    ("axl", "UTIB", "PhonePe"),
    ("paytm", "PYTM", "Paytm"),
    ("ptyes", "YESB", "Paytm"),
    ("ptaxis", "UTIB", "Paytm"),
    ("pthdfc", "HDFC", "Paytm"),
    ("ptsbi", "SBIN", "Paytm"),
    ("apl", "UTIB", "Amazon Pay"),
    ("yapl", "YESB", "Amazon Pay"),
    ("rapl", "RATN", "Amazon Pay"),
    ("ikwik", "HDFC", "MobiKwik"),
    ("freecharge", "UTIB", "Freecharge"),
    ("waaxis", "UTIB", "WhatsApp Pay"),
    ("wahdfcbank", "HDFC", "WhatsApp Pay"),
    ("wasbi", "SBIN", "WhatsApp Pay"),
    ("waicici", "ICIC", "WhatsApp Pay"),
    ("jupiteraxis", "UTIB", "Jupiter"),
    ("axisbank", "UTIB", "Axis Bank"),
    ("hdfcbank", "HDFC", "HDFC Bank"),
    ("icici", "ICIC", "ICICI Bank"),
    ("sbi", "SBIN", "SBI YONO"),
    ("kotak", "KKBK", "Kotak Mahindra Bank"),
    ("kmbl", "KKBK", "Kotak Mahindra Bank"),
    ("yesbank", "YESB", "Yes Bank"),
    ("indus", "INDB", "IndusInd Bank"),
    ("idfcbank", "IDFB", "IDFC First Bank"),
    ("idfcfirst", "IDFB", "IDFC First Bank"),
    ("fbl", "FDRL", "Federal Bank"),
    ("federal", "FDRL", "Federal Bank"),
    ("pnb", "PUNB", "Punjab National Bank"),
    ("barodampay", "BARB", "Bank of Baroda"),
    ("cnrb", "CNRB", "Canara Bank"),
    ("unionbank", "UBIN", "Union Bank of India"),
    ("uboi", "UBIN", "Union Bank of India"),
    ("boi", "BKID", "Bank of India"),
    ("indianbank", "IDIB", "Indian Bank"),
    ("iob", "IOBA", "Indian Overseas Bank"),
    ("ucobank", "UCBA", "UCO Bank"),
    ("centralbank", "CBIN", "Central Bank of India"),
    ("mahb", "MAHB", "Bank of Maharashtra"),
    ("rbl", "RATN", "RBL Bank"),
    ("aubank", "AUBL", "AU Small Finance Bank"),
    ("kvb", "KVBL", "Karur Vysya Bank"),
    ("sib", "SIBL", "South Indian Bank"),
    ("kbl", "KARB", "Karnataka Bank"),
    ("cub", "CIUB", "City Union Bank"),
    ("tmb", "TMBL", "Tamilnad Mercantile Bank"),
    ("dbs", "DBSS", "DBS Bank India"),
    ("hsbc", "HSBC", "HSBC"),
    ("sc", "SCBL", "Standard Chartered"),
    ("citi", "CITI", "Citibank"),
    ("equitas", "ESFB", "Equitas Small Finance Bank"),
    ("bandhan", "BDBL", "Bandhan Bank"),
    ("airtel", "AIRP", "Airtel Payments Bank"),
    ("fino", "FINO", "Fino Payments Bank"),
    ("postbank", "IPOS", "India Post Payments Bank"),
    ("jio", "JIOP", "Jio Payments Bank"),
    ("nsdl", "NSPB", "NSDL Payments Bank"),
]

HOLD_NOTICE = {
    # language: (email subject, body for every channel)
    "en": (
        "FraudSafe: money put on hold ({{ ack_number }})",
        "FraudSafe: good news on your complaint {{ ack_number }}. {{ bank_name }} has put Rs {{ amount_held }} on "
        "hold in the account your money went to. Your case worker will tell you how to get it back (a court or "
        "police order may be needed). Never pay anyone who promises to release it. Help: {{ helpline_number }}.",
    ),
    "hi": (
        "FraudSafe: पैसा होल्ड पर ({{ ack_number }})",
        "FraudSafe: आपकी शिकायत {{ ack_number }} पर अच्छी खबर। {{ bank_name }} ने उस खाते में Rs {{ amount_held }} "
        "होल्ड कर दिए हैं जिसमें आपका पैसा गया था। पैसा वापस पाने का तरीका आपके केस वर्कर बताएँगे (अदालत या पुलिस "
        "के आदेश की ज़रूरत हो सकती है)। पैसा छुड़ाने के नाम पर किसी को भुगतान न करें। मदद: {{ helpline_number }}।",
    ),
    "bn": (
        "FraudSafe: টাকা আটকে রাখা হয়েছে ({{ ack_number }})",
        "FraudSafe: আপনার অভিযোগ {{ ack_number }}-এ ভালো খবর। আপনার টাকা যে অ্যাকাউন্টে গিয়েছিল, সেখানে {{ bank_name }} "
        "Rs {{ amount_held }} আটকে রেখেছে। টাকা কীভাবে ফেরত পাবেন, আপনার কেস কর্মী জানাবেন (আদালত বা পুলিশের আদেশ "
        "লাগতে পারে)। টাকা ছাড়িয়ে দেওয়ার কথা বলে কেউ টাকা চাইলে দেবেন না। সাহায্য: {{ helpline_number }}।",
    ),
    "mr": (
        "FraudSafe: पैसे रोखून ठेवले ({{ ack_number }})",
        "FraudSafe: तुमच्या तक्रार {{ ack_number }} बद्दल चांगली बातमी. तुमचे पैसे ज्या खात्यात गेले होते, त्यात "
        "{{ bank_name }} ने Rs {{ amount_held }} रोखून ठेवले आहेत. पैसे परत कसे मिळवायचे ते तुमचे केस कर्मचारी सांगतील "
        "(न्यायालयाचा किंवा पोलिसांचा आदेश लागू शकतो). पैसे सोडवून देतो म्हणणाऱ्या कोणालाही पैसे देऊ नका. मदत: "
        "{{ helpline_number }}.",
    ),
    "te": (
        "FraudSafe: డబ్బు నిలిపి ఉంచారు ({{ ack_number }})",
        "FraudSafe: మీ ఫిర్యాదు {{ ack_number }} గురించి మంచి వార్త. మీ డబ్బు వెళ్ళిన ఖాతాలో {{ bank_name }} "
        "Rs {{ amount_held }} నిలిపి ఉంచింది. డబ్బు తిరిగి ఎలా పొందాలో మీ కేస్ వర్కర్ చెబుతారు (కోర్టు లేదా పోలీసు "
        "ఆదేశం అవసరం కావచ్చు). డబ్బు విడిపిస్తామని చెప్పే ఎవరికీ డబ్బు చెల్లించవద్దు. సహాయం: {{ helpline_number }}.",
    ),
    "ta": (
        "FraudSafe: பணம் முடக்கப்பட்டது ({{ ack_number }})",
        "FraudSafe: உங்கள் புகார் {{ ack_number }} பற்றி நல்ல செய்தி. உங்கள் பணம் சென்ற கணக்கில் {{ bank_name }} "
        "Rs {{ amount_held }} தொகையை முடக்கி வைத்துள்ளது. பணத்தைத் திரும்பப் பெறுவது எப்படி என்று உங்கள் வழக்குப் "
        "பணியாளர் சொல்வார் (நீதிமன்ற அல்லது காவல்துறை உத்தரவு தேவைப்படலாம்). பணத்தை விடுவிப்பதாகச் சொல்லும் யாருக்கும் "
        "பணம் கொடுக்காதீர்கள். உதவி: {{ helpline_number }}.",
    ),
}


def install_mapping(Bank, UpiHandle) -> int:
    """Adds the seed banks and handles that are missing (edited ones are kept). Returns how many were added."""
    added = 0
    for code, name, kind, aliases in BANKS:
        _, created = Bank.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "aliases": aliases})
        added += created
    banks = {bank.code: bank for bank in Bank.objects.all()}
    for handle, code, app in UPI_HANDLES:
        _, created = UpiHandle.objects.get_or_create(handle=handle, defaults={"bank": banks[code], "app": app})
        added += created
    return added


def install_notice_templates(AlertTemplate, key: str = "money_on_hold") -> int:
    added = 0
    for language, (subject, body) in HOLD_NOTICE.items():
        for channel in ("whatsapp", "sms", "email"):
            _, created = AlertTemplate.objects.get_or_create(
                key=key,
                channel=channel,
                language=language,
                defaults={"subject": subject if channel == "email" else "", "body": body},
            )
            added += created
    return added
