"""Tests for app.domain.text (folding, cleaning, name sort keys, search) and app.domain.legacy_text."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import unicodedata

import pytest

from app.domain.legacy_text import TCVN3, VNI, convert_legacy, decode_legacy, detect_legacy, detect_legacy_many
from app.domain.text import (
    clean_text,
    fold,
    fts_match_expression,
    name_sort_key,
    nfc,
    search_tokens,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def reference_fold(s: str) -> str:
    """The original, slow definition of fold (BRIEF §9)."""
    s = unicodedata.normalize("NFD", s.casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d")


# ----------------------------------------------------------------------------- nfc/fold


def test_nfc_composes_nfd_input():
    """nfc turns decomposed input into the precomposed form."""
    assert nfc(nfd("Nguyễn")) == "Nguyễn"
    assert len(nfc(nfd("Nguyễn"))) == 6


def test_fold_drops_tones_and_maps_d_stroke():
    """fold: casefold, drop diacritics, đ → d."""
    assert fold("Đặng Văn Ưng") == "dang van ung"
    assert fold("NGUYỄN THỊ ÁNH") == "nguyen thi anh"
    assert fold("Phường Ba Đình") == "phuong ba dinh"


def test_fold_nfd_input_same_as_nfc():
    """fold gives the same result for NFD and NFC input."""
    assert fold(nfd("Đặng Văn Ưng")) == fold("Đặng Văn Ưng") == "dang van ung"


def test_fold_ascii_and_empty():
    """fold lowercases ASCII and keeps the empty string."""
    assert fold("") == ""
    assert fold("Nguyen Van A 123") == "nguyen van a 123"


def test_fold_matches_reference_definition():
    """fold gives exactly the results of casefold → NFD → drop Mn → đ→d."""
    samples = [
        "Đặng Văn Ưng", "ẞtraße", "Ǆemal", "résumé", "Ὀδυσσεύς", "क़िला", "Müller", "ﬁne",
        "Ω", "İstanbul", "x\u0301\u0323y", "đĐ", "Trần Thị Mỹ Duyên", "東京", "",
        "a\U0001d16d\U0001d165b", "\U0001d15f\U0001d16e\u0301",  # NFD reorders kept marks
    ]  # fmt: skip
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(0x20, 0x2500)] + [chr(c) for c in range(0x1E00, 0x1F00)]
    samples += ["".join(rng.choice(alphabet) for _ in range(12)) for _ in range(300)]
    for s in samples:
        assert fold(s) == reference_fold(s), s


# ---------------------------------------------------------------------------- clean_text


def test_clean_text_strips_and_collapses_spaces():
    """clean_text strips the ends and collapses runs of spaces and tabs into one space."""
    assert clean_text("  Nguyễn \t  Văn\t\tA  ") == "Nguyễn Văn A"


def test_clean_text_keeps_newlines_and_normalises_crlf():
    """clean_text keeps newlines, turns \\r\\n and \\r into \\n, trims spaces around them."""
    assert clean_text("dòng 1  \r\n  dòng 2\rdòng 3\n\ndòng 5") == "dòng 1\ndòng 2\ndòng 3\n\ndòng 5"


def test_clean_text_removes_controls_and_zero_width():
    """clean_text removes control characters (except \\n, \\t) and zero-width characters."""
    assert clean_text("Ng\u200buy\u00a0ễn\x00\x07 V\ufeffăn\x1b\u200d A\x7f\x85") == "Nguy ễn Văn A"
    assert clean_text("a\u2028b") == "a\nb"


def test_clean_text_nfc_and_keeps_soft_hyphen():
    """clean_text returns NFC and keeps U+00AD (TCVN3 ư) for legacy conversion."""
    assert clean_text(nfd("  Đặng Văn Ưng ")) == "Đặng Văn Ưng"
    assert clean_text("Ph\xadêng") == "Ph\xadêng"


def test_clean_text_empty():
    """clean_text of empty or blank text is the empty string."""
    assert clean_text("") == ""
    assert clean_text(" \t\r\n \u200b ") == ""


# ------------------------------------------------------------------------- name sort key

EXPECTED_GIVEN_ORDER = ["An", "Ảnh", "Ánh", "Ân", "Bình", "Dũng", "Dương", "Đạt", "Đức", "Uyên", "Ưng"]


def test_sort_given_names_vietnamese_order():
    """name_sort_key sorts given names in Vietnamese dictionary order (BRIEF §9 list)."""
    shuffled = EXPECTED_GIVEN_ORDER[:]
    random.Random(1).shuffle(shuffled)
    assert sorted(shuffled, key=name_sort_key) == EXPECTED_GIVEN_ORDER


def test_sort_full_names_by_given_name_first():
    """name_sort_key orders full names by given name, regardless of family name."""
    names = [f"Nguyễn Thị {g}" if i % 2 else f"Trần Văn {g}" for i, g in enumerate(EXPECTED_GIVEN_ORDER)]
    shuffled = names[:]
    random.Random(2).shuffle(shuffled)
    assert sorted(shuffled, key=name_sort_key) == names
    assert name_sort_key("Trần Văn An") < name_sort_key("Nguyễn Thị Ánh")


def test_sort_hai_before_hung_and_d_stroke_between_d_and_e():
    """"Hải" < "Hưng" (a < ư); "Đ..." sorts after "D..." and before "E..."."""
    assert name_sort_key("Hải") < name_sort_key("Hưng")
    assert name_sort_key("Dy") < name_sort_key("Đa") < name_sort_key("Em")
    assert name_sort_key("Zung") < name_sort_key("Ω")  # not after z only by code point
    assert name_sort_key("Đức") < name_sort_key("Zung")


def test_sort_middle_then_family_name():
    """Same given name: middle names decide, then the family name."""
    names = ["Trần An", "Lê Thị An", "Nguyễn Thị An", "Phạm Văn An", "Lê Văn An", "Ngô An Bình"]
    assert sorted(names, key=name_sort_key) == [
        "Trần An",  # no middle name: shortest key first
        "Lê Thị An",
        "Nguyễn Thị An",
        "Lê Văn An",
        "Phạm Văn An",
        "Ngô An Bình",
    ]


def test_sort_shorter_word_first():
    """A word sorts before a longer word with the same beginning ("An" < "Anh")."""
    assert name_sort_key("An") < name_sort_key("Anh")
    assert name_sort_key("Văn An") < name_sort_key("Văn Anh")
    assert name_sort_key("Trần Thị Anh") < name_sort_key("Lê Văn Anh")


def test_sort_letters_before_tones():
    """Letters are compared over the whole key first; tones only break ties."""
    # a tone in the given name loses against a letter difference in the family name
    assert name_sort_key("Nguyễn Văn Án") < name_sort_key("Trần Văn An")
    tones = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]  # none, huyền, hỏi, ngã, sắc, nặng
    assert sorted(reversed(tones), key=name_sort_key) == tones


def test_sort_alphabet_letter_order():
    """Single letters follow a ă â b c d đ e ê f ... o ô ơ ... u ư v w x y z, digits first."""
    order = list("0123456789") + list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    shuffled = order[:]
    random.Random(3).shuffle(shuffled)
    assert sorted(shuffled, key=name_sort_key) == order


def test_sort_case_insensitive_nfd_and_spaces():
    """Case, NFD input and extra spaces do not change the order of letters and tones."""
    assert name_sort_key(nfd("Nguyễn Thị Ánh")) == name_sort_key("Nguyễn Thị Ánh")
    assert name_sort_key("  Nguyễn   Thị\tÁnh ") == name_sort_key("Nguyễn Thị Ánh")
    lower, upper = name_sort_key("nguyễn thị ánh"), name_sort_key("NGUYỄN THỊ ÁNH")
    assert lower.split(" ")[:2] == upper.split(" ")[:2]  # letters and tones parts equal
    mixed = ["ánh", "Ảnh", "AN", "ân", "an"]
    assert [n.lower() for n in sorted(mixed, key=name_sort_key)] == ["an", "an", "ảnh", "ánh", "ân"]


def test_sort_empty_and_foreign_letters():
    """Empty name sorts first; non-Vietnamese letters sort after z, stably."""
    assert name_sort_key("") == "" == name_sort_key("   ")
    assert name_sort_key("") < name_sort_key("A")
    assert name_sort_key("Zoe") < name_sort_key("Ölaf") < name_sort_key("Øystein")
    assert name_sort_key("Müller") > name_sort_key("Mzz")
    keys = [name_sort_key(n) for n in ["Ölaf", "Øystein", "Ñoño", "張偉"]]
    assert len(set(keys)) == 4


def test_sort_key_distinct_names_distinct_keys():
    """Different spellings never share a key (deterministic order)."""
    names = ["An", "an", "AN", "Ân", "O'Brien", "OBrien", "Lê-An"]
    assert len({name_sort_key(n) for n in names}) == len(names)


_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPES = {"\u0306", "\u0302", "\u031b"}


def _reference_sort_key(name: str):
    """Independent spec of the order, with nested tuples (BRIEF §9 style)."""

    def parts(ch: str) -> tuple[tuple, int]:
        d = unicodedata.normalize("NFD", ch)
        base = d[0].lower()
        shapes = "".join(m for m in d[1:] if m in _SHAPES)
        tones = [_TONES[m] for m in d[1:] if m in _TONES]
        letter = unicodedata.normalize("NFC", base + shapes)
        if ch.isdigit() and ch.isascii():
            return (0, ch), 0
        if (
            letter in _ALPHABET
            and len(d) - 1 == len(shapes) + len(tones) <= 2
            and len(tones) <= 1
            and (not tones or letter in "aăâeêioôơuưy")
        ):
            return (1, _ALPHABET.index(letter)), (tones or [0])[0]
        return (2, ch.casefold()), 0

    words = unicodedata.normalize("NFC", name).split()
    if not words:
        return ((), (), ()), (), ""
    order = [words[-1], *words[1:-1], *words[:1][: len(words) - 1]]
    letters = lambda w: tuple(parts(c)[0] for c in w if c.isalnum())  # noqa: E731
    tones = tuple(parts(c)[1] for w in order for c in w if c.isalnum())
    middle = tuple(letters(w) for w in words[1:-1])
    family = tuple(letters(w) for w in words[:1][: len(words) - 1])
    return (letters(words[-1]), middle, family), tones, " ".join(words)


def test_sort_key_agrees_with_reference_order():
    """On random names (1-5 words, NFD, odd case, punctuation) the key sorts like the spec."""
    pool = [
        "An", "Ân", "Ăn", "Anh", "Ánh", "Ảnh", "Bình", "Dũng", "Dương", "Đạt", "Đức", "Uyên", "Ưng", "Hải",
        "Hưng", "Nguyễn", "Trần", "Lê", "Thị", "Văn", "Ngọc", "Hoà", "Hòa", "Thuỷ", "Thủy", "y", "Ý",
        "Zoe", "Ölaf", "Ñoño", "Müller", "123", "A2", "O'Neil", "Lê-Anh", "ĐINH", "đinh", "gIANG", "Ma", "Mà", "Mả", "Mã",
    ]  # fmt: skip
    rng = random.Random(7)
    names = []
    for _ in range(3000):
        name = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 5)))
        if rng.random() < 0.2:
            name = nfd(name)
        if rng.random() < 0.2:
            name = "  " + name.replace(" ", " \t ") + " "
        names.append(name)
    assert sorted(names, key=name_sort_key) == sorted(names, key=_reference_sort_key)


def test_sort_key_matches_sqlite_binary_collation():
    """Sorting by the key in SQLite (BINARY) gives the same order as in Python."""
    names = EXPECTED_GIVEN_ORDER + ["Nguyễn Văn An", "Hải", "Hưng", "Ölaf", "Zung", "", "Trần Thị Anh", "3A"]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE p (name TEXT, k TEXT)")
    con.executemany("INSERT INTO p VALUES (?, ?)", [(n, name_sort_key(n)) for n in names])
    in_sql = [r[0] for r in con.execute("SELECT name FROM p ORDER BY k")]
    assert in_sql == sorted(names, key=name_sort_key)


# ------------------------------------------------------------------------------- search


def test_text_sort_key_orders_a_phrase_from_its_first_word():
    """A model's name is no person's name: it sorts word by word from the first (the register once sorted "Xây
    dựng nông thôn mới" by "mới"), in the Vietnamese letter order, shorter first, tones only breaking ties."""
    from app.domain.text import text_sort_key

    names = ["Xây dựng nông thôn mới", "Camera an ninh", "Ưu tiên", "An toàn giao thông", "Đèn đường", "Dân vận",
             "Uống nước", "Ăn ở", "An", "Bảo vệ môi trường"]
    assert sorted(names, key=text_sort_key) == ["An", "An toàn giao thông", "Ăn ở", "Bảo vệ môi trường",
                                                "Camera an ninh", "Dân vận", "Đèn đường", "Uống nước", "Ưu tiên",
                                                "Xây dựng nông thôn mới"]
    assert text_sort_key("an toàn") == text_sort_key("An  toàn") and text_sort_key("ma") < text_sort_key("mà")
    assert sorted(["Mô hình – Chợ sạch", "Mô hình An toàn"], key=text_sort_key) == ["Mô hình An toàn",
                                                                                  "Mô hình – Chợ sạch"]


def test_search_tokens_folds_and_splits():
    """search_tokens folds and splits at everything that is not a letter or digit."""
    assert search_tokens("Đặng  Văn Đức") == ["dang", "van", "duc"]
    assert search_tokens("123/QĐ-UBND") == ["123", "qd", "ubnd"]
    assert search_tokens('a" OR *') == ["a", "or"]
    assert search_tokens("(Nguyễn) 'Thị' - Ánh_x") == ["nguyen", "thi", "anh", "x"]
    assert search_tokens(nfd("Phường")) == ["phuong"]


def test_search_tokens_empty():
    """A query without letters or digits gives no tokens."""
    assert search_tokens("") == []
    assert search_tokens(' "* - / () ^ : ') == []


def test_fts_match_expression_format():
    """Each token is quoted, the last one gets a prefix star; tokens are joined by spaces (AND)."""
    assert fts_match_expression("dang van duc") == '"dang" "van" "duc"*'
    assert fts_match_expression("Đặng Văn Đức") == '"dang" "van" "duc"*'
    assert fts_match_expression("123/QĐ-UBND") == '"123" "qd" "ubnd"*'


def test_fts_match_expression_none_without_tokens():
    """No token → None (the caller must not run a MATCH)."""
    assert fts_match_expression("") is None
    assert fts_match_expression('" * OR-') is not None  # "or" is just a word
    assert fts_match_expression('" * ( ) -') is None


HOSTILE_QUERIES = [
    'a" OR *', '"', '""', "*", "NEAR(a b)", "a AND", "OR", "NOT x", "x:y", "col:abc", "^a",
    "a + b", "(", ")", "{a b}", "'; DROP TABLE t; --", "a\\b", "Đặng\"Văn", "100%", "-x", "a*b",
]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_fts_match_expression_is_safe_in_sqlite(query):
    """FTS-hostile queries never raise in a real FTS5 MATCH and match as prefix words."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(name_fold)")
    except sqlite3.OperationalError:
        pytest.skip("SQLite without FTS5")
    rows = ["dang van duc", "a or not near", "qd ubnd 123", "col abc x y", "drop table t"]
    con.executemany("INSERT INTO t VALUES (?)", [(r,) for r in rows])
    expr = fts_match_expression(query)
    if expr is None:
        return
    found = [r[0] for r in con.execute("SELECT name_fold FROM t WHERE t MATCH ?", (expr,))]
    tokens = search_tokens(query)
    for row in found:
        assert all(any(w.startswith(t) for w in row.split()) for t in tokens)


def test_fts_match_prefix_search_finds_rows():
    """The expression finds rows by word prefixes in any order of columns' words."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(name_fold)")
    except sqlite3.OperationalError:
        pytest.skip("SQLite without FTS5")
    con.executemany("INSERT INTO t VALUES (?)", [(fold(n),) for n in ["Đặng Văn Đức", "Đặng Thị Dung", "Lê Văn"]])
    hits = lambda q: sorted(r[0] for r in con.execute("SELECT name_fold FROM t WHERE t MATCH ?", (fts_match_expression(q),)))  # noqa: E731
    assert hits("Đặng V") == ["dang van duc"]
    assert hits("Đặng Đ") == ["dang thi dung", "dang van duc"]
    assert hits("dan") == ["dang thi dung", "dang van duc"]
    assert hits("van") == ["dang van duc", "le van"]


# ------------------------------------------------------------------- legacy: TCVN3, VNI

TCVN3_CASES = [
    ("Ph\xadêng Ba §×nh", "Phường Ba Đình"),
    ("NguyÔn V¨n A", "Nguyễn Văn A"),
    ("Ng\xadêi d©n", "Người dân"),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("B¸t X¸t", "Bát Xát"),
    ("M\xadêng Kh\xad¬ng", "Mường Khương"),
    ("Lª ThÞ Hång", "Lê Thị Hồng"),
    ("§Æng V¨n §øc", "Đặng Văn Đức"),
    ("TrÇn ThÞ Mü Duyªn", "Trần Thị Mỹ Duyên"),
    ("UBND x· T©n LËp, huyÖn §an Ph\xadîng, Hµ Néi", "UBND xã Tân Lập, huyện Đan Phượng, Hà Nội"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("§¬n khiÕu n¹i vÒ viÖc thu håi ®Êt", "Đơn khiếu nại về việc thu hồi đất"),
    ("Ph\xadêng BÕn NghÐ, QuËn 1, TP. Hå ChÝ Minh", "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"),
    ("¤ng NguyÔn V¨n B×nh ®Õn tr×nh bµy viÖc tranh chÊp ®Êt ®ai víi hé liÒn kÒ",
     "Ông Nguyễn Văn Bình đến trình bày việc tranh chấp đất đai với hộ liền kề"),
    # .VnTimeH (capitals font): the text holds the lowercase codes → lowercase Unicode
    ("céng hoµ x· héi chñ nghÜa viÖt nam", "cộng hoà xã hội chủ nghĩa việt nam"),
]  # fmt: skip

VNI_CASES = [
    ("Nguyeãn Vaên A", "Nguyễn Văn A"),
    ("Ñaëng Vaên Ñöùc", "Đặng Văn Đức"),
    ("Ngöôøi", "Người"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Phöôøng Ba Ñình", "Phường Ba Đình"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Traàn Thò Myõ Duyeân", "Trần Thị Mỹ Duyên"),
    ("Phöôøng Beán Ngheù, Quaän 1, TP. Hoà Chí Minh", "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"),
    ("UBND xaõ Taân Laäp, huyeän Ñan Phöôïng, Haø Noäi", "UBND xã Tân Lập, huyện Đan Phượng, Hà Nội"),
    ("NGUYEÃN THÒ HOÀNG", "NGUYỄN THỊ HỒNG"),
    ("ÑÔN KHIEÁU NAÏI", "ĐƠN KHIẾU NẠI"),
    ("OÂng Nguyeãn Vaên Bình ñeán trình baøy vieäc tranh chaáp ñaát ñai vôùi hoä lieàn keà",
     "Ông Nguyễn Văn Bình đến trình bày việc tranh chấp đất đai với hộ liền kề"),
]  # fmt: skip

NOT_LEGACY = [
    "Phường Ba Đình", "Nguyen Van A", "résumé", "café", "Le café est très bon", "Hoà Bình",
    "Bà Tâm có nhà", "Tôi tên Mai", "Bé Tí", "Bùi Xuân", "Thái Hoà", "Khoá học", "Cô Tâm",
    "Müller", "São Paulo", "naïve façade", "Zürich", "Björk Guðmundsdóttir", "Ñandú",
    "Crème brûlée", "Señor Peña", "Ångström", "Øystein Ødegård", "Straße", "déjà vu", "Noël",
    "Je ne sais pas où il est", "José Martí", "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Số 12/QĐ-UBND", "© 2005 Công ty", "Nhiệt độ 25°C", "“Ghi chú” – hoà giải", "50 m²", "",
    "123", "Hello world", "Où", "a où out the can it", "René de naïf un", "München that où",
    "canción où up", "Mathéo", "Tromsø", "Citroën",
]  # fmt: skip


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_CASES)
def test_convert_legacy_tcvn3(legacy, expected):
    """TCVN3 (ABC, .VnTime) text read as cp1252 is detected and converted to NFC Unicode."""
    assert convert_legacy(legacy) == (expected, TCVN3)


@pytest.mark.parametrize(("legacy", "expected"), VNI_CASES)
def test_convert_legacy_vni(legacy, expected):
    """VNI-Windows text read as cp1252 is detected and converted to NFC Unicode."""
    assert convert_legacy(legacy) == (expected, VNI)


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_convert_legacy_no_false_positive(text):
    """Real Unicode (Vietnamese or Western) and plain ASCII come back unchanged with None."""
    assert convert_legacy(text) == (text, None)


def test_convert_legacy_nfd_unicode_is_only_normalised():
    """Unicode input in NFD is returned NFC, with no encoding."""
    assert convert_legacy(nfd("Nguyễn Thị Ánh")) == ("Nguyễn Thị Ánh", None)
    assert convert_legacy(nfd("Hoà Bình")) == ("Hoà Bình", None)


def test_convert_legacy_results_are_nfc():
    """Converted text is NFC (VNI's base + mark pairs are composed)."""
    for legacy, _ in TCVN3_CASES + VNI_CASES:
        text, _enc = convert_legacy(legacy)
        assert text == nfc(text)


def test_tcvn3_brief_example_is_not_nguoi():
    """TCVN3 ư is 0xAD (soft hyphen); 0xF7 "÷" is ữ, so "Ng÷êi" is not "Người"."""
    assert decode_legacy("Ng\xadêi", TCVN3) == "Người"
    assert decode_legacy("Ng÷êi", TCVN3) == "Ngữời"


def test_tcvn3_full_table():
    """All 67 lowercase letters and Ă Â Ê Ô Ơ Ư Đ of TCVN3 decode to the right letter."""
    lower = "ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    codes = (
        "\xa8\xa9\xaa\xab\xac\xad\xae\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb"
        "\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde\xdf\xe1\xe2\xe3\xe4\xe5\xe6"
        "\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe"
    )
    assert len(lower) == len(codes) == 67
    assert decode_legacy(codes, TCVN3) == lower
    assert decode_legacy("\xa1\xa2\xa3\xa4\xa5\xa6\xa7", TCVN3) == "ĂÂÊÔƠƯĐ"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs iconv with TCVN5712-1")
