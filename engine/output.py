"""Writing reports: all or nothing.

`write_atomic(path, text)` writes to a temporary file beside the target and renames it over the
target (`os.replace`), so a reader never sees half a report and a failed write leaves the old
file as it was. Any failure is an `OutputError` with a one-line message naming the path.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

MESSAGES = {
    "id": "{path}: tidak dapat menulis keluaran ({reason})",
    "en": "{path}: cannot write output ({reason})",
}

REASONS = {
    "id": {errno.ENOENT: "folder tidak ada", errno.EACCES: "tidak ada izin menulis",
           errno.EPERM: "tidak ada izin menulis", errno.EISDIR: "path itu sebuah folder",
           errno.ENOTDIR: "bagian path bukan folder", errno.ENOSPC: "ruang disk habis",
           errno.EROFS: "sistem berkas hanya-baca"},
    "en": {errno.ENOENT: "no such folder", errno.EACCES: "permission denied",
           errno.EPERM: "permission denied", errno.EISDIR: "the path is a folder",
           errno.ENOTDIR: "part of the path is not a folder", errno.ENOSPC: "no space left on the disk",
           errno.EROFS: "read-only file system"},
}


INPUT_REASON = {"id": "berkas itu adalah masukan yang diperiksa", "en": "that file is one of the inputs"}


class OutputError(Exception):
    """An output file could not be written; the message is one line naming the path."""


def refuse_inputs(path, inputs, *, lang: str = "id") -> None:
    """OutputError when `path` is one of the `inputs`: a report never replaces a file it reads."""
    target = Path(path)
    for name in inputs:
        try:
            same = target.exists() and os.path.samefile(target, name)
        except OSError:
            continue
        if same:
            raise OutputError(MESSAGES[lang].format(path=path, reason=INPUT_REASON[lang]))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path, text: str, *, lang: str = "id") -> None:
    target = Path(path)
    tmp = None
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if target.exists() and not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        tmp = None
    except (OSError, UnicodeError) as exc:
        reason = (REASONS[lang].get(getattr(exc, "errno", None))
                  or getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
        raise OutputError(MESSAGES[lang].format(path=path, reason=" ".join(reason.split()))) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
