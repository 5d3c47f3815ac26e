"""Reading a payment screenshot: what a victim sends instead of typing a 12-digit UTR.

- `ocr.py` turns an image into text, offline (Tesseract, when installed; bounded in time and size);
- `extract.py` finds the transaction in that text (amount, date and time, UTR / reference, the payee's UPI ID
  or account + IFSC, the payer's bank), tolerant of OCR noise, in English and the helpline's languages;
- `samples.py` draws synthetic receipts (UPI apps, bank SMS, net banking) for the tests and the bench — never
  real people's.

Nothing read is stored as the victim's answer until the victim says yes; every value still passes the same
validator as if typed.
"""
