"""Vietnamese text: NFC normalisation, diacritic-blind folding (đ = d), name sort keys and
search tokens. (Text typed in the legacy TCVN3 and VNI encodings: app.domain.legacy_text.)

Pure Python (stdlib only). Everything that runs once per record uses ``str.translate``
with tables built at import time (or filled lazily, once per distinct character).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "nfc",
    "fold",
    "clean_text",
    "name_sort_key",
    "search_tokens",
    "fts_match_expression",
    "dmy",
]

_normalize = unicodedata.normalize
_category = unicodedata.category
_combining = unicodedata.combining


def nfc(s: str) -> str:
    return _normalize("NFC", s)


# --------------------------------------------------------------------------- fold


def _fold_reference(s: str) -> str:
    """The definition of :func:`fold` (BRIEF §9), applied to the whole string."""
    s = _normalize("NFD", s.casefold())
    return "".join(c for c in s if _category(c) != "Mn").replace("đ", "d")


class _Reordering(Exception):
    """A character whose fold keeps a combining character (ccc ≠ 0, not Mn): NFD could
    reorder it against its neighbours, so folding character by character is not exact."""


class _FoldTable(dict):
    """Translate table: character → its fold (casefold → NFD → drop Mn → đ→d).

    Folding is done per character, which equals folding the whole string because
    casefold and decomposition work per character and NFD's reordering only moves
    combining characters - all dropped, except 25 rare spacing ones (Balinese, musical
    symbols...), for which :func:`fold` falls back to the whole-string definition.
    Filled lazily, one entry per distinct character."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        decomposed = _normalize("NFD", ch.casefold())
        if any(_combining(c) and _category(c) != "Mn" for c in decomposed):
            raise _Reordering
        value = _fold_reference(ch)
        self[cp] = value
        return value


_FOLD_TABLE = _FoldTable()  # filled as characters are met (warming it for Vietnamese cost every start 2 ms)


_NOT_ASCII_OR_MARK = re.compile("[^\x00-\x7f\u0300-\u036f]")  # U+0300–U+036F are all Mn


def fold(s: str) -> str:
    """casefold → NFD → drop combining marks (Mn) → đ→d.  "Đặng Văn Ưng" → "dang van ung".

    For search, not display.  Same result for NFC and NFD input."""
    if s.isascii():
        return s.lower()  # casefold == lower on ASCII, NFD is the identity
    # Fast path, all in C: Vietnamese text decomposes into ASCII letters plus marks in U+0300–U+036F.
    t = _normalize("NFD", s.casefold()).replace("đ", "d")
    if _NOT_ASCII_OR_MARK.search(t) is None:
        return t.encode("ascii", "ignore").decode("ascii")
    # Something else is left (quotes, dashes, other scripts): the per-character table is exact.
    try:
        return s.translate(_FOLD_TABLE)
    except _Reordering:
        return _fold_reference(s)


# --------------------------------------------------------------------- clean_text

_ZERO_WIDTH = (
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings / overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # BOM / zero-width no-break space
)
_CLEAN_TABLE: dict[int, str | None] = {}
for _cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):  # category Cc
    _CLEAN_TABLE[_cp] = None
_CLEAN_TABLE[0x09] = " "  # tab → space (runs collapse below)
_CLEAN_TABLE[0x0A] = "\n"
for _ch in _ZERO_WIDTH:
    _CLEAN_TABLE[ord(_ch)] = None
