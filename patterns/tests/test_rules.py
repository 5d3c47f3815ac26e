"""The pure rules over hour counts: ties, window merging, midnight wrap, alert placement."""

from patterns.analysis import alert_times, peak_hours, peak_windows


def counts(**by_hour: int) -> list[int]:
    hours = [0] * 24
    for key, value in by_hour.items():
        hours[int(key[1:])] = value
    return hours


def test_peak_hours_break_ties_by_earlier_clock_hour():
    hours = counts(h21=5, h3=5, h9=5, h12=7)

    assert peak_hours(hours, 3) == [{"hour": 12, "count": 7}, {"hour": 3, "count": 5}, {"hour": 9, "count": 5}]


def test_hours_without_cases_are_never_peaks():
    assert peak_hours(counts(h5=2), 3) == [{"hour": 5, "count": 2}]


def test_adjacent_peak_hours_merge_into_one_window():
    hours = counts(h19=10, h20=12, h21=11, h3=4)

    windows = peak_windows(hours, peak_hours(hours, 4))

    assert windows == [
        {"start_hour": 19, "end_hour": 22, "count": 33},
        {"start_hour": 3, "end_hour": 4, "count": 4},
    ]


def test_windows_wrap_past_midnight():
    hours = counts(h23=9, h0=10, h1=8)

    assert peak_windows(hours, peak_hours(hours, 3)) == [{"start_hour": 23, "end_hour": 2, "count": 27}]


def test_peak_at_midnight_recommends_alert_at_2200():
    hours = counts(h0=10)

    assert alert_times(peak_windows(hours, peak_hours(hours, 1)), 2) == ["22:00"]


def test_peak_at_one_recommends_alert_at_2300():
    hours = counts(h1=10)

    assert alert_times(peak_windows(hours, peak_hours(hours, 1)), 2) == ["23:00"]


def test_alert_never_falls_inside_another_peak_window():
    # Windows 18–19 and 20–21: two hours before 20:00 is 18:00, inside the first window → moved to 17:00.
    windows = [{"start_hour": 20, "end_hour": 21, "count": 9}, {"start_hour": 18, "end_hour": 19, "count": 8}]

    assert alert_times(windows, 2) == ["16:00", "17:00"]


def test_alert_lead_time_is_configurable():
    windows = [{"start_hour": 19, "end_hour": 22, "count": 9}]

    assert alert_times(windows, 3) == ["16:00"]


def test_chart_axes_end_on_round_gridlines():
    from patterns.charts import nice_max

    for value in (1, 7, 49, 328, 865, 12345):
        top = nice_max(value)
        assert top >= value and top % 4 == 0
        assert nice_max(value) < value * 2 + 4
