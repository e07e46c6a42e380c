"""Whose records a book holds: at the upper level, one commune's (option `unit_code`) or every commune's.

A province board prints a commune's book for that commune (its name under the title), or one book of every
commune, kept together commune by commune, each entry naming its commune — the case number's prefix alone was
all a reader had before. At a commune nothing changes: its own records, no names added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import NotFound


@dataclass(frozen=True)
class Scope:
    sites: tuple[str, ...] | None = None  # only these owner sites; None: every record here
    unit_line: str = ""  # "Xã, phường: Phường Ba Đình (mã 00004)" under the title, when one unit is asked for
    file_tag: str = ""  # the unit's code, for the document's title and running head
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # {site: (unit code, unit name)} to label

    def label(self, owner_site: str | None) -> str:
        """The unit named beside one entry ("" when entries need no label: one unit's book, a commune's)."""
        code, name = self.names.get(owner_site or "", ("", ""))
        return name or code

    def order(self, owner_site: str | None) -> str:
        """A sort key keeping each unit's entries together (by unit code); "" for every entry when not needed."""
        return self.names.get(owner_site or "", ("", ""))[0] if self.names else ""


def scope_of(session, options: dict) -> Scope:
    """The scope asked for by `options["unit_code"]` (refused when no records can be that unit's), or this
    level's default: the upper level labels every entry with its commune."""
    from app.services import consolidation

    code = (options.get("unit_code") or "").strip()
    if code:
        sites = consolidation.sites_of_unit(session, code)
        if not sites:
            raise NotFound("print.unknown_unit", code=code)
        unit = consolidation.unit_of(consolidation.site_units(session), sites[0])
        name = unit["unit_name"] or unit["unit_code"]
        return Scope(sites=sites, unit_line=f"Đơn vị: {name} (mã {unit['unit_code']})", file_tag=name)
    if session.level != "upper":
        return Scope()
    names = {site: (u["unit_code"], "" if u["own"] else (u["unit_name"] or u["unit_code"]))
             for site, u in consolidation.site_units(session).items()}
    return Scope(names=names)
