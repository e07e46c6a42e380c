"""Repairing text typed in the legacy Vietnamese encodings TCVN3 (ABC, .VnTime fonts) and VNI-Windows, as old
Excel books and "ANSI" CSV files hold it: detection (which encoding, if any) and conversion to NFC Unicode.

Only imports of such books need it, so it is apart from app.domain.text, which every start loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.domain.text import _VN_LETTERS, _normalize

__all__ = ["convert_legacy", "detect_legacy", "detect_legacy_many", "decode_legacy", "may_be_legacy",
           "is_unicode_vietnamese", "TCVN3", "VNI"]

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


def is_unicode_vietnamese(value: str) -> bool:
    """Whether ``value`` holds a character no legacy text read as Windows-1252 can have
    (a real Unicode letter such as "ư" or "ạ")."""
    return _NOT_LEGACY.search(value) is not None


def may_be_legacy(value: str) -> bool:
    """Whether ``value`` could be legacy text at all: non-ASCII, and only characters
    Windows-1252 can produce (a real Unicode Vietnamese letter such as "ư" rules it out)."""
    return not value.isascii() and not _NOT_LEGACY.search(value)


def detect_legacy_many(values: Iterable[str | None], limit: int = 2000) -> str | None:
    """:func:`detect_legacy` over many cells at once (a column or a sheet), which settles
    the short cells one cannot judge alone ("Vò" is TCVN3 "Vũ" or the Unicode word "vò").
    Only cells that could be legacy text take part (:func:`may_be_legacy`); at most
    ``limit`` of them are looked at."""
    sample = []
    for value in values:
        if value and may_be_legacy(value):
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
