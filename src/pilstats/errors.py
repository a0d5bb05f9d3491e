"""Exception hierarchy of pilstats.

Every error pilstats raises derives from :class:`PilstatsError` and from the builtin
that a caller would naturally catch (``ValueError``), so ``except ValueError`` keeps
working for code that does not know pilstats.
"""

from __future__ import annotations

__all__ = [
    "FixtureError",
    "NumeralParseError",
    "PilstatsError",
    "UnitError",
    "UnknownIdError",
]


class PilstatsError(Exception):
    """Root of every exception raised by pilstats."""


class NumeralParseError(PilstatsError, ValueError):
    """A figure or numeral could not be read exactly.

    Attributes:
        text: the whole text that was being parsed.
        position: index into ``text`` where reading failed.
        reason: what was wrong there.
    """

    def __init__(self, text: str, position: int, reason: str) -> None:
        """Record what was parsed, where it failed and why."""
        self.text = text
        self.position = position
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        """Name the text, the position and a caret under the offending character."""
        return f"cannot parse figure {self.text!r} at position {self.position}: {self.reason}"


class UnitError(PilstatsError, ValueError):
    """A unit is unknown, or two units that must agree do not."""


class UnknownIdError(PilstatsError, LookupError):
    """No check or figure has the id asked for; the message names the nearest ones."""

    def __str__(self) -> str:
        """The message itself (not the quoted repr a ``KeyError`` would print)."""
        return str(self.args[0]) if self.args else ""


class FixtureError(PilstatsError, ValueError):
    """A fixture file is malformed; names the file, the line and the field path.

    Attributes:
        path: the file (or ``"<mapping>"`` for in-memory data).
        line: 1-based line of the offending node, when known.
        field: dotted/indexed path of the offending field, e.g. ``figures[3].printed``.
        message: what is wrong.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "<mapping>",
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        """Record the message and where in which file it applies."""
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        """Render as ``file:line: field: message``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"
