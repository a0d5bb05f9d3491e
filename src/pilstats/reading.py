"""Reading input files: regular files or standard input only, size-capped, one decoding.

Everything pilstats reads — fixtures, the source texts they name, texts to scan — goes
through :func:`read_bytes` and :func:`decode`:

* only a regular file (or standard input, ``-``) is read. A FIFO, a device
  (``/dev/zero``), a socket or a directory is refused at once, before it is opened
  for reading, so nothing blocks and nothing unbounded is read;
* the size cap is enforced *while* reading: at most ``max_bytes + 1`` bytes are ever
  read, whatever the file claims its size is (``/proc`` files claim 0);
* one decoding for every text: UTF-8 with or without a byte-order mark, UTF-16 with a
  byte-order mark, and GB18030 (which includes GBK and GB2312). The byte-order mark is
  never part of the text, so character offsets count from the first real character.
  Anything else — Big5, Shift_JIS, UTF-16 without a mark, Windows-1252 … — is refused
  with a message naming the likely encoding, unless an explicit ``encoding`` is given:
  a text is never decoded into mojibake.

Every problem is a :class:`~pilstats.errors.FixtureError` naming the file.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from pathlib import Path

from pilstats.errors import FixtureError

__all__ = [
    "MAX_FIXTURE_BYTES",
    "MAX_TEXT_BYTES",
    "decode",
    "read_bytes",
    "read_text",
]

MAX_FIXTURE_BYTES = 16 * 1024 * 1024
"""Default cap on a fixture file (16 MiB; the 2023 fixture is 42 KB)."""

MAX_TEXT_BYTES = 64 * 1024 * 1024
"""Default cap on a text file (64 MiB; the 2023 white paper is 47 KB)."""

_CHUNK = 1 << 20


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file: refused (use - to read a pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file: refused"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file: refused"
    return "is not a regular file: refused"


def _too_large(max_bytes: int) -> str:
    return f"larger than {max_bytes} bytes (the limit; raise it with --max-bytes)"


def read_bytes(source: str | Path, *, max_bytes: int, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file (``"-"``: standard input), at most ``max_bytes`` of them.

    ``follow_symlinks=False`` refuses a path whose last component is a symbolic link
    (used for a source text whose path was already resolved).

    Raises:
        FixtureError: no such file, unreadable, not a regular file, or too large.
    """
    if source == "-":
        return _read_stdin(max_bytes)
    name = str(source)
    try:
        # stat first: a FIFO or a device is refused before it is ever opened
        mode = Path(source).stat(follow_symlinks=follow_symlinks).st_mode
    except FileNotFoundError:
        raise FixtureError("no such file", path=name) from None
    except OSError as exc:
        raise FixtureError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if not stat.S_ISREG(mode):
        raise FixtureError(_describe(mode), path=name)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it
    # does not block (and the fstat below refuses it)
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise FixtureError(f"cannot read: {exc.strerror or exc}", path=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FixtureError(_describe(info.st_mode), path=name)
        if info.st_size > max_bytes:
            raise FixtureError(_too_large(max_bytes), path=name)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise FixtureError(_too_large(max_bytes), path=name)
    except OSError as exc:
        raise FixtureError(f"cannot read: {exc.strerror or exc}", path=name) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _read_stdin(max_bytes: int) -> bytes:
    stream = sys.stdin
    if stream is None:
        raise FixtureError("standard input is closed", path="-")
    binary = getattr(stream, "buffer", None)
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        mode = 0  # no descriptor (an in-memory stream) or a closed one: reading tells
    if stat.S_ISDIR(mode):
        raise FixtureError(_describe(mode), path="-")
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        want = min(_CHUNK, max_bytes + 1 - total)
        try:
            chunk = binary.read(want) if binary is not None else stream.read(want).encode()
        except (OSError, ValueError) as exc:
            # EBADF: descriptor 0 closed; ValueError: "I/O operation on closed file"
            if isinstance(exc, ValueError) or exc.errno == errno.EBADF:
                raise FixtureError("standard input is closed", path="-") from None
            raise FixtureError(f"cannot read standard input: {exc}", path="-") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise FixtureError(_too_large(max_bytes), path="-")


# ------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, None, "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, None, "UTF-32 (big-endian)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# A GB18030 reading, in characters: one ASCII byte, a four-byte sequence, a two-byte one.
_GB_TOKEN = re.compile(
    rb"[\x00-\x80\xff]|[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x00-\xff]"
)
_SAMPLE = 1 << 18
_BIG5_SHARE = 0.1
_GB2312_SHARE = 0.3
_FEW = 8
_OTHERS = (("shift_jis", "Shift_JIS (Japanese)"), ("euc_kr", "EUC-KR (Korean)"),
           ("big5", "Big5 (traditional Chinese)"))  # fmt: skip


def decode(raw: bytes, name: str, encoding: str | None = None) -> str:
    """The text of ``raw``: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030.

    With ``encoding`` the bytes are decoded strictly in that encoding instead. A leading
    byte-order mark is removed either way, so offsets count from the first character.

    Raises:
        FixtureError: not text in a supported encoding (the message names the likely
            one), not valid in the given ``encoding``, or binary data.
    """
    text = _decode_as(raw, name, encoding) if encoding else _detect(raw, name)
    text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        raise FixtureError(f"binary data (a NUL character at offset {nul}), not text", path=name)
    return text


def read_text(
    source: str | Path, *, max_bytes: int = MAX_TEXT_BYTES, encoding: str | None = None
) -> str:
    """:func:`read_bytes` then :func:`decode`: the text of a file or of ``-`` (stdin)."""
    return decode(read_bytes(source, max_bytes=max_bytes), str(source), encoding)


def _decode_as(raw: bytes, name: str, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise FixtureError(f"unknown encoding {encoding!r}", path=name) from None
    try:
        return raw.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise FixtureError(
            f"not {encoding} text: invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            path=name,
        ) from None


def _detect(raw: bytes, name: str) -> str:
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            if codec is None:
                raise FixtureError(
                    f"{label} text: not supported; convert it to UTF-8 (or pass "
                    "--encoding utf-32)", path=name,
                )  # fmt: skip
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                at = exc.start + len(bom)
                raise FixtureError(
                    f"starts with a {label} byte-order mark but is not {label}: invalid "
                    f"byte at offset {at}", path=name,
                ) from None  # fmt: skip
    if b"\x00" in raw:
        raise FixtureError(_binary(raw), path=name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text: str | None = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    pairs, low, gb2312 = _gb_profile(raw)
    big5 = _big5_codec(raw) if pairs else None
    if big5 is not None and low >= _BIG5_SHARE * pairs:
        raise FixtureError(
            "looks like Big5 (traditional Chinese) text, which pilstats does not guess; "
            f"pass --encoding {big5} or convert the file to UTF-8", path=name,
        )  # fmt: skip
    if text is not None and (pairs < _FEW or gb2312 >= _GB2312_SHARE * pairs):
        return text
    likely = next(
        (label for codec, label in _OTHERS if _decodes(raw, codec)),
        "an 8-bit encoding such as Windows-1252 or Latin-1",
    )
    where = f"invalid UTF-8 at byte {utf8_error}" + (
        "" if text is None else "; as GB18030 it reads as rare characters only"
    )
    raise FixtureError(
        f"neither UTF-8, UTF-16 with a byte-order mark, nor GB18030 text ({where}); it may "
        f"be {likely}: pass --encoding or convert it to UTF-8", path=name,
    )  # fmt: skip


def _binary(raw: bytes) -> str:
    head = raw[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 4 * others and len(raw) % 2 == 0 and _decodes(raw, codec):
            return (f"looks like {codec.upper()} text without a byte-order mark: pass "
                    f"--encoding {codec}")  # fmt: skip
    return f"binary data (a NUL byte at offset {raw.find(0)}), not text"


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _big5_codec(raw: bytes) -> str | None:
    """``big5`` or ``cp950`` when the bytes are valid in it, else None."""
    for codec in ("big5", "cp950"):
        if _decodes(raw, codec):
            return codec
    return None


def _gb_profile(raw: bytes) -> tuple[int, int, int]:
    """Two-byte characters of a GB18030 reading: all, second byte ≤ 0x7E, in GB2312.

    Read as GB18030, a Big5 text is full of two-byte characters whose second byte is
    0x40–0x7E (63 of the 157 cells of every Big5 row), which GB2312 — every common
    simplified character — never uses: a tenth of them says Big5. A Shift_JIS text
    reads as GBK extension characters only, where real Chinese text, even traditional
    text in GBK, has most of its characters in GB2312 (62–100% over the test corpus).
    Only the first 256 KiB are looked at.
    """
    pairs = low = gb2312 = 0
    for token in _GB_TOKEN.findall(raw[:_SAMPLE]):
        if len(token) == 2:
            pairs += 1
            low += token[1] <= 0x7E
            gb2312 += 0xA1 <= token[0] <= 0xF7 and token[1] >= 0xA1
    return pairs, low, gb2312
