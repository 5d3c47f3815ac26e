import logging

from fraudsafe.masking import MaskPersonalDataFilter, mask_account, mask_phone, mask_text


def test_mask_phone_keeps_country_code_and_last_four():
    assert mask_phone("+919876543210") == "+91XXXXXX3210"


def test_mask_account_keeps_last_four():
    assert mask_account("123456789012") == "XXXXXXXX9012"


def test_free_text_masks_every_long_number_but_keeps_short_ones():
    text = "UPI 123456789012 from +919876543210 amount 5000 aadhaar 2345 6789 0123 on 12-3-2026"
    masked = mask_text(text)
    assert "123456789012" not in masked and "9876543210" not in masked and "2345 6789 0123" not in masked
    assert "5000" in masked and "12-3-2026" in masked and masked.endswith("0123 on 12-3-2026")


def test_log_filter_masks_the_final_message():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "account %s", ("123456789012",), None)
    MaskPersonalDataFilter().filter(record)
    assert record.getMessage() == "account XXXXXXXX9012"


def test_acknowledgement_numbers_stay_readable_in_logs():
    assert (
        mask_text("complaint FS-2026-000123 filed from +919876543210")
        == "complaint FS-2026-000123 filed from +XXXXXXXX3210"
    )
