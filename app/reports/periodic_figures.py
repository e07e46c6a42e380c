"""The figures of the periodic report (báo cáo định kỳ) as plain data, shared by the PDF, XLSX and DOCX builders.

Every figure `danvan stats` already has is taken from app.services.stats.stats, so the report and the command
cannot disagree; the few others (petitions carried over, eligibility, models by kind, dialogue participants) come
from app.storage.report_figures. Qt-free, reportlab-free.

Tables have one row per unit: at a commune this unit alone; at the upper level every registered commune (from the
records its bundles brought, told apart by owner_site) and the upper level itself when it owns records — the
tables then gain a "Đơn vị" column and a "Tổng cộng" row. A column may be the sum
of other columns of its table ("Tổng số"): the builders show the sum, and the XLSX writes it as a formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain import enums
from app.domain.text import vn_number
from app.errors import UsageError
from app.services import stats as stats_service
from app.services.session import Session
from app.storage import report_figures as rq
from app.reports.letterhead import letterhead
from app.storage import settings
from app.storage import stats as sq

OTHER = "_other"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    values: dict[str, int]  # flat keys: "r.visits", "p.cat.complaint", ...


@dataclass(frozen=True)
class Column:
    title: str
    key: str | None = None  # a figure of UnitFigures.values, or None for a sum column
    sum_of: tuple[int, ...] = ()  # indices (among the table's columns) this column adds up


@dataclass(frozen=True)
class FigureTable:
    key: str
    title: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Section:
    number: str  # "I", "II" … (or "1", "2" for a sub-section)
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[FigureTable, ...] = ()
    level: int = 1


@dataclass(frozen=True)
class Figures:
    period_key: str
    period_label: str
    start: date
    end: date
    units: tuple[UnitFigures, ...]
    sections: tuple[Section, ...] = field(default=())
    model_years: tuple[int, int] | None = None  # the years whose models the period counts (Period.model_years)
    unit_name: str = ""
    upper_unit_name: str = ""
    letterhead: tuple[str, str] = ("", "")
    province_name: str = ""
    as_of: date | None = None  # the day the figures were read (statuses and overdue are as of that day)

    @property
    def multi(self) -> bool:
        return len(self.units) > 1

    def total(self, key: str) -> int:
        return sum(u.values.get(key, 0) for u in self.units)

    def tables(self) -> list[FigureTable]:
        return [t for s in self.sections for t in s.tables]


# -- the figures of one unit ----------------------------------------------------------------------------------

def _breakdown(prefix: str, counts: dict[str, int], known) -> dict[str, int]:
    out = {f"{prefix}.{k}": int(counts.get(k, 0)) for k in known}
    out[f"{prefix}.{OTHER}"] = sum(int(n) for k, n in counts.items() if k not in known)
    return out


STATUS_GROUPS = {  # report line -> petition statuses
    "resolved": ("resolved", "answered"),
    "new": ("received",),  # not yet accepted nor given a direction: "Đang giải quyết" would overstate it
    "in_progress": ("accepted", "in_progress"),
    "forwarded": ("forwarded",),
    "closed": ("closed",),
}
DIRECTIONS = ("accept", "forward", "guide", "file")


def unit_values(session: Session, s: dict, sites: tuple[str, ...] | None = None) -> dict[str, int]:
    """The flat figures of one unit for the period of `s` (the result of stats(session, period, sites=sites)):
    `sites` None = every record here (a commune's own report)."""
    start, end = s["period"]["from"], s["period"]["to"]
    db = session.db
    r = s["receptions"]
    v: dict[str, int] = {
        "r.visits": r["visits"], "r.persons": r["persons"], "r.group_visits": r["group_visits"],
        "r.group_persons": r["group_persons"], "r.no_show": r["no_show"],
        # one case (vụ việc) per reception at which citizens came: repeat visits are not linked to each other yet
        "r.cases": r["visits"] - r["no_show"],
        "p.received": s["total"]["petition"],
        "p.duplicates": s["petitions"]["duplicates"],
        "p.overdue": s["overdue"],
        "m.total": s["total"]["model"],
        "d.count": s["total"]["dialogue"],
    }
    v["d.participants"], v["d.uncounted"] = rq.dialogue_participants(db, start, end, sites)
    # how the receptions were held (Reception Law arts. 12–18: the leaders' own reception days) and about what
    v.update(_breakdown("r.cat", s["by_category"]["reception"], tuple(enums.CATEGORY)))
    v.update(_breakdown("r.mode", sq.group_count(db, "reception", "mode", start, end, sites=sites),
                        tuple(enums.RECEPTION_MODE)))
    v.update(_breakdown("r.host", sq.group_count(db, "reception", "host_role", start, end, sites=sites),
                        tuple(enums.HOST_ROLE)))
    elig = rq.eligibility(db, start, end, sites)
    v["p.eligible"], v["p.ineligible"], v["p.elig_unknown"] = elig["eligible"], elig["ineligible"], elig["unknown"]
    v.update(_breakdown("p.cat", s["by_category"]["petition"], tuple(enums.CATEGORY)))
    v.update(_breakdown("p.dir", s["petitions"]["by_direction"], DIRECTIONS))
    grouped = {x for xs in STATUS_GROUPS.values() for x in xs}
    # what became of the petitions received in the period ("p.st") and of those carried over into it ("p.cst")
    carried_statuses = rq.carried_over_by_status(db, start, sites)
    v["p.carried"] = sum(carried_statuses.values())  # what was still to handle, and below what became of it
    for prefix, by_status in (("p.st", s["by_status"]["petition"]), ("p.cst", carried_statuses)):
        for line, statuses in STATUS_GROUPS.items():
            v[f"{prefix}.{line}"] = sum(by_status.get(x, 0) for x in statuses)
        v[f"{prefix}.{OTHER}"] = sum(n for k, n in by_status.items() if k not in grouped)
    v.update(_breakdown("m.field", s["by_field"]["model"], tuple(enums.MODEL_FIELD)))
    kinds = sq.group_count(db, "model", "kind", start, end, sites=sites, model_years=tuple(s["period"]["model_years"]))
    v.update(_breakdown("m.kind", kinds, tuple(enums.MODEL_KIND)))
    v.update(_breakdown("m.status", s["by_status"]["model"], tuple(enums.MODEL_STATUS)))
    return v


# -- the report's sections and tables ---------------------------------------------------------------------------

def _with_total(columns: list[Column], title: str = "Tổng số") -> tuple[Column, ...]:
    return tuple(columns) + (Column(title, None, tuple(range(len(columns)))),)


def _optional(columns: list[Column], units) -> list[Column]:
    """Leave out an "other / not classified" column that is zero for every unit."""
    return [c for c in columns
            if not (c.key and c.key.endswith(OTHER)) or any(u.values.get(c.key, 0) for u in units)]


def _breakdown_columns(prefix: str, table: dict, units) -> list[Column]:
    cols = [Column(enums.label(table, k), f"{prefix}.{k}") for k in table]
    cols.append(Column("Khác, chưa phân loại", f"{prefix}.{OTHER}"))
    return _optional(cols, units)


def models_note(years: tuple[int, int] | None) -> tuple[str, ...]:
    """A model is registered for a year, so every period of that year counts it (as `danvan stats` does): say
    which year, or the figures of a quarter would read as the quarter's own new models."""
    if not years:
        return ()
    first, last = years
    which = f"năm {first}" if first == last else f"các năm {first}\u2013{last}"
    return (f"(Mô hình \u201cDân vận khéo\u201d được thống kê theo năm đăng ký: các mô hình đăng ký {which}.)",)


def build_sections(f: Figures) -> tuple[Section, ...]:
    u = f.units
    t = f.total

    def breakdown(key: str, title: str, prefix: str, table: dict) -> FigureTable:
        """One line per value of `table` (an enumeration), "other" when any unit has one, and the total."""
        return FigureTable(key, title, _with_total(_breakdown_columns(prefix, table, u)))

    receptions = FigureTable("receptions", "Kết quả tiếp công dân", (
        Column("Số lượt tiếp", "r.visits"), Column("Số người được tiếp", "r.persons"),
        Column("Số vụ việc", "r.cases"), Column("Đoàn đông người (số đoàn)", "r.group_visits"),
        Column("Đoàn đông người (số người)", "r.group_persons"),
        Column("Buổi tiếp không có công dân đến", "r.no_show")))
    reception_kinds = breakdown("reception_categories", "Phân loại lượt tiếp theo nội dung", "r.cat", enums.CATEGORY)
    reception_modes = breakdown("reception_modes", "Lượt tiếp theo hình thức tiếp", "r.mode", enums.RECEPTION_MODE)
    reception_hosts = breakdown("reception_hosts", "Lượt tiếp theo người chủ trì", "r.host", enums.HOST_ROLE)
    intake = FigureTable("petitions", "Tiếp nhận đơn khiếu nại, tố cáo, kiến nghị, phản ánh", (
        Column("Kỳ trước chuyển sang", "p.carried"), Column("Tiếp nhận trong kỳ", "p.received"),
        Column("Tổng số đơn phải xử lý", None, (0, 1)), Column("Trong đó: đơn trùng", "p.duplicates"),
        # with the duplicates, these add up to the petitions received (a duplicate is not a new case)
        Column("Đủ điều kiện xử lý", "p.eligible"), Column("Không đủ điều kiện xử lý", "p.ineligible"),
        *([Column("Chưa xác định điều kiện xử lý", "p.elig_unknown")]
          if any(x.values.get("p.elig_unknown") for x in u) else [])))
    categories = breakdown("categories", "Phân loại đơn tiếp nhận trong kỳ theo nội dung", "p.cat", enums.CATEGORY)
    directions = FigureTable("directions", "Phân loại theo thẩm quyền và hướng xử lý", _with_total(_optional([
        Column("Thuộc thẩm quyền (thụ lý giải quyết)", "p.dir.accept"),
        Column("Không thuộc thẩm quyền (chuyển đơn)", "p.dir.forward"),
        Column("Trả lại đơn, hướng dẫn", "p.dir.guide"), Column("Lưu đơn", "p.dir.file"),
        Column("Chưa có hướng xử lý", f"p.dir.{OTHER}")], u)))

    def status_columns(prefix: str) -> list[Column]:
        return _optional([
            Column("Đã giải quyết, trả lời", f"{prefix}.resolved"),
            Column("Mới tiếp nhận, chưa xử lý", f"{prefix}.new"),
            Column("Đã thụ lý, đang giải quyết", f"{prefix}.in_progress"),
            Column("Đã chuyển đơn", f"{prefix}.forwarded"), Column("Đã kết thúc, lưu đơn", f"{prefix}.closed"),
            Column("Khác", f"{prefix}.{OTHER}")], u)

    results_cols = status_columns("p.st")
    # A status is what the record says now: printed after the period ended, the table says as of which day.
    as_of = (f" (tình trạng tính đến ngày {f.as_of:%d/%m/%Y})" if f.as_of is not None and f.as_of > f.end else "")
    results = FigureTable("results", "Kết quả xử lý, giải quyết đơn tiếp nhận trong kỳ" + as_of,
                          _with_total(results_cols) + (Column("Trong đó: quá hạn", "p.overdue"),))
    # Form 01/XLD reports on everything there was to handle: the petitions carried over have their own line
    carried = FigureTable("results_carried", "Kết quả xử lý, giải quyết đơn kỳ trước chuyển sang" + as_of,
                          _with_total(status_columns("p.cst")))
    fields = breakdown("model_fields", "Mô hình \u201cDân vận khéo\u201d theo lĩnh vực", "m.field", enums.MODEL_FIELD)
    kinds = breakdown("model_kinds", "Mô hình \u201cDân vận khéo\u201d theo loại", "m.kind", enums.MODEL_KIND)
    mstatus = breakdown("model_status", "Mô hình \u201cDân vận khéo\u201d theo trạng thái", "m.status",
                        enums.MODEL_STATUS)
    dialogues = FigureTable("dialogues", "Đối thoại với Nhân dân", (
        Column("Số cuộc đối thoại", "d.count"), Column("Số người tham dự", "d.participants")))

    def w(*keys: str) -> str:  # a figure (or a sum of figures) as the sentence writes it: 1.979
        return vn_number(sum(t(k) for k in keys))

    where = "các đơn vị" if f.multi else "đơn vị"
    return (
        Section("I", "CÔNG TÁC TIẾP CÔNG DÂN", (
            f"Trong kỳ, {where} đã tiếp {w('r.visits')} lượt với {w('r.persons')} người, {w('r.cases')} vụ việc; "
            f"trong đó có {w('r.group_visits')} đoàn đông người ({w('r.group_persons')} người). "
            f"Số buổi tiếp không có công dân đến: {w('r.no_show')}. Lãnh đạo tiếp công dân định kỳ: "
            f"{w('r.mode.scheduled')} lượt; tiếp đột xuất: {w('r.mode.adhoc')} lượt.",),
            (receptions, reception_kinds, reception_modes, reception_hosts)),
        Section("II", "CÔNG TÁC TIẾP NHẬN, XỬ LÝ, GIẢI QUYẾT ĐƠN KHIẾU NẠI, TỐ CÁO, KIẾN NGHỊ, PHẢN ÁNH", (
            f"Tổng số đơn phải xử lý: {w('p.carried', 'p.received')} đơn, gồm {w('p.carried')} đơn kỳ trước "
            f"chuyển sang và {w('p.received')} đơn tiếp nhận trong kỳ (trong đó {w('p.duplicates')} đơn trùng); "
            f"{w('p.eligible')} đơn đủ điều kiện xử lý. Thuộc thẩm quyền: {w('p.dir.accept')} đơn; "
            f"không thuộc thẩm quyền, đã chuyển đơn: {w('p.dir.forward')} đơn. Đã giải quyết, trả lời: "
            f"{w('p.st.resolved')} đơn; đang giải quyết: {w('p.st.in_progress')} đơn; chưa xử lý: "
            f"{w('p.st.new')} đơn; quá hạn: {w('p.overdue')} đơn.",),
            (intake, categories, directions, results, carried)),
        Section("III", "CÔNG TÁC DÂN VẬN", (
            f"Mô hình \u201cDân vận khéo\u201d: {w('m.total')} mô hình (tập thể: {w('m.kind.collective')}, cá nhân: "
            f"{w('m.kind.individual')}); được công nhận: {w('m.status.recognized')}. "
            f"Tổ chức {w('d.count')} cuộc đối thoại với Nhân dân, {w('d.participants')} người tham dự"
            + (f" ({w('d.uncounted')} cuộc chưa ghi số người)" if t("d.uncounted") else "") + ".",)
            + models_note(f.model_years),
            (fields, kinds, mstatus, dialogues)),
        Section("IV", "ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", (
            "1. Ưu điểm, hạn chế, nguyên nhân: " + "…" * 40,
            "2. Phương hướng, nhiệm vụ kỳ tới: " + "…" * 40,
            "3. Kiến nghị, đề xuất: " + "…" * 44)),
    )


# -- rows as data ---------------------------------------------------------------------------------------------

def column_values(table: FigureTable, values: dict[str, int]) -> list[int]:
    out: list[int] = []
    for c in table.columns:
        out.append(sum(out[i] for i in c.sum_of) if c.key is None else int(values.get(c.key, 0)))
    return out


def table_rows(table: FigureTable, f: Figures) -> dict:
    """{"header": [...], "rows": [[...], ...], "total": [...] | None} — the cells every builder shows.

    With one unit: just the numbers. With several: a "Đơn vị" column, one row per unit and a "Tổng cộng" row."""
    header = [c.title for c in table.columns]
    rows = [column_values(table, u.values) for u in f.units]
    total = None
    if f.multi:
        header = ["Đơn vị"] + header
        total = ["Tổng cộng"] + [sum(r[i] for r in rows) for i in range(len(table.columns))]
        rows = [[u.unit.name] + r for u, r in zip(f.units, rows)]
    return {"header": header, "rows": rows, "total": total}


# -- entry point ----------------------------------------------------------------------------------------------

def own_unit(session: Session) -> Unit:
    return Unit(session.unit_code, settings.get(session.db, "unit_name") or session.unit_code)


def report_units(session: Session) -> list[tuple[Unit, tuple[str, ...] | None]]:
    """(unit, the site ids whose records are its figures) for each row of the report. A commune: itself, every
    record (None). The upper level: every commune registered here — zeros when it sent nothing yet — and itself
    when it owns records."""
    from app.services import consolidation

    mine = own_unit(session)
    if (settings.get(session.db, "level") or "commune") != "upper":
        return [(mine, None)]
    rows = []
    for u in consolidation.units(session):
        sites = tuple(u["site_ids"])
        if u["own"] and not any(sq.counts(session.db, sites=sites).values()):
            continue
        rows.append((Unit(u["unit_code"], u["unit_name"] or u["unit_code"]), sites))
    return rows or [(mine, None)]


def compute(session: Session, period: str, units: list[Unit] | None = None) -> Figures:
    """The report's figures for `period` and `units` (default: every unit of report_units; a unit whose records
    are not here is a usage error)."""
    if not period:
        raise UsageError("period.bad", value="")
    p = stats_service.resolve_period(session, period)
    mine = own_unit(session)
    known = report_units(session)
    if units:
        by_code = {u.code: (u, sites) for u, sites in known}
        for unit in units:
            if unit.code not in by_code:
                raise UsageError("v.enum", value=unit.code, allowed=", ".join(by_code))
        chosen = [by_code[u.code] for u in units]
    else:
        chosen = known
    rows = []
    for unit, sites in chosen:
        s = stats_service.stats(session, period, sites=sites)
        rows.append(UnitFigures(unit, unit_values(session, s, sites)))
    db = session.db
    f = Figures(p.key, p.label_vi, p.start, p.end, tuple(rows), model_years=p.model_years,
                unit_name=mine.name, upper_unit_name=settings.get(db, "upper_unit_name") or "",
                letterhead=tuple(x or "" for x in letterhead(db)),
                province_name=settings.get(db, "province_name") or "", as_of=session.clock.today())
    return with_sections(f)


def with_sections(f: Figures) -> Figures:
    from dataclasses import replace
    return replace(f, sections=build_sections(f))
