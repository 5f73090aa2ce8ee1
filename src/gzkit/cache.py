"""A validated on-disk cache of parsed data packages, for large ``--data`` packages.

Loading a package of a million observations means parsing and validating every
CSV (about a second per million rows). The parsed tables are kept under the
user's cache directory (platformdirs' ``user_cache_dir("gzkit")`` when
platformdirs is installed, else ``$XDG_CACHE_HOME/gzkit`` or ``~/.cache/gzkit``;
``$GZKIT_CACHE_DIR`` overrides both), in a file named by a key: the SHA-256 of
gzkit's version, its schema contract and the bytes of every file of the
package (:func:`key`). After a parse the entry is written by a thread while the
command goes on (:func:`write`, :func:`finish`). An entry is used only when its
recorded key equals the key computed from the package as it is now and its
payload matches its recorded digest; an edited file gives another key, so it is
read again. Anything wrong with an
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
from typing import IO, TYPE_CHECKING, Any, cast

from gzkit import __version__

if TYPE_CHECKING:
    import pandas as pd

#: Packages whose files add up to less than this are parsed every time.
MIN_BYTES = 2_000_000

#: Entries kept; the least recently used go first.
MAX_ENTRIES = 8

MAGIC = b"GZKIT-PACKAGE-CACHE 3\n"


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


#: Bytes of a file hashed as one piece: pieces are hashed in parallel, then their digests together.
PIECE_BYTES = 64 << 20


def key(files: Iterable[Path], contract: Path) -> str:
    """SHA-256 over gzkit's version, its contract and each file's name and content (missing files count too).

    A file's content counts as the SHA-256 of the SHA-256 digests of its pieces of :data:`PIECE_BYTES`:
    the pieces are hashed on every core (hashlib and file reads release the GIL), so a package of
    1.3 GB takes about half the time of one running hash.
    """
    from concurrent.futures import ThreadPoolExecutor

    named = [Path(f) for f in [contract, *files]]
    pieces: list[tuple[Path, int]] = []
    sizes: dict[Path, int | None] = {}
    for file in named:
        try:
            sizes[file] = file.stat().st_size
        except FileNotFoundError:
            sizes[file] = None
            continue
        pieces += [(file, start) for start in range(0, max(sizes[file] or 0, 1), PIECE_BYTES)]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        digests = dict(zip(pieces, pool.map(_piece_digest, pieces)))
    digest = hashlib.sha256()
    digest.update(f"gzkit {__version__}\n".encode())
    for file in named:
        digest.update(f"\n{file.name}\n".encode())
        mine = [digests[p] for p in pieces if p[0] == file]
        if sizes[file] is None or None in mine:
            digest.update(b"<missing>")
        else:
            digest.update(hashlib.sha256(b"".join(cast("list[bytes]", mine))).digest())
    return digest.hexdigest()


def _piece_digest(piece: tuple[Path, int]) -> bytes | None:
    """The SHA-256 of up to :data:`PIECE_BYTES` of ``file`` from ``start``; None when it cannot be read."""
    file, start = piece
    digest = hashlib.sha256()
    buffer = memoryview(bytearray(1 << 20))
    left = PIECE_BYTES
    try:
        with open(file, "rb", buffering=0) as fh:
            fh.seek(start)
            while left > 0 and (got := fh.readinto(buffer[: min(len(buffer), left)])):
                digest.update(buffer[:got])
                left -= got
    except FileNotFoundError:
        return None
    return digest.digest()


def size(files: Iterable[Path]) -> int:
    """The bytes of ``files`` together (a missing one counts nothing)."""
    total = 0
    for file in files:
        try:
            total += Path(file).stat().st_size
        except OSError:
            pass
    return total


class _Hashing:
    """A binary file that hashes what is written to it: an entry is written once, never held whole in memory."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.digest = fh, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.fh.write(data)


def read(entry_key: str) -> object | None:
    """The cached object for ``entry_key``, or None when there is none or it does not validate."""
    finish()  # an entry still being written is read once it is complete
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
            value = _unpack(pickle.load(fh))
    except OSError:
        return None
    except Exception:  # noqa: BLE001 - a stale or damaged entry is a miss, never an error
        return None
    try:
        os.utime(path)  # recently used
    except OSError:
        pass
    return value


def write(entry_key: str, value: object, *, wait: bool = True) -> None:
    """Store ``value`` under ``entry_key``; a cache that cannot be written is silently skipped.

    With ``wait=False`` the entry is written by a thread while the caller goes on
    (:func:`finish` waits for it; so does the interpreter before it exits): the
    pickling, hashing and writing of a 10^7-observation entry then run on the
    second core while the command computes. The value is taken apart for storing
    before this returns, so a later change to its frames does not reach the entry.
    """
    folder = directory()
    try:
        packed = _pack(value)
    except (OSError, pickle.PicklingError):
        return
    if wait:
        _store(folder, entry_key, packed)
        return
    import threading

    # Not a daemon: the process waits for the entry before it exits, so it is never cut short.
    writer = threading.Thread(target=_store, args=(folder, entry_key, packed), name="gzkit-cache-entry")
    _writers.append(writer)
    writer.start()


