"""Words the citizen may type: answers (yes / no) and keywords, matched on the lower-cased, space-collapsed text."""

import re

YES = {"yes", "y", "1", "haan", "ha", "han", "हाँ", "हां"}
NO = {"no", "n", "2", "nahi", "nahin", "नहीं"}
GREETINGS = {"hi", "hello", "start", "hey", "namaste", "नमस्ते"}

CANCEL = {"cancel"}
RESTART = {"restart"}
HELP = {"help"}
STATUS = {"status", "my complaints"}
JOIN = {"join"}
STOP = {"stop", "unsubscribe"}

CONFIRM = {"confirm", "yes", "y", "1", "submit"}
EDIT = {"edit", "2", "change"}
DONE = {"done", "finish", "finished"}
ADD = {"add"}
RESUME = {"1", "resume", "continue"}
START_AGAIN = {"2", "start again", "new", "start over"}

# "Don't know" answers every optional question (the fraudster's details); it never blocks the complaint.
DONT_KNOW = {
    "don't know", "dont know", "don’t know", "do not know", "dk", "dunno", "unknown", "not known", "skip",
    "no idea", "na", "n/a", "-", "no", "nahi", "nahin", "pata nahi", "पता नहीं", "नहीं पता", "नहीं", "मालूम नहीं",
}  # fmt: skip

EDIT_LINE = re.compile(r"^\s*(\d+(?:\.\d+){1,2})\s*[=:]\s*(.*?)\s*$")
REMOVE = re.compile(r"(?:remove|delete)\s+(?:2\.)?(\d+)")


def normalise(text: str) -> str:
    return " ".join((text or "").strip().lower().split())
