"""Geometry of the dashboard's server-side SVG charts (templates only draw what this computes)."""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fraudsafe.money import grouped
from fraudsafe.vocabulary import FraudCategory, fraud_type_label

PALETTE = ["#0b5cad", "#e4572e", "#17a398", "#f3a712", "#8e44ad", "#3d5a80", "#c9184a", "#6a994e", "#8d99ae"]
WEEKDAYS = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def nice_max(value: int, ticks: int = 4) -> int:
    """A round axis maximum at or above value whose `ticks` gridlines fall on whole, round numbers."""
    if value <= 0:
        return ticks
    raw = value / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        tick = step * magnitude
        if tick >= raw and tick == int(tick):
            return int(tick) * ticks
    return 10 * magnitude * ticks


def hour_chart(report: dict, width: int = 760, height: int = 280) -> dict:
    left, right, top, bottom = 44, 12, 40, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    counts = report["hour_counts"]
    peak_hours = {peak["hour"] for peak in report["peak_hours"]}
    alert_hours = {int(time[:2]) for time in report["recommended_alert_times"]}
    axis_max = nice_max(max(counts))
    slot = plot_w / 24
    bars = []
    for hour, count in enumerate(counts):
        h = plot_h * count / axis_max
        bars.append(
            {
                "x": round(left + hour * slot + slot * 0.12, 1),
                "y": round(top + plot_h - h, 1),
                "w": round(slot * 0.76, 1),
                "h": round(h, 1),
                "cx": round(left + hour * slot + slot / 2, 1),
                "hour": hour,
                "label": f"{hour:02d}",
                "show_label": hour % 3 == 0,
                "count": count,
                "peak": hour in peak_hours,
                "alert": hour in alert_hours,
            }
        )
    bands = []
    for window in report["peak_windows"]:
        length = (window["end_hour"] - window["start_hour"]) % 24 or 24
        start = window["start_hour"]
        first = min(length, 24 - start)
        for offset, span in ((start, first), (0, length - first)):
            if span:
                bands.append({"x": round(left + offset * slot, 1), "w": round(span * slot, 1)})
    grid = [{"y": round(top + plot_h - plot_h * i / 4, 1), "value": round(axis_max * i / 4)} for i in range(5)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "bottom_y": top + plot_h,
        "bars": bars,
        "bands": bands,
        "grid": grid,
        "label_y": top + plot_h + 18,
    }


def change_text(change: int | None, days: int) -> str:
    """ "+605 vs previous 90 days" (the change against the previous period of the same length)."""
    if change is None:
        return ""
    signed = f"+{grouped(change)}" if change > 0 else (f"−{grouped(-change)}" if change < 0 else "±0")
    return ngettext("%(change)s vs previous %(days)d day", "%(change)s vs previous %(days)d days", days) % {
        "change": signed,
        "days": days,
    }


def place_bars(report: dict, limit: int = 8, width: int = 560, days: int | None = None) -> dict:
    """Horizontal bars of the riskiest districts (national view) or of the district's areas (district view)."""
    if days is None:
        days = report_days(report)
    if report.get("district"):
        areas = report["districts"][0]["areas"] if report["districts"] else []
        rows = [{"name": a["area"], "count": a["count"], "share": a["share"], "change": None} for a in areas]
    else:
        rows = [
            {"name": d["district"], "count": d["count"], "share": d["share"], "change": d["change"]}
            for d in report["districts"]
        ]
    rows = rows[:limit]
    axis_max = max((row["count"] for row in rows), default=1) or 1
    label_w, row_h = 130, 30
    bar_space = width - label_w - 250  # room for "1,234 +605 vs previous 90 days"
    items = []
    for i, row in enumerate(rows):
        bar_w = round(max(2, bar_space * row["count"] / axis_max), 1)
        items.append(
            {
                **row,
                "y": i * row_h + 6,
                "text_y": i * row_h + 20,
                "w": bar_w,
                "share": round(row["share"] * 100, 1),
                "value_x": round(label_w + bar_w + 6, 1),
                "change_text": change_text(row["change"], days),
            }
        )
    return {"width": width, "height": max(1, len(items)) * row_h + 6, "label_w": label_w, "rows": items}


def report_days(report: dict) -> int:
    """The length of the report's window in whole days."""
    window = report.get("window") or {}
    try:
        start, end = dt.datetime.fromisoformat(window["start"]), dt.datetime.fromisoformat(window["end"])
    except (KeyError, TypeError, ValueError):
        return 0
    return round((end - start).total_seconds() / 86400)


