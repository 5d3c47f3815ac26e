from datetime import time

import pytest

from fraudsafe.clock import parse_hhmm


def test_hhmm_is_read_one_way():
    assert parse_hhmm("14:30") == time(14, 30) and parse_hhmm(" 9:05 ") == time(9, 5)


@pytest.mark.parametrize("bad", ["1430", "14:3", "25:00", "ab:cd", "14:30:00", ""])
def test_anything_else_is_refused(bad):
    with pytest.raises(ValueError):
        parse_hhmm(bad)
