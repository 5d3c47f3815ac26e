# Hindi pages read dates like English ones (day-month order, 24-hour clock, the zone named).
from fraudsafe.formats.en.formats import *  # noqa: F403
