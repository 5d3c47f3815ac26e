"""A faithful text layer for shaped text in ReportLab PDFs: what a reader copies, searches or extracts from a Hindi,
Bengali, Telugu or Tamil PDF is what the citizen typed, not a jumble of glyph variants.

HarfBuzz turns the characters of a syllable (a cluster: क + ् + ष, or क + ि) into glyphs that are reordered,
merged into conjuncts or swapped for contextual forms. ReportLab maps such glyphs to private code points, so the
PDF's text reads "शकायत" for "शिकायत". Here, after ReportLab shapes a word, each cluster's characters are shared out
over its glyphs in typed order, each glyph getting a code of its own whose ToUnicode entry is its share: the page
looks the same, and its text is the logical Unicode string. Installed once by `install()`.
"""

import threading

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph

_FIRST_CODE = 0xF0000  # Supplementary Private Use Area-A: never a character a citizen types, nor one ReportLab uses
_lock = threading.Lock()
_text_of: dict[int, str] = {}  # code → the characters its glyph stands for ("" for a cluster's later glyphs)
_code_of: dict[tuple[str, int, str, float], int] = {}  # (font, glyph id, text, width) → code
_next_code = [_FIRST_CODE]
_original_shape = ttfonts.shapeFragWord
_original_cmap = ttfonts.makeToUnicodeCMap


def _code(font, glyph: int, text: str, width: float) -> int:
    key = (font.fontName, glyph, text, width)
    with _lock:
        code = _code_of.get(key)
        if code is None:
            code = _code_of[key] = _next_code[0]
            _next_code[0] += 1
            _text_of[code] = text
            face = font.face
            face.charToGlyph[code] = glyph
            face.glyphToChar.setdefault(glyph, []).append(code)
            face.charWidths[code] = width
    return code


# ReportLab shapes with discretionary ligatures on (dlig), so Noto Sans draws "st" as one curled glyph and a
# reader sees "Dis?rict". An official document is set as print: no dlig anywhere, and Latin words are drawn glyph
# for character (no "fi"/"st" ligatures either); Indic scripts keep their standard ligatures, which they need.
_LATIN_FEATURES = {"kern": True, "liga": False, "dlig": False, "clig": False}
_INDIC_FEATURES = {"kern": True, "liga": True, "dlig": False}
_LAST_LATIN = 0x24F  # Basic Latin … Latin Extended-B; punctuation and digits are below it too


def features_for(text: str) -> dict:
    """The OpenType features a word is shaped with: Latin glyph for character, other scripts their standard set."""
    latin = all(ord(c) <= _LAST_LATIN or 0x2000 <= ord(c) <= 0x20CF for c in text)  # … plus punctuation and ₹
    return _LATIN_FEATURES if latin else _INDIC_FEATURES


def shape_frag_word(w, features=None, **kwargs):
    """ReportLab's shapeFragWord, then each glyph's character re-coded to carry its share of its cluster's text."""
    if features is None:
        features = features_for("".join(s for f, s in w[1:] if not hasattr(f, "cbDefn")))
    new = _original_shape(w, features, **kwargs)
    if new is w:
        return w
    text = "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))
    runs = [(i, f, s) for i, (f, s) in enumerate(new[1:], start=1) if not hasattr(f, "cbDefn")]
    runs = [(i, f, s) for i, f, s in runs if len(getattr(s, "__shapeData__", ())) == len(s) > 0]
    glyphs = [(r, g, d.cluster) for r, (_i, _f, s) in enumerate(runs) for g, d in enumerate(s.__shapeData__)]
    clusters = sorted({cluster for _r, _g, cluster in glyphs})
    ends = dict(zip(clusters, [*clusters[1:], len(text)], strict=True))
    wanted: dict[tuple[int, int], str] = {}
    for cluster in clusters:
        members = [(r, g) for r, g, c in glyphs if c == cluster]
        for member, part in zip(members, _shares(text[cluster : ends[cluster]], len(members)), strict=True):
            wanted[member] = part
    for r, (index, frag, shaped) in enumerate(runs):
        data = _folded(list(shaped.__shapeData__))
        font = pdfmetrics.getFont(frag.fontName)
        chars = []
        for g, (char, datum) in enumerate(zip(shaped, data, strict=True)):
            part = wanted[(r, g)]
            glyph = font.face.charToGlyph.get(ord(char))
            width = datum.width
            if glyph is None or (part == char and width == font.face.charWidths.get(ord(char))):
                chars.append(char)
                continue
            chars.append(chr(_code(font, glyph, part, width)))
        item = (frag, ttfonts.ShapedStr("".join(chars), shapeData=data))
        new[index] = item if isinstance(new[index], tuple) else list(item)
    return new


def _folded(data: list) -> list:
    """Glyph offsets folded into glyph widths, so text extractors find no kerning numbers between the glyphs of a
    word (they read those as spaces: "क ु"). ReportLab moves the pen by `x_advance` and draws the glyph `x_offset`
    from it; here glyph i advances to where glyph i+1 is drawn, its width is that advance (never below 0: the rest
    stays a small kerning number) and only the first glyph keeps an offset. Every glyph lands where HarfBuzz put it."""
    if not data:
        return data
    offsets = [d.x_offset for d in data] + [0]
    folded = []
    for g, d in enumerate(data):
        own = offsets[g] if g else 0  # the first glyph keeps its offset; the others are drawn at the pen
        advance = d.x_advance + offsets[g + 1] - own
        offset = offsets[0] if g == 0 else 0
        folded.append(d._replace(x_advance=advance, x_offset=offset, width=max(advance - offset, 0)))
    return folded


def _shares(text: str, glyphs: int) -> list[str]:
    """A cluster's characters shared out over its glyphs in logical order: a conjunct glyph takes several characters
    (क्ष), a reordered pair reads in typed order (ि क → क, ि), extra glyphs (marks) take none."""
    if glyphs >= len(text):
        return [*text, *([""] * (glyphs - len(text)))]
    head = len(text) - glyphs + 1
    return [text[:head], *text[head:]]


def to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode CMap, with the re-coded glyphs mapped to their cluster's text (UTF-16BE)."""
    if not any(code in _text_of for code in subset):
        return _original_cmap(fontname, subset)
    cmap = _original_cmap(fontname, subset).split("\n")
    start = next(n for n, line in enumerate(cmap) if line.endswith("beginbfchar")) + 1
    for position, code in enumerate(subset):
        if code in _text_of:
            cmap[start + position] = f"<{position:02X}> <{_text_of[code].encode('utf-16-be').hex().upper()}>"
    return "\n".join(cmap)


def install() -> None:
    """Routes ReportLab's shaping and ToUnicode maps through this module (idempotent)."""
    ttfonts.shapeFragWord = paragraph.shapeFragWord = shape_frag_word
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
