"""Vietnamese text: NFC normalisation, diacritic-blind folding (đ = d), name sort keys,
search tokens, and repair of text typed in the legacy TCVN3 (ABC) and VNI encodings.

Pure Python (stdlib only). Everything that runs once per record uses ``str.translate``
with tables built at import time (or filled lazily, once per distinct character).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "nfc",
    "fold",
    "clean_text",
    "name_sort_key",
    "search_tokens",
    "fts_match_expression",
    "convert_legacy",
    "detect_legacy",
    "detect_legacy_many",
    "decode_legacy",
    "TCVN3",
    "VNI",
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


_FOLD_TABLE = _FoldTable()
for _cp in (*range(0x80), *range(0xC0, 0x250), *range(0x1EA0, 0x1F00)):  # warm: Vietnamese
    _FOLD_TABLE[_cp]
del _cp


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
for _cp in range(0x80, 0x3001):  # Unicode space separators (NBSP, en space, ...) → space
    if _category(chr(_cp)) == "Zs":
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


# ------------------------------------------------------ legacy encodings (TCVN3, VNI)

TCVN3 = "TCVN3"
VNI = "VNI"

# Old Excel books typed with .VnTime (TCVN3/ABC) or VNI-Windows fonts store the font's
# byte values; read as Unicode they come out as the Windows-1252 characters of those
# bytes (undefined 0x81 0x8D 0x8F 0x90 0x9D as the C1 controls U+0081...).

# TCVN 5712:1993 bytes 0xA1-0xFF as Unicode (checked against glibc iconv "TCVN5712-1").
# TCVN3 (ABC) text uses this range: all lowercase letters, the uppercase Ă Â Ê Ô Ơ Ư Đ,
# and 0xB0-0xB4 are combining tone marks.  TCVN 5712 also puts 16 uppercase letters
# with tones here (0xAF, 0xBA, 0xBF, 0xC0-0xC5, ...; VN1/VN2 only) - converted too,
# harmless since TCVN3 text has nothing else at those codes.  Uppercase in .VnTimeH
# fonts is the lowercase codes shown in capitals: it cannot be told apart and comes
# out lowercase.  0x80-0x9F (more VN1 uppercase letters) are NOT converted: in TCVN3
# files those codes hold Windows punctuation (“ ” – — …).
_TCVN3_A1_FF = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ"  # A1-AF   (AD, the soft hyphen, is ư)
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # B0-BF   (B0-B4 combining marks)
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # C0-CF
    "éẹềểễếệìỉỄẾỒĩíịò"  # D0-DF
    "Ổỏõóọồổỗốộờởỡớợù"  # E0-EF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # F0-FF
)
assert len(_TCVN3_A1_FF) == 0xFF - 0xA1 + 1
_TCVN3_TABLE: dict[int, str] = {
    0xA1 + i: ch for i, ch in enumerate(_TCVN3_A1_FF) if not 0xB0 <= 0xA1 + i <= 0xB4
}
_TCVN3_MARKS = {0xA1 + i: _TCVN3_A1_FF[i] for i in range(0xB0 - 0xA1, 0xB5 - 0xA1)}
# a TCVN3 combining tone mark (°±²³´) only counts as one right after a vowel, so "25°C"
# and "50 m²" survive
_TCVN3_MARK_AFTER_VOWEL = re.compile("(?<=[AEIOUYaeiouy\xa1-\xa6\xa8-\xad])[\xb0-\xb4]")

# VNI-Windows: base letter followed by one mark byte (tone, or modifier, or modifier+tone
# in one byte); ơ ư đ and i/ỵ with tones are single bytes.  Lowercase marks follow
# lowercase letters, uppercase marks uppercase letters; both are accepted after either.
_VNI_MARKS_LOWER = {
    "ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309",
    "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}  # fmt: skip
_VNI_LETTERS_LOWER = {
    "ô": "ơ", "ö": "ư", "ñ": "đ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI_TABLE: dict[int, str] = {}
for _k, _v in _VNI_MARKS_LOWER.items():
    _VNI_TABLE[ord(_k)] = _v
    _VNI_TABLE[ord(_k.upper())] = _v
for _k, _v in _VNI_LETTERS_LOWER.items():
    _VNI_TABLE[ord(_k)] = _v
    _VNI_TABLE[ord(_k.upper())] = _v.upper()
del _k, _v

# Characters a cp1252-read legacy string can contain at all.
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_NOT_LEGACY = re.compile("[^\x00-\xff\ufffd" + re.escape(_CP1252_HIGH) + "]")  # U+FFFD: errors="replace"
_ANY_LEGACY_CHAR = re.compile(
    "[" + re.escape("".join(chr(c) for c in (*_TCVN3_TABLE, *_TCVN3_MARKS, *_VNI_TABLE))) + "]"
)

# Character-frequency evidence: characters each encoding uses all the time that real
# Vietnamese Unicode text never contains (it only has the Latin-1 letters below).
# Western text does contain some of them (ä ç ñ ø ü); it is told apart by the
# syllable test in detect_legacy.
_VN_LATIN1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_TCVN3_EVIDENCE = re.compile(
    "["
    + re.escape("".join(chr(c) for c in _TCVN3_TABLE if chr(c) not in _VN_LATIN1))
    + "]"
    # TCVN3 writes lowercase letters with uppercase Latin-1 codes: "NguyÔn", "ViÖt", "TÝnh"
    + "|(?<=[a-z\xa8-\xae])[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]"
)
_VNI_EVIDENCE = re.compile(
    "[" + re.escape("".join(chr(c) for c in _VNI_TABLE if chr(c) not in _VN_LATIN1)) + "]"
    # vowel + mark pairs Vietnamese Unicode never has ("oà", "oá", "oã" are left out:
    # old-style "hoà", "khoá" are real Unicode spellings); a lookahead, so that a pair
    # counts on top of its mark character
    "|(?=(?i:[ae][âáàåãä]|o[âåä]|a[êéèúüë]|[aeouyôö][ùøûõï]))"
)


# Words for the syllable test: split at whitespace and ASCII punctuation, then trim
# anything that is not a letter or digit from both ends ("“Ghi" → "Ghi") - except,
# when judging the unconverted text, the symbols the encoding uses for letters
# (TCVN3 "§" is Đ: "§éc" must stay one word, not become the Unicode word "éc").
_WORD_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~]+")
_WORD_TRIM = re.compile(r"^(?:[^\w\u0300-\u036f]|_)+|(?:[^\w\u0300-\u036f]|_)+$")  # keep stray marks
_TCVN3_CHARS = re.escape("".join(chr(c) for c in (*_TCVN3_TABLE, *_TCVN3_MARKS)))
_WORD_TRIM_TCVN3 = re.compile(f"^[^\\w{_TCVN3_CHARS}]+|[^\\w{_TCVN3_CHARS}]+$")

# Vietnamese syllable shape (tones removed, lowercase): onset, vowel nucleus, coda.
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_OPEN_NUCLEI = (  # never followed by a consonant; the tone goes on the first vowel ...
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ua|ưa|"
    # ... or, with three vowels, on the middle one
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyu"
)
_CLOSED_NUCLEI = "uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â"  # always followed by a consonant
_ANY_NUCLEI = "oa|oe|uê|uy|uơ|a|e|ê|i|o|ô|ơ|u|ư|y"  # with or without a consonant
_CODA = "(?:ng|nh|ch|[cmnpt])"
_SYLLABLE = re.compile(
    f"{_ONSET}(?:(?P<open>{_OPEN_NUCLEI})"
    f"|(?P<closed>{_CLOSED_NUCLEI})(?P<coda1>{_CODA})"
    f"|(?P<any>{_ANY_NUCLEI})(?P<coda2>{_CODA})?)"
)
_EITHER_TONE_PLACE = {"oa", "oe", "uy", "uê", "uơ"}  # old "hoà, thuý" / new "hòa, thúy"
_PALATAL_NUCLEI = {"a", "ê", "i", "y", "oa", "uê", "uy"}  # the only ones before -nh, -ch
_NO_VELAR_NUCLEI = {"i", "y", "uy"}  # never before -ng, -c (they take -nh, -ch)
_STOP_TONES = {0, 4, 5}  # -c -ch -p -t only with sắc or nặng (0: no tone mark at all)


def _is_syllable(word: str) -> bool:
    """Could ``word`` (NFC) be one Vietnamese syllable?  Shape (onset, nucleus, coda),
    at most one tone, on the right vowel, allowed with the coda, and sane case
    (lower, Title or UPPER)."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    letters = []
    tone_at = -1
    tone = 0
    for i, ch in enumerate(word):
        info = _VN_LETTERS.get(ch)
        if info is None:
            return False
        letters.append(info[0])
        if info[1]:
            if tone_at >= 0:
                return False
            tone_at, tone = i, info[1]
    m = _SYLLABLE.fullmatch("".join(letters))
    if m is None:
        return False
    kind = "open" if m.group("open") else "closed" if m.group("closed") else "any"
    nucleus = m.group(kind)
    coda = m.group("coda1") or m.group("coda2") or ""
    if coda in ("nh", "ch") and nucleus not in _PALATAL_NUCLEI:
        return False
    if coda in ("ng", "c") and nucleus in _NO_VELAR_NUCLEI:
        return False
    if coda in ("c", "ch", "p", "t") and tone not in _STOP_TONES:
        return False
    if tone_at < 0 or len(nucleus) == 1:
        return tone_at < 0 or m.start(kind) == tone_at
    start, end = m.span(kind)
    if kind == "open":
        return tone_at == start + (len(nucleus) == 3)
    if coda:
        return tone_at == end - 1
    return nucleus in _EITHER_TONE_PLACE and start <= tone_at < end