#: Entries being written in the background (:func:`write` with ``wait=False``).
_writers: list[Any] = []


def finish() -> None:
    """Wait until every entry written in the background is in place (or has been given up)."""
    while _writers:
        _writers.pop().join()


def _store(folder: Path, entry_key: str, packed: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                # The digest is known only at the end: a placeholder first, filled in afterwards.
                fh.write(MAGIC + entry_key.encode() + b"\n" + b"0" * 64 + b"\n")
                sink = _Hashing(fh)
                pickle.dump(packed, sink, protocol=pickle.HIGHEST_PROTOCOL)
                fh.seek(len(MAGIC) + 65)
                fh.write(sink.digest.hexdigest().encode())
            os.replace(tmp, folder / f"{entry_key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError):
        pass


class _Frame:
    """A DataFrame as stored: text columns as distinct values and codes, the rest as they are.

    A package's text columns repeat a few values (48 indicators, two releases) over
    millions of rows: kept once each, an entry of 10^7 observations is about a third of
    the pickled frame, so there is less to hash and to read, and pyarrow rebuilds each
    column in C++. Without pyarrow the frame is pickled as it is.
    """

    def __init__(self, df: pd.DataFrame) -> None:
        import numpy as np
        import pandas as pd

        self.index, self.attrs = df.index, dict(df.attrs)
        self.columns: list[tuple[Any, Any, Any, Any]] = []
        try:
            import pyarrow as pa
            import pyarrow.compute as pc

            arrow = True
        except ImportError:
            arrow = False
        for name, col in df.items():
            if arrow and isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
                # A missing value is one of the distinct values, so every code is a plain integer.
                coded = pc.dictionary_encode(pa.array(col), null_encoding="encode")
                codes = coded.indices.to_numpy().astype(np.min_scalar_type(max(len(coded.dictionary) - 1, 0)))
                self.columns.append((name, col.dtype, codes, coded.dictionary))
            else:
                self.columns.append((name, None, col, None))

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        cols = {}
        # Each column's codes are dropped once it is rebuilt: the peak is one column's codes, not all.
        while self.columns:
            name, dtype, values, distinct = self.columns.pop(0)
            if dtype is None:
                cols[name] = values
            else:
                import pyarrow as pa
                import pyarrow.compute as pc

                cols[name] = pd.Series(pd.array(pc.take(distinct, pa.array(values)), dtype=dtype), index=self.index)
        df: pd.DataFrame = pd.DataFrame(cols, index=self.index, copy=False)
        df.attrs.update(self.attrs)
        return df


def _pack(value: object) -> object:
    """``value`` with its DataFrames (a dataclass's fields) in the stored form."""
    import dataclasses

    import pandas as pd

    if not dataclasses.is_dataclass(value):
        return value
    # A Dataset hands over its observations as held: compact ones are stored as they are, codes and all.
    stored = getattr(value, "stored", None)
    fields = {f.name: stored(f.name) if stored else getattr(value, f.name) for f in dataclasses.fields(value)}
    packed = {k: _Frame(v) if isinstance(v, pd.DataFrame) else v for k, v in fields.items()}
    return (type(value), packed)


def _unpack(stored: object) -> object:
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict):
        kind, fields = stored
        return kind(**{k: v.frame() if isinstance(v, _Frame) else v for k, v in fields.items()})
    return stored


#: A temporary entry untouched for this many seconds was left by a process that was stopped while writing it.
STALE_SECONDS = 3600


def _prune(folder: Path) -> None:
    import time

    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
    # A run interrupted twice (Ctrl-C, then Ctrl-C while the entry is still being written) leaves its
    # temporary file; one still being written by another process is younger.
    for left in folder.glob(".*.tmp"):
        try:
            if time.time() - left.stat().st_mtime > STALE_SECONDS:
                left.unlink(missing_ok=True)
        except OSError:
            pass


def fetch(files: list[Path], contract: Path, parse: Callable[[], object]) -> object:
    """``parse()``'s result, from the cache when a valid entry for these exact files exists.

    After a parse the new entry is written in the background (:func:`write`, :func:`finish`).
    """
    if size(files) < MIN_BYTES:
        return parse()
    entry_key = key(files, contract)
    cached = read(entry_key)
    if cached is not None:
        return cached
    value = parse()
    write(entry_key, value, wait=False)
    return value
