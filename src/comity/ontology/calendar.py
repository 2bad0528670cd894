"""The English names of the months and weekdays, in calendar order: one list for every stage that
must tell a date word from a name or a place (time expressions, bylines, place phrases)."""

from __future__ import annotations

from typing import Final

__all__ = ["MONTH_NAMES", "WEEKDAY_NAMES"]

MONTH_NAMES: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAY_NAMES: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
