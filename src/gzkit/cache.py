"""A validated on-disk cache of parsed data packages, for large ``--data`` packages.

Loading a package of a million observations means parsing and validating every
CSV (about a second per million rows). The parsed tables are kept under the
user's cache directory (platformdirs' ``user_cache_dir("gzkit")`` when
platformdirs is installed, else ``$XDG_CACHE_HOME/gzkit`` or ``~/.cache/gzkit``;
``$GZKIT_CACHE_DIR`` overrides both), in a file named by a key: the SHA-256 of
gzkit's version, its schema contract and the bytes of every file of the
package. An entry is used only when its recorded key equals the key computed
from the package as it is now and its payload matches its recorded digest; an
edited file gives another key, so it is read again. Anything wrong with an
entry (truncated, corrupt, written by another version) means a normal load.

Packages smaller than :data:`MIN_BYTES` are always parsed: for them the hash
and the unpickling cost as much as the parse, and the bundled package must not
get slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from gzkit import __version__

#: Packages whose files add up to less than this are parsed every time.
MIN_BYTES = 2_000_000

#: Entries kept; the least recently used go first.
MAX_ENTRIES = 8

MAGIC = b"GZKIT-PACKAGE-CACHE 1\n"


def directory() -> Path:
    """Where entries live."""
    override = os.environ.get("GZKIT_CACHE_DIR")
    if override:
        return Path(override)
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("gzkit", appauthor=False)) / "packages"
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "gzkit" / "packages"


def key(files: Iterable[Path], contract: Path) -> str:
    """SHA-256 over gzkit's version, its contract and each file's name and content (missing files count too)."""
    digest = hashlib.sha256()
    digest.update(f"gzkit {__version__}\n".encode())
    for file in [contract, *files]:
        digest.update(f"\n{Path(file).name}\n".encode())
        try:
            with open(file, "rb") as fh:
                digest.update(hashlib.file_digest(fh, "sha256").digest() if hasattr(hashlib, "file_digest") else
                              hashlib.sha256(fh.read()).digest())  # fmt: skip
        except FileNotFoundError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def size(files: Iterable[Path]) -> int:
    total = 0
    for file in files:
        try:
            total += Path(file).stat().st_size
        except OSError:
            pass
    return total


class _Hashing:
    """A binary file that hashes what is written to it: an entry is written once, never held whole in memory."""

    def __init__(self, fh):
        self.fh, self.digest = fh, hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.fh.write(data)


def read(entry_key: str):
    """The cached object for ``entry_key``, or None when there is none or it does not validate."""
    path = directory() / f"{entry_key}.pickle"
    head = len(MAGIC) + 130
    try:
        with open(path, "rb") as fh:
            header = fh.read(head)
            if not header.startswith(MAGIC) or len(header) < head:
                return None
            recorded_key = header[len(MAGIC) : len(MAGIC) + 64].decode("ascii", "replace")
            recorded_digest = header[len(MAGIC) + 65 : len(MAGIC) + 129].decode("ascii", "replace")
            if recorded_key != entry_key:
                return None
            # The payload is checked before it is unpickled: a truncated or altered entry is a miss.
            digest = hashlib.sha256()
            while chunk := fh.read(1 << 24):
                digest.update(chunk)
            if digest.hexdigest() != recorded_digest:
                return None
            fh.seek(head)
            value = pickle.load(fh)
    except OSError:
        return None
    except Exception:  # noqa: BLE001 - a stale or damaged entry is a miss, never an error
        return None
    try:
        os.utime(path)  # recently used
    except OSError:
        pass
    return value


def write(entry_key: str, value) -> None:
    """Store ``value`` under ``entry_key``; a cache that cannot be written is silently skipped."""
    folder = directory()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                # The digest is known only at the end: a placeholder first, filled in afterwards.
                fh.write(MAGIC + entry_key.encode() + b"\n" + b"0" * 64 + b"\n")
                sink = _Hashing(fh)
                pickle.dump(value, sink, protocol=pickle.HIGHEST_PROTOCOL)
                fh.seek(len(MAGIC) + 65)
                fh.write(sink.digest.hexdigest().encode())
            os.replace(tmp, folder / f"{entry_key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError):
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def fetch(files: list[Path], contract: Path, parse: Callable[[], object]):
    """``parse()``'s result, from the cache when a valid entry for these exact files exists."""
    if size(files) < MIN_BYTES:
        return parse()
    entry_key = key(files, contract)
    cached = read(entry_key)
    if cached is not None:
        return cached
    value = parse()
    write(entry_key, value)
    return value
