"""Which files of a data package gzkit may read: the path policy.

A package reads only regular files inside its own folder:

* a resource path is relative, without ``..``, a URL or a NUL character;
* it is resolved (symbolic links followed) and must still lie inside the
  package folder: a ``regions.csv`` that links to ``/etc/passwd`` is refused;
* it must be a regular file: a FIFO, a device (``/dev/zero``), a socket or a
  folder is refused without being opened for reading, so nothing can block;
* it must be at most :data:`MAX_FILE_BYTES` (``datapackage.json``:
  :data:`MAX_DESCRIPTOR_BYTES`; in tab completion :data:`MAX_COMPLETION_BYTES`,
  which must answer at once).

The loader and tab completion both go through :func:`checked`; a refusal in
the loader is a :class:`~gzkit.errors.DataError` naming the file, and in
completion it means nothing is offered.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gzkit.errors import DataError
from gzkit.i18n import T, Text

#: The largest CSV file a package may hold: room for tens of millions of observations.
MAX_FILE_BYTES = 2 * 1024**3
#: The largest datapackage.json: real ones are a few kilobytes.
MAX_DESCRIPTOR_BYTES = 16 * 1024**2
#: The largest file tab completion reads: it answers while the user waits.
MAX_COMPLETION_BYTES = 8 * 1024**2


def _size(n: int) -> str | Text:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return T("{n} bytes", n=n)


def member(root: Path, rel: object, *, descriptor: Path, name: str) -> Path:
    """The path of resource ``name`` (declared as ``rel``), if the policy allows it inside ``root``."""
    if not isinstance(rel, str) or not rel.strip():
        raise DataError(T("the path of the '{name}' resource must be one file name", name=name), file=str(descriptor))
    if "\x00" in rel:
        raise DataError(
            T("the path of the '{name}' resource contains a NUL character (\\x00)", name=name), file=str(descriptor)
        )
    rel_path = Path(rel)
    # Like Frictionless: a package reads only files inside its own folder.
    if rel_path.is_absolute() or ".." in rel_path.parts or "://" in rel:
        raise DataError(
            T("the path of the '{name}' resource ({path}) must be relative to the package folder", name=name, path=rel),
            file=str(descriptor),
        )
    return root / rel_path


def inside(root: Path, path: Path) -> bool:
    """True when ``path``, with every symbolic link followed, lies inside ``root``."""
    try:
        real_root = os.path.realpath(root)
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def problem(root: Path, path: Path, limit: int | None = None) -> Text | None:
    """Why ``path`` may not be read as a file of the package at ``root``; None when it may (or is missing)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        st = os.stat(path)  # follows links: the file that would be read
    except FileNotFoundError:
        return None if not os.path.islink(path) else T("is a link to a file that does not exist")
    except (OSError, ValueError) as exc:
        return T("cannot be read ({reason})", reason=str(getattr(exc, "strerror", None) or exc))
    if not inside(root, path):
        return T("lies outside the package folder (through a symbolic link); a package reads only its own files")
    if stat.S_ISDIR(st.st_mode):
        return T("is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        if stat.S_ISFIFO(st.st_mode):
            return T("is a FIFO, not a regular file")
        return (
            T("is a socket, not a regular file") if stat.S_ISSOCK(st.st_mode) else T("is a device, not a regular file")
        )
    if st.st_size > limit:
        return T(
            "is larger than the {limit} a package file may have ({size})", limit=_size(limit), size=_size(st.st_size)
        )
    return None


def checked(root: Path, path: Path, limit: int | None = None) -> Path:
    """``path``, if the policy allows reading it; else :class:`DataError` naming it."""
    why = problem(root, path, limit)
    if why:
        raise DataError(why, file=str(path))
    return path


def read_text(root: Path, path: Path, limit: int) -> str | None:
    """The UTF-8 text of ``path`` if the policy allows it, read without ever blocking; None otherwise.

    For tab completion: the file is opened non-blocking and checked on the
    open descriptor, so a FIFO swapped in after the check still cannot hang it.
    """
    if problem(root, path, limit):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > limit:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