def test_tcvn3_table_matches_glibc_iconv():
    """The TCVN3 table agrees with glibc's TCVN5712-1 for every letter code 0xA1-0xFF."""
    for b in range(0xA1, 0x100):
        if 0xB0 <= b <= 0xB4:
            continue  # combining marks: only after a vowel, see next test
        run = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        if run.returncode != 0:
            pytest.skip("iconv without TCVN5712-1")
        assert decode_legacy(chr(b), TCVN3) == run.stdout.decode(), hex(b)


def test_tcvn3_combining_marks_only_after_vowels():
    """TCVN3 0xB0-0xB4 are tone marks after a vowel, but "25°C" and "m²" stay."""
    assert decode_legacy("a\xb3 ¨\xb0", TCVN3) == "á ằ"
    assert decode_legacy("25°C, 50 m²", TCVN3) == "25°C, 50 m²"


def test_tcvn3_keeps_windows_punctuation():
    """cp1252 punctuation (“ ” – …) in TCVN3 text is left as punctuation."""
    assert convert_legacy("“§¬n\xa0th\xad” – ghi chó…") == ("“Đơn\xa0thư” – ghi chú…", TCVN3)


VNI_SEQUENCES = [
    "a", "aù", "aø", "aû", "aõ", "aï", "aâ", "aá", "aà", "aå", "aã", "aä", "aê", "aé", "aè", "aú", "aü", "aë",
    "e", "eù", "eø", "eû", "eõ", "eï", "eâ", "eá", "eà", "eå", "eã", "eä",
    "o", "où", "oø", "oû", "oõ", "oï", "oâ", "oá", "oà", "oå", "oã", "oä", "ô", "ôù", "ôø", "ôû", "ôõ", "ôï",
    "u", "uù", "uø", "uû", "uõ", "uï", "ö", "öù", "öø", "öû", "öõ", "öï",
    "i", "í", "ì", "æ", "ó", "ò", "y", "yù", "yø", "yû", "yõ", "î", "ñ",
]  # fmt: skip  (VNI-Windows, as in xvnkb's vni.h)
VNI_LETTERS = (
    "a á à ả ã ạ â ấ ầ ẩ ẫ ậ ă ắ ằ ẳ ẵ ặ e é è ẻ ẽ ẹ ê ế ề ể ễ ệ o ó ò ỏ õ ọ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ "
    "u ú ù ủ ũ ụ ư ứ ừ ử ữ ự i í ì ỉ ĩ ị y ý ỳ ỷ ỹ ỵ đ"
).split()


