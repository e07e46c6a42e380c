"""Whose records a book holds: at the upper level, one unit's (option `unit_code`) or every unit's.

A province board prints a commune's book for that commune (its name under the title), or one book of every
commune, kept together unit by unit (its own records first, then the communes by code), each entry naming its
unit — the case number's prefix alone was all a reader had before. At a commune nothing changes: its own records,
no names added, and no other unit's code accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field


EVERY_UNIT_LINE = "Sổ tổng hợp các xã, phường đã gửi dữ liệu lên; mỗi hồ sơ ghi tên đơn vị của hồ sơ"
UNKNOWN_UNIT = "Đơn vị chưa đăng ký"  # records whose sender is no longer in the registry


@dataclass(frozen=True)
class Scope:
    sites: tuple[str, ...] | None = None  # only these owner sites; None: every record here
    unit_lines: tuple[str, ...] = ()  # under the title: the unit asked for (and a word when it sent nothing)
    file_tag: str = ""  # the unit's name, for the document's title and running head
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # {site: (sort key, label)} of every entry
    silent: frozenset[str] = frozenset()  # labels of registered communes that never sent a bundle here

    def label(self, owner_site: str | None) -> str:
        """The unit named beside one entry ("" when entries need no label: one unit's book, a commune's)."""
        return self.names.get(owner_site or "", ("", ""))[1]

    def tally(self, owner_sites) -> list[tuple[str, int]]:
        """How many of a book's entries (given by their owner sites) each unit has, every unit listed in the
        book's order — a registered commune with none shows 0, so a silent commune is seen at a glance. Empty for
        a book that names no units (one unit's, a commune's)."""
        if not self.names:
            return []
        counts = {unit: 0 for unit in self.names.values()}  # a unit with several sites (a new key) counts once
        for site in owner_sites:
            unit = self.names.get(site or "", ("~", UNKNOWN_UNIT))
            counts[unit] = counts.get(unit, 0) + 1
        # a commune that never sent anything is not a commune with nothing to count: said so beside its 0
        return [(f"{label} (chưa gửi dữ liệu)" if label in self.silent and not n else label, n)
                for (_key, label), n in sorted(counts.items())]

    def order(self, owner_site: str | None) -> str:
        """A sort key keeping each unit's entries together: this unit's own first, then the communes by code
        (one unknown to the registry last)."""
        return self.names.get(owner_site or "", ("~", ""))[0] if self.names else ""


def scope_of(session, options: dict) -> Scope:
    """The scope asked for by `options["unit_code"]` (refused when no records here can be that unit's; at a
    commune, any code but its own), or this level's default: the upper level labels every entry with its unit."""
    from app.services import consolidation

    known = consolidation.site_units(session)
    code = (options.get("unit_code") or "").strip()
    if code:
        sites = consolidation.unit_sites_asked(session, code, "print.unknown_unit")
        unit = consolidation.unit_of(known, sites[0])
        name = unit["unit_name"] or unit["unit_code"]
        lines = [f"Đơn vị: {name} (mã {unit['unit_code']})"]
        if session.level == "upper" and not _ever_sent(session, sites, known):
            lines.append("Cấp trên chưa nhận được gói dữ liệu nào của đơn vị này: sổ chưa có số liệu của đơn vị.")
        return Scope(sites=sites, unit_lines=tuple(lines), file_tag=name)
    if session.level != "upper":
        return Scope()
    names = {site: ("" if u["own"] else u["unit_code"], u["unit_name"] or u["unit_code"])
             for site, u in known.items()}
    sent = {names[site] for site in known if _ever_sent(session, (site,), known)}
    silent = frozenset(label for _key, label in set(names.values()) - sent)
    return Scope(names=names, unit_lines=(EVERY_UNIT_LINE,), silent=silent)


def _ever_sent(session, sites: tuple[str, ...], known: dict) -> bool:
    """Whether any bundle of these sites was imported here (this unit's own site always counts as sent)."""
    from app.storage import sync_log

    return any(known.get(s, {}).get("own") or sync_log.received_bundle_ids(session.db, s) for s in sites)