_MIN_CHANGED = 5  # at least 1 word in 5 must change
#: common foreign words that happen to be valid legacy text (VNI "où" is "ó")
_FOREIGN_WORDS = {"où"}


def _judge(s: str, encoding: str) -> tuple[int, int, int, int, int]:
    """Word by word, for ``s`` read as ``encoding``: (valid syllables after conversion,
    invalid ones (a word left with stray marks or non-Vietnamese letters counts 3),
    valid syllables before conversion, words changed, words counted).  Words with digits
    and all-capital ASCII words (abbreviations: UBND, TP) are not counted."""
    trim_before = _WORD_TRIM_TCVN3 if encoding == TCVN3 else _WORD_TRIM
    valid = invalid = before = changed = counted = 0
    for raw in _WORD_SPLIT.split(s):
        if not raw or (raw.isascii() and (len(raw) > 1 and raw.isupper() or not raw.isalpha())):
            continue
        if any("0" <= ch <= "9" for ch in raw):  # (not str.isdigit: TCVN3 "¹" is ạ)
            continue
        word = _WORD_TRIM.sub("", decode_legacy(raw, encoding))
        if not word:
            continue
        counted += 1
        if word != _WORD_TRIM.sub("", _normalize("NFC", raw)):
            changed += 1
        if _is_syllable(word) and raw.casefold() not in _FOREIGN_WORDS:
            valid += 1
        elif any(not (ch.isascii() or ch in _VN_LETTERS) for ch in word):
            invalid += 3  # the conversion made garbage ("Ren̆́", "Ĉ́diz")
        else:
            invalid += 1
        plain = trim_before.sub("", raw)
        if plain and _is_syllable(_normalize("NFC", plain)):
            before += 1
    return valid, invalid, before, changed, counted


