"""Demo complaints for the run command (filed as if over WhatsApp, with PDFs). Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from complaints.models import Complaint
from complaints.services import complaint_submit
from complaints.workflow import complaint_claim
from fraudsafe.registry import demo_loaders

# Each demo attender starts the day with a complaint or two of their own (the rest wait in the unassigned queue).
DEMO_HANDLERS = {"+919876500002": "attender1", "+919876500004": "attender1", "+919876500005": "attender2"}

# (phone, name, father's name, district, PIN, [(days ago, time, bank, account, amount, reference, fraud type)])
DEMO_COMPLAINTS = [
    (
        "+919876500001",
        "Anil Sharma",
        "Mohan Sharma",
        "Bengaluru Urban",
        "560066",
        [(1, "21:40", "State Bank of India", "30112233445", "24999.00", "412398765432", "upi")],
    ),
    (
        "+919876500002",
        "Priya Nair",
        "Gopal Nair",
        "Bengaluru Urban",
        "560034",
        [
            (2, "11:05", "HDFC Bank", "50100234567891", "150000.00", "HDFCN24111912345", "investment"),
            (2, "11:32", "HDFC Bank", "50100234567891", "85000.00", "HDFCN24111954321", "investment"),
        ],
    ),
    (
        "+919876500003",
        "Suresh Patil",
        "Vasant Patil",
        "Pune",
        "411057",
        [
            (3, "23:15", "ICICI Bank", "001234567890", "9999.00", "T2411181234ABCD", "job_task"),
            (3, "23:50", "ICICI Bank", "001234567890", "19999.00", "T2411181299WXYZ", "job_task"),
            (2, "00:20", "Axis Bank", "917020012345678", "45000.00", "AXIS998877665544", "job_task"),
        ],
    ),
    (
        "+919876500004",
        "Fatima Khan",
        "Imran Khan",
        "Hyderabad",
        "500032",
        [(4, "14:30", "Kotak Mahindra Bank", "1234567890", "5000.00", "KKBK24111712345", "loan_app")],
    ),
    (
        "+919876500005",
        "Rahul Verma",
        "Ashok Verma",
        "Jaipur",
        "302017",
        [(1, "19:10", "Punjab National Bank", "0123000100456789", "72000.00", "PNB2411201234567", "impersonation")],
    ),
    (
        "+919876500006",
        "Lakshmi Rao",
        "Venkat Rao",
        "Chennai",
        "600020",
        # "now": 35 minutes before the demo data is loaded, so the unassigned queue shows a golden-hour case.
        [("now", "", "Indian Bank", "6543210987", "185000.00", "IDIB26112912345", "investment")],
    ),
    (  # filed in Hindi: her PDF is in Hindi with English beside it
        "+919876500007",
        "सुनीता देवी",
        "रामेश्वर प्रसाद",
        "Lucknow",
        "226001",
        [(1, "10:25", "Bank of Baroda", "27080100012345", "32000.00", "BARB24112012345", "impersonation")],
    ),
    (  # filed in Tamil
        "+919876500008",
        "முருகன் செல்வம்",
        "செல்வம் ராஜா",
        "Coimbatore",
        "641001",
        [(2, "16:45", "Canara Bank", "110023456789", "58000.00", "CNRB24111912345", "upi")],
    ),
]
# The language each demo complaint was filed in (English where not named): a newcomer sees the languages.
DEMO_LANGUAGES = {"+919876500007": "hi", "+919876500008": "ta"}


@demo_loaders.register
def load(*, stdout, style) -> None:
    today = timezone.localdate()
    recent = timezone.localtime() - timedelta(minutes=35)
    created = 0
    for phone, name, father, district, pin, transactions in DEMO_COMPLAINTS:
        if Complaint.objects.filter(citizen__phone=phone).exists():
            continue
        complaint_submit(
            phone=phone,
            answers={
                "name": name,
                "mobile": phone[-10:],
                "dob": "1988-03-14",
                "father_name": father,
                "district": district,
                "pin_code": pin,
            },
            transactions=[
                {
                    "date": recent.date().isoformat() if days == "now" else (today - timedelta(days=days)).isoformat(),
                    "time": recent.strftime("%H:%M") if days == "now" else at,
                    "bank": bank,
                    "account_number": account,
                    "amount": amount,
                    "transaction_id": reference,
                    "fraud_type": kind,
                }
                for days, at, bank, account, amount, reference, kind in transactions
            ],
            language=DEMO_LANGUAGES.get(phone, "en"),
        )
        created += 1
    for phone, username in DEMO_HANDLERS.items():
        attender = User.objects.filter(username=username, role=User.Role.ATTENDER).first()
        waiting = Complaint.objects.filter(citizen__phone=phone, handler__isnull=True, status=Complaint.Status.PENDING)
        complaint = waiting.first()
        if attender and complaint:
            complaint_claim(complaint_id=complaint.pk, attender=attender)
    stdout.write(f"  {Complaint.objects.count()} complaints ({created} new)")