def test_vni_full_table():
    """Every VNI vowel + mark combination, both cases, decodes to the right letter."""
    assert len(VNI_SEQUENCES) == len(VNI_LETTERS) == 73
    for seq, letter in zip(VNI_SEQUENCES, VNI_LETTERS):
        assert decode_legacy(seq, VNI) == letter, seq
        assert decode_legacy(seq.upper(), VNI) == letter.upper(), seq.upper()


def test_decode_legacy_unknown_encoding():
    """decode_legacy refuses an unknown encoding name."""
    with pytest.raises(ValueError):
        decode_legacy("x", "VISCII")


def test_detect_legacy_ambiguous_text_left_alone():
    """Text that also reads as real Unicode is not converted ("Vò" = TCVN3 Vũ, "Hoà" = VNI Hồ)."""
    assert detect_legacy("Vò") is None
    assert detect_legacy("Hoa") is None
    assert detect_legacy("Hoà Thanh Bích") is None


def test_detect_legacy_many_uses_the_whole_column():
    """detect_legacy_many decides for a column, ignoring ASCII and real Unicode cells."""
    column = ["Vò", "NguyÔn V¨n A", None, "", "Hoa", "123", "Lª ThÞ Hång", "Phường 1"]
    assert detect_legacy_many(column) == TCVN3
    assert detect_legacy_many(["Vuõ", "Mai", "Traàn Thò Myõ Duyeân"]) == VNI
    assert detect_legacy_many(["Bà Tâm", "Hoà Bình", "Nguyen Van A"]) is None
    assert detect_legacy_many([]) is None