def decode_legacy(s: str, encoding: str) -> str:
    """Convert ``s`` from TCVN3 or VNI (as read through Windows-1252) to NFC Unicode,
    without detection (use when a whole column or file is known to be legacy text)."""
    if encoding == TCVN3:
        if _TCVN3_MARK_AFTER_VOWEL.search(s):
            s = _TCVN3_MARK_AFTER_VOWEL.sub(lambda m: _TCVN3_MARKS[ord(m.group())], s)
        return _normalize("NFC", s.translate(_TCVN3_TABLE))
    if encoding == VNI:
        return _normalize("NFC", s.translate(_VNI_TABLE))
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def detect_legacy(s: str) -> str | None:
    """"TCVN3" or "VNI" when ``s`` looks like text in that encoding read as Windows-1252,
    else None (plain ASCII, real Unicode Vietnamese, other languages).

    Rules: only characters Windows-1252 can produce; at least one character (or VNI
    vowel+mark pair) typical of the encoding and foreign to Vietnamese Unicode text;
    after conversion more words are Vietnamese syllables than before, with at least two
    valid syllables for each word that is not one; and at least one word in five
    changed by the conversion.  Short text that reads as Unicode too ("Vò", "Hoà Bình")
    is left alone: judge whole columns with :func:`detect_legacy_many`."""
    if s.isascii() or _NOT_LEGACY.search(s) or not _ANY_LEGACY_CHAR.search(s):
        return None
    best: tuple[int, int, str] | None = None
    for encoding, evidence in ((TCVN3, _TCVN3_EVIDENCE), (VNI, _VNI_EVIDENCE)):
        markers = len(evidence.findall(s))
        if not markers:
            continue
        valid, invalid, before, changed, counted = _judge(s, encoding)
        if valid == 0 or valid < 2 * invalid:
            continue
        if valid <= before:
            continue  # the text reads as Vietnamese at least as well without converting
        if changed * _MIN_CHANGED < counted:
            continue  # legacy Vietnamese has marks on most words, not on a few
        score = (valid - invalid, markers, encoding)
        if best is None or score[:2] > best[:2]:  # a full tie goes to TCVN3 (tried first)
            best = score
    return best[2] if best else None


def detect_legacy_many(values: Iterable[str | None], limit: int = 2000) -> str | None:
    """:func:`detect_legacy` over many cells at once (a column or a sheet), which settles
    the short cells one cannot judge alone ("Vò" is TCVN3 "Vũ" or the Unicode word "vò").
    Only cells that could be legacy text take part (non-ASCII, Windows-1252 characters
    only); at most ``limit`` of them are looked at."""
    sample = []
    for value in values:
        if value and not value.isascii() and not _NOT_LEGACY.search(value):
            sample.append(value)
            if len(sample) >= limit:
                break
    return detect_legacy("\n".join(sample)) if sample else None


def convert_legacy(s: str) -> tuple[str, str | None]:
    """(NFC Unicode text, "TCVN3" | "VNI" | None).  Text that is not legacy-encoded comes
    back NFC-normalised and otherwise unchanged, with None.

    ``"NguyÔn V¨n A"`` → ("Nguyễn Văn A", "TCVN3");
    ``"Ñaëng Vaên Ñöùc"`` → ("Đặng Văn Đức", "VNI")."""
    encoding = detect_legacy(s)
    if encoding is None:
        return _normalize("NFC", s), None
    return decode_legacy(s, encoding), encoding
