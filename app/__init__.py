"""Sổ Dân Vận — the headless core (no Qt here, ever)."""

__version__ = "0.1.0"