def test_legacy_round_trip_random_names():
    """Random full names encoded in TCVN3 (lowercase) and VNI (Title case) convert back."""
    tcvn3_of = {decode_legacy(chr(b), TCVN3): chr(b) for b in range(0xA1, 0x100) if not 0xB0 <= b <= 0xB4}
    vni_of = {}
    for seq, letter in zip(VNI_SEQUENCES, VNI_LETTERS):
        vni_of[letter], vni_of[letter.upper()] = seq, seq.upper()
    # (not "Hồ", "Vũ": VNI "Hoà" and TCVN3 "Vò" are real Unicode words, see the next test)
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
    middles = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Xuân"]
    givens = ["Hùng", "Dũng", "Tuấn", "Hương", "Hằng", "Thủy", "Trang", "Bích", "Lộc", "Nguyệt", "Quyết"]
    rng = random.Random(11)
    for _ in range(300):
        name = f"{rng.choice(families)} {rng.choice(middles)} {rng.choice(givens)}"
        tcvn3 = "".join(tcvn3_of.get(ch, ch) for ch in name.lower())
        assert convert_legacy(tcvn3) == (name.lower(), TCVN3), tcvn3
        vni = "".join(vni_of.get(ch, ch) for ch in name)
        assert convert_legacy(vni) == (name, VNI), vni


def test_the_listed_space_separators_are_exactly_unicodes():
    """clean_text's list of space separators is every category-Zs character above ASCII in this Python's Unicode."""
    from app.domain.text import SPACE_SEPARATORS

    assert sorted(SPACE_SEPARATORS) == [cp for cp in range(0x80, 0x110000) if unicodedata.category(chr(cp)) == "Zs"]
    assert clean_text("a\u00a0b\u3000c\u2009d") == "a b c d"
