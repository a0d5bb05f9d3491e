r"""Clean output: control characters in data never reach a terminal, a parser or a page raw.

Fixture fields (titles, quotes, notes, sections) and source texts are data from
outside. A character that would act instead of print — ESC and the other C0/C1
controls (terminal escapes, OSC hyperlinks, a carriage return that overwrites the
line), the bidirectional overrides that reorder what a reader sees, line and
paragraph separators, lone surrogates that no encoder accepts — is written as a
visible escape (``\x1b``, ``\u202e``) in text, CSV and HTML, as a JSON ``\uXXXX``
escape, and in JUnit XML (whose XML 1.0 cannot hold C0 controls at all, not even as
character references) as the same visible escape. Each format keeps the white space
it can carry (newlines, tabs).
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["escape_controls", "json_dumps", "xml_text"]

_UNSAFE = (
    "\x00-\x1f\x7f-\x9f"  # C0 controls, DEL, C1 controls (CSI, OSC …)
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\ud800-\udfff"  # lone surrogates (never valid in UTF-8 output)
)
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    r"""``text`` with every unsafe character written as ``\xNN`` or ``\uNNNN``.

    ``keep`` lists the white space the output format carries as it is, e.g. ``"\n\t"``.

    >>> escape_controls("a\x1b[31mb\u202ec\n", keep="\n")
    'a\\x1b[31mb\\u202ec\n'
    """
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        kept = "".join(f"(?!{re.escape(ch)})" for ch in keep)
        pattern = _PATTERNS[keep] = re.compile(f"{kept}[{_UNSAFE}]")
    return pattern.sub(_visible, text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_dumps(value: Any, *, indent: int | None = 2, ascii_only: bool = False) -> str:
    r"""JSON with every unsafe character as a ``\uXXXX`` escape (C0 ones JSON escapes itself).

    ``ascii_only`` escapes every non-ASCII character, for an output that cannot encode
    them; the document means the same either way.
    """
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    # these characters occur only inside JSON strings, where \uXXXX is their escape
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold: unsafe characters and U+FFFE/U+FFFF made visible.

    Newlines and tabs are kept (attribute values get them as character references).
    """
    return _XML_UNSAFE.sub(_visible, escape_controls(text, keep="\n\t"))


_XML_UNSAFE = re.compile("[\ufffe\uffff]")