#: Unicode space separators (category Zs) above ASCII: NBSP, Ogham space, en/em/thin… spaces, narrow NBSP, medium
#: mathematical space, ideographic space. Listed, not searched for at every start (a test checks the list against
#: unicodedata).
SPACE_SEPARATORS = (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
for _cp in SPACE_SEPARATORS:  # → space
    _CLEAN_TABLE[_cp] = " "
_CLEAN_TABLE[0x2028] = "\n"  # line separator
_CLEAN_TABLE[0x2029] = "\n"  # paragraph separator
del _cp, _ch

_NEEDS_CLEANING = re.compile("[" + "".join(
    re.escape(chr(cp)) for cp in sorted(cp for cp, v in _CLEAN_TABLE.items() if v != chr(cp))) + "]")
_SPACE_RUN = re.compile(r" {2,}")
_SPACE_AROUND_NL = re.compile(r" *\n *")


def clean_text(s: str) -> str:
    """NFC; \\r\\n and \\r → \\n; drop control characters except \\n and \\t and drop
    zero-width characters; tabs and Unicode spaces → space; runs of spaces → one space;
    spaces at the start/end of each line and of the whole text removed; newlines kept.

    The soft hyphen U+00AD is deliberately kept: it is "ư" in TCVN3 text, so legacy
    conversion must be able to see it (run :func:`convert_legacy` before or after)."""
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_CLEANING.search(s) is None:
        # Common case, checked in C: nothing to drop or map, only NFC and spaces to tidy.
        if not unicodedata.is_normalized("NFC", s):
            s = _normalize("NFC", s)
    else:
        s = _normalize("NFC", s.translate(_CLEAN_TABLE))
    if "  " in s:
        s = _SPACE_RUN.sub(" ", s)
    if "\n" in s:
        s = _SPACE_AROUND_NL.sub("\n", s)
    return s.strip(" \n")


# ------------------------------------------------------------ Vietnamese letters

#: Vietnamese alphabet order (dictionary order of the Lexicography Centre), with
#: the Latin letters Vietnamese does not use (f j w z) at their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: tone order: none, huyền, hỏi, ngã, sắc, nặng
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_VOWELS = "aăâeêioôơuưy"
_MODIFIERS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _build_vietnamese_letters() -> dict[str, tuple[str, int]]:
    """Every Vietnamese letter (both cases, precomposed NFC form) → (base letter, tone)."""
    table: dict[str, tuple[str, int]] = {"đ": ("đ", 0), "Đ": ("đ", 0)}
    candidates = [chr(c) for c in range(0x41, 0x7B)]
    candidates += [chr(c) for c in range(0xC0, 0x250)] + [chr(c) for c in range(0x1EA0, 0x1F00)]
    for ch in candidates:
        if not ch.isalpha():
            continue
        decomposed = _normalize("NFD", ch)
        base, marks = decomposed[0].lower(), decomposed[1:]
        if not ("a" <= base <= "z"):
            continue
        tone = 0
        ok = True
        for mark in marks:
            if (base, mark) in _MODIFIERS:
                base = _MODIFIERS[(base, mark)]
            elif mark in _TONE_MARKS and tone == 0:
                tone = _TONE_MARKS[mark]
            else:
                ok = False
        if ok and (tone == 0 or base in _VOWELS):  # tones sit on vowels only (not ñ, ń...)
            table[ch] = (base, tone)
    return table


_VN_LETTERS = _build_vietnamese_letters()
# 52 ASCII letters + 134 letters with diacritics (67 lowercase, 67 uppercase)
assert len(_VN_LETTERS) == 52 + 134, len(_VN_LETTERS)

# ----------------------------------------------------------------- name sort key

# Key layout (printable ASCII, except copies of letters outside the alphabet):
#   letters  " "  tones  " "  tie-break
# letters: the given name, "!", the middle names separated by "#", "!", the family
#          name; one code per letter or digit: digits "0"-"9" < the 33 letters of the
#          Vietnamese alphabet "A".."a" (in alphabet order) < other letters ("{" + the
#          casefolded letter itself).  Punctuation is ignored.
# " " < "!" < "#" < every code, so whatever is shorter sorts first: "An" < "Anh",
# "An" < "Trần An" (no family name), "Trần An" < "Lê Thị An" (no middle name).
# tones: one digit 0-5 per letter/digit, compared only when all letters are equal.
# tie-break: the name itself (NFC, single spaces), so different spellings ("An", "AN")
# never share a key and the order is deterministic.
_KEY_OTHER = "{"  # (the separators " ", "!", "#" are written out in name_sort_key)


class _SortLetterTable(dict):
    def __missing__(self, cp: int) -> str | None:
        ch = chr(cp)
        value = _KEY_OTHER + ch.casefold() if ch.isalnum() else None  # punctuation, marks: ignored
        self[cp] = value
        return value


class _SortToneTable(dict):
    def __missing__(self, cp: int) -> str | None:
        value = "0" if chr(cp).isalnum() else None
        self[cp] = value
        return value


_SORT_LETTERS = _SortLetterTable()
_SORT_TONES = _SortToneTable()
for _d in "0123456789":
    _SORT_LETTERS[ord(_d)] = _d
    _SORT_TONES[ord(_d)] = "0"
for _ch, (_base, _tone) in _VN_LETTERS.items():
    _SORT_LETTERS[ord(_ch)] = chr(0x41 + _ALPHABET.index(_base))
    _SORT_TONES[ord(_ch)] = str(_tone)
del _d, _ch, _base, _tone

#: word → (letter codes, tone digits); names reuse a few thousand words, so this cache
#: makes the key a few dictionary look-ups (bounded: stops growing at 100,000 words)
_WORD_KEYS: dict[str, tuple[str, str]] = {}


def _word_key(word: str) -> tuple[str, str]:
    key = (word.translate(_SORT_LETTERS), word.translate(_SORT_TONES))
    if len(_WORD_KEYS) < 100_000:
        _WORD_KEYS[word] = key
    return key


def name_sort_key(name: str) -> str:
    """Sort key for a Vietnamese person name, to be compared with plain ``<`` (or SQLite
    BINARY): given name (last word), then the middle names in order, then the family name
    (first word); letters in Vietnamese alphabet order (a ă â b c d đ e ê ... o ô ơ ...
    u ư ...; digits first, other letters after z), case-insensitive; tones (none, huyền,
    hỏi, ngã, sắc, nặng) only break ties once all letters of the name are equal."""
    words = _normalize("NFC", name).split()
    if not words:
        return ""
    try:
        keys = [_WORD_KEYS[w] for w in words]
    except KeyError:
        keys = [_WORD_KEYS.get(w) or _word_key(w) for w in words]
    given, family = keys[-1], keys[0]
    n = len(keys)
    if n == 3:  # the common case, spelled out for speed
        middle = keys[1]
        letters = given[0] + "!" + middle[0] + "!" + family[0]
        tones = given[1] + middle[1] + family[1]
    elif n == 1:
        letters, tones = given[0] + "!!", given[1]
    elif n == 2:
        letters, tones = given[0] + "!!" + family[0], given[1] + family[1]
    else:
        middles = keys[1:-1]
        letters = given[0] + "!" + "#".join([k[0] for k in middles]) + "!" + family[0]
        tones = given[1] + "".join([k[1] for k in middles]) + family[1]
    return letters + " " + tones + " " + " ".join(words)


def text_sort_key(text: str) -> str:
    """Sort key for a title or any phrase (a model's name), word by word from the first, in the Vietnamese
    alphabet order of `name_sort_key` (Đ after D, Ư after U), tones breaking ties only — not a person's name,
    which sorts by its last word."""
    words = _PHRASE_WORD.findall(_normalize("NFC", text))  # a stand-alone dash or quote is no word to sort by
    keys = [_WORD_KEYS.get(w) or _word_key(w) for w in words]
    return "!".join(k[0] for k in keys) + " " + "".join(k[1] for k in keys)


_PHRASE_WORD = re.compile(r"[^\W_]+")


# ------------------------------------------------------------------------ search

_TOKEN = re.compile(r"[^\W_]+")


def search_tokens(query: str) -> list[str]:
    """Folded word tokens of a search query: runs of Unicode letters/digits; everything
    else (quotes, *, /, -, parentheses, ...) separates.  ``123/QĐ-UBND`` → 123, qd, ubnd."""
    return _TOKEN.findall(fold(query))


def fts_match_expression(query: str) -> str | None:
    """Safe SQLite FTS5 MATCH string: every token quoted, implicit AND, the last one prefix-matched (it may
    still be being typed; the words before it are complete — prefixing them too made "do van thai" match every
    word starting with "do").  ``"dang van duc"`` → ``"dang" "van" "duc"*``; None when the query has no token."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


def vn_number(n: int) -> str:
    """A count the Vietnamese way, "." between thousands (24.254), as GLOSSARY asks for every print."""
    return f"{int(n):,}".replace(",", ".")


def local_dmy_hm(stamp: str | None) -> str:
    """A UTC time stamp (as stored) as this computer's wall-clock time, dd/mm/yyyy HH:MM; empty for nothing."""
    from datetime import datetime, timezone

    if not stamp:
        return ""
    try:
        t = datetime.fromisoformat(stamp)
    except ValueError:
        return str(stamp)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone().strftime("%d/%m/%Y %H:%M")


def dmy(value) -> str:
    """An ISO date or date-time as dd/mm/yyyy (how every screen, print and message writes a date); empty for
    nothing; anything else as it is."""
    if not value:
        return ""
    s = str(value)
    if len(s) >= 10 and s[4] == "-" and s[7] == "-":
        return f"{s[8:10]}/{s[5:7]}/{s[0:4]}"
    return s
