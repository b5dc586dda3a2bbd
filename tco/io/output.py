"""Every file tco writes goes through here: atomic, and never onto an input.

A report, chart or starter scenario is written to a temporary file in the
target's folder, flushed to disk, then renamed over the target
(:func:`os.replace`). If anything fails the old file is left as it was and the
temporary file is removed, so no partial or truncated file remains.

An output that is the same file as an input (same device and inode: the path
itself, a hard link or a symbolic link to it) is refused before anything is
written. A symbolic link as the output is followed: the file it points to is
replaced, the link stays. An existing output that is not a regular file (a
terminal, ``/dev/null``, a FIFO) is written to directly, as ``cat > x`` would:
it cannot be renamed over, and must not be replaced by a regular file.

Usage::

    write_text("report.json", text, inputs=["fleet.toml"])
    write("chart.png", lambda f: fig.savefig(f, format="png"), inputs=[...])
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from ..errors import InputError

Writer = Callable[[BinaryIO], None]


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def refuse_inputs(path: str, inputs: Iterable[str | None]) -> None:
    """Raise InputError if ``path`` is the same file as one of ``inputs``."""
    out = _identity(path)
    if out is None:
        return
    for given in inputs:
        if given and _identity(given) == out:
            same = "" if os.path.abspath(given) == os.path.abspath(path) \
                else f" (the same file as {given})"
            raise InputError(f"is one of the inputs{same}: not overwritten", source=path)


def same_place(a: str, b: str) -> bool:
    """Whether two output paths would end up as the same file."""
    ida, idb = _identity(a), _identity(b)
    if ida is not None and idb is not None:
        return ida == idb
    return os.path.realpath(a) == os.path.realpath(b)


def write_text(path: str, text: str, inputs: Iterable[str | None] = (),
               *, exclusive: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`write`."""
    data = text.encode("utf-8")
    write(path, lambda f: f.write(data), inputs, exclusive=exclusive)


def write(path: str, writer: Writer, inputs: Iterable[str | None] = (),
          *, exclusive: bool = False) -> None:
    """Call ``writer`` with a binary file and put what it wrote at ``path`` atomically.

    ``exclusive``: refuse to replace an existing file (``tco init`` without --force);
    the check and the rename are one step (a hard link), so a file that appears
    meanwhile is not overwritten either.
    """
    refuse_inputs(path, inputs)
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory; give a file name", source=path)
    if st is not None and exclusive:
        raise InputError("already exists and was not overwritten (use --force)", source=path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_stream(path, target, writer)
        return
    _write_atomic(path, target, writer, None if st is None else st.st_mode, exclusive)


def _write_stream(path: str, target: str, writer: Writer) -> None:
    try:
        with open(target, "wb") as f:
            writer(f)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path) from None


def _write_atomic(path: str, target: str, writer: Writer, mode: int | None,
                  exclusive: bool) -> None:
    folder, name = os.path.split(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name[:50]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            writer(f)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:  # a new file: what open() would give it under the umask
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, stat.S_IMODE(mode))
        if exclusive:
            _link_new(tmp, target)
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise InputError("already exists and was not overwritten (use --force)",
                             source=path) from None
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {exc.strerror or exc}", source=path) from None
        raise


def _link_new(tmp: str, target: str) -> None:
    """Put ``tmp`` at ``target`` only if nothing is there (FileExistsError otherwise)."""
    try:
        os.link(tmp, target)  # one step: fails if the target appeared meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)