def donut_entries(entries: list[dict], limit: int = len(PALETTE)) -> list[dict]:
    """At most `limit` slices, each with its own colour: the largest types, the rest (and "other") as one
    "other" slice last, so the legend can list every slice."""
    if len(entries) <= limit:
        return entries
    keep = [e for e in entries if e["fraud_type"] != "other"][: limit - 1]
    kept = {e["fraud_type"] for e in keep}
    rest = [e for e in entries if e["fraud_type"] not in kept]
    if rest:
        keep.append(
            {
                "fraud_type": "other",
                "count": sum(e["count"] for e in rest),
                "share": round(sum(e["share"] for e in rest), 4),
            }
        )
    return keep


def donut(report: dict, key: str = "fraud_types", radius: int = 70, stroke: int = 28) -> dict:
    entries = donut_entries(report[key]) if key == "fraud_types" else report[key]
    circumference = 2 * math.pi * radius
    offset, slices = 0.0, []
    for i, entry in enumerate(entries):
        length = circumference * entry["share"]
        slices.append(
            {
                "color": PALETTE[i % len(PALETTE)],
                "dash": f"{length:.2f} {circumference - length:.2f}",
                "offset": f"{-offset:.2f}",
                "label": fraud_type_label(entry["fraud_type"]) if key == "fraud_types" else entry[key[:-1]],
                "count": entry["count"],
                "percent": round(entry["share"] * 100, 1),
            }
        )
        offset += length
    size = 2 * (radius + stroke)
    return {"size": size, "c": size / 2, "r": radius, "stroke": stroke, "slices": slices}


def trend_chart(report: dict, width: int = 470, height: int = 210) -> dict:
    """The daily line. A day still under way (the report's own day) is drawn apart, dashed to a hollow dot, so that
    a few hours of cases do not read as a plunge."""
    left, right, top, bottom = 40, 10, 16, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    days = report["trend_daily"]
    axis_max = nice_max(max((day["count"] for day in days), default=0))
    n = len(days)
    points = []
    for i, day in enumerate(days):
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        y = top + plot_h - plot_h * day["count"] / axis_max
        points.append((round(x, 1), round(y, 1)))
    partial = bool(days) and days[-1]["date"] == _report_day(report)
    whole = points[:-1] if partial and n > 1 else points
    line = " ".join(f"{x},{y}" for x, y in whole)
    area = f"{left},{top + plot_h} {line} {whole[-1][0]},{top + plot_h}" if whole else ""
    step = max(1, math.ceil(n / 5))
    ticks = [{"x": points[i][0], "label": days[i]["date"][5:]} for i in range(0, n, step)]
    grid = [
        {"y": round(top + plot_h - plot_h * i / 4, 1), "value": grouped(round(axis_max * i / 4))} for i in range(5)
    ]
    today = None
    if partial:
        x, y = points[-1]
        today = {"x": x, "y": y, "count": days[-1]["count"], "line": " ".join(f"{px},{py}" for px, py in points[-2:])}
    return {
        "width": width,
        "height": height,
        "left": left,
        "right_x": left + plot_w,
        "bottom_y": top + plot_h,
        "line": line,
        "area": area,
        "ticks": ticks,
        "grid": grid,
        "label_y": top + plot_h + 18,
        "today": today,
        "empty": not points,
    }


def _report_day(report: dict) -> str | None:
    """The helpline-time date the report was computed on (its last day is partial), as an ISO date."""
    computed = report.get("computed_at")
    if not computed:
        return None
    moment = dt.datetime.fromisoformat(computed)
    zone = ZoneInfo(report.get("time_zone") or settings.TIME_ZONE)
    return (moment.astimezone(zone) if moment.tzinfo else moment).date().isoformat()


def zone_label(name: str, now: dt.datetime | None = None) -> str:
    """A time zone as staff read it: "IST (UTC+5:30)" for Asia/Kolkata."""
    zone = ZoneInfo(name)
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    offset = f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    abbreviation = moment.tzname() or name
    return offset if abbreviation.startswith(("+", "-")) or abbreviation == "UTC" else f"{abbreviation} ({offset})"


def category_rows(report: dict) -> list[dict]:
    """Financial / Social counts with their translated names."""
    labels = dict(FraudCategory.choices)
    return [{"name": str(labels.get(c["category"], c["category"])), "count": c["count"]} for c in report["categories"]]


def weekday_rows(report: dict) -> list[dict]:
    counts = report["weekday_counts"]
    top = max(counts) or 1
    return [{"name": WEEKDAYS[i], "count": count, "pct": round(100 * count / top)} for i, count in enumerate(counts)]
