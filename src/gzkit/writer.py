"""The one way gzkit writes bytes: to standard output, or atomically to a file.

Standard output: a failed write (a full disk behind ``> file``, ``>&-``, an I/O
error) becomes :class:`OutputError`, one line and exit status 1, never a
traceback. A reader that goes away (``| head -1``) is left to the caller, which
ends quietly.

Files: the text goes to a temporary file in the target's folder, is flushed to
disk, and then takes the target's name in one step that cannot replace a file
that appeared meanwhile (``renameat2(RENAME_NOREPLACE)`` where the C library
offers it, else a hard link, else an exclusive create). Only ``--force``
replaces a file, and the new file keeps the replaced one's permissions (and
owner and group, where the user may set them). The temporary file is removed
when the write fails and when gzkit is interrupted or terminated (SIGINT,
SIGTERM, SIGHUP).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Any, TextIO, cast

from gzkit.errors import GzkitError
from gzkit.i18n import T

#: Text, bytes, or a function that writes into an open file.
Content = str | bytes | Callable[[TextIO], None]


class OutputError(GzkitError):
    """Standard output or the ``--output`` file cannot be written."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EBADF:
        return "it is closed"
    return exc.strerror or str(exc)


# --------------------------------------------------------------------------- standard output


def stdout_failed(exc: OSError) -> OutputError:
    return OutputError(T("cannot write to standard output: {reason}.", reason=_reason(exc)))


class GuardedStdout:
    """Standard output that turns a failed write into :class:`OutputError`.

    Installed by the command-line entry point so that every writer (tables,
    help, ``--version``, completion) fails the same way. A closed descriptor
    (``gzkit regions >&-``) leaves Python without ``sys.stdout``: this object
    stands in and reports it on the first write.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return bool(self._stream is not None and self._stream.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return int(self._stream.fileno())

    def _call(self, name: str, *args: object) -> Any:
        if self._stream is None:
            raise stdout_failed(OSError(errno.EBADF, os.strerror(errno.EBADF)))
        try:
            return getattr(self._stream, name)(*args)
        except (BrokenPipeError, UnicodeError):
            raise  # a reader that left, or a console without Chinese: each has its own message
        except OSError as exc:
            raise stdout_failed(exc) from None
        except ValueError as exc:  # written after the stream was closed
            raise OutputError(T("cannot write to standard output: {reason}.", reason=str(exc))) from None

    def write(self, text: str) -> int:
        return int(self._call("write", text))

    def writelines(self, lines: list[str]) -> None:
        self._call("writelines", lines)

    def flush(self) -> None:
        if self._stream is None:
            return  # nothing was written, so nothing is lost
        self._call("flush")


def silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so that Python's last flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def write_stdout(content: Content) -> None:
    """Write ``content`` to standard output and flush it."""
    stream = sys.stdout
    if stream is None:
        raise stdout_failed(OSError(errno.EBADF, os.strerror(errno.EBADF)))
    try:
        if callable(content):
            content(stream)
        elif isinstance(content, bytes):
            stream.flush()
            stream.buffer.write(content)
        else:
            stream.write(content)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None


# --------------------------------------------------------------------------- files


#: Temporary files being written, removed if a signal ends gzkit first.
_PENDING: set[str] = set()
_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


def _remove_pending_and_die(signum: int, _frame: FrameType | None) -> None:
    for tmp in list(_PENDING):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _PENDING.clear()
    # End the way the signal would have: the parent sees "terminated by SIGTERM".
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


@contextmanager
def _cleanup_on_signals(tmp: str) -> Iterator[None]:
    """Remove ``tmp`` if SIGTERM or SIGHUP arrives while it exists (SIGINT raises KeyboardInterrupt)."""
    _PENDING.add(tmp)
    previous: dict[int, Any] = {}
    try:
        for sig in _SIGNALS:
            try:
                previous[sig] = signal.signal(sig, _remove_pending_and_die)
            except (ValueError, OSError):  # not the main thread: signals stay as they are
                pass
        yield
    finally:
        _PENDING.discard(tmp)
        for sig, handler in previous.items():
            try:
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
            except (ValueError, OSError, TypeError):
                pass


def _renameat2() -> Callable[..., int] | None:
    """``renameat2`` from the C library, or None (not Linux, or a C library without it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError, ImportError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    renameat2: Callable[..., int] = fn
    return renameat2


_AT_FDCWD = -100
_RENAME_NOREPLACE = 1


def _place_without_replacing(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` in one step that fails with FileExistsError if ``path`` exists."""
    fn = _renameat2()
    if fn is not None:
        import ctypes

        if fn(_AT_FDCWD, os.fsencode(tmp), _AT_FDCWD, os.fsencode(str(path)), _RENAME_NOREPLACE) == 0:
            return
        err = ctypes.get_errno()
        if err == errno.EEXIST:
            raise FileExistsError(err, os.strerror(err), str(path))
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
            raise OSError(err, os.strerror(err), str(path))
    try:
        # A hard link is created only if the name is free; then the temporary name goes.
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # No hard links here (some network and FAT file systems): claim the name first.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _keep_attributes(tmp: str, old: os.stat_result | None) -> None:
    """The mode a plain open() would give a new file; a replaced file's mode, owner and group."""
    if old is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    os.chmod(tmp, stat.S_IMODE(old.st_mode) & 0o777)
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:  # only root may give a file away; the group may still be ours to keep
            try:
                os.chown(tmp, -1, old.st_gid)
            except OSError:
                pass


def place(tmp: str, path: Path, *, force: bool = False) -> None:
    """Give the finished temporary file ``tmp`` the name ``path``: the last step of every file gzkit writes.

    Without ``force`` it cannot replace a file, even one that appeared meanwhile (FileExistsError);
    with ``force`` the new file keeps the replaced one's mode, owner and group where permitted.
    """
    if force:
        try:
            old = os.stat(path)
        except FileNotFoundError:
            old = None
        _keep_attributes(tmp, old if old is not None and stat.S_ISREG(old.st_mode) else None)
        os.replace(tmp, path)
    else:
        _keep_attributes(tmp, None)
        _place_without_replacing(tmp, path)


@contextmanager
def removed_on_signals(tmp: str) -> Iterator[None]:
    """While this lasts, SIGTERM and SIGHUP remove ``tmp`` before ending gzkit (SIGINT raises KeyboardInterrupt)."""
    with _cleanup_on_signals(tmp):
        yield


def _write_into(fh: IO[Any], content: Content) -> None:
    """Write ``content`` into ``fh``, opened in binary mode for bytes and in text mode otherwise."""
    if callable(content):
        content(cast(TextIO, fh))
    else:
        fh.write(content)


@contextmanager
def writing(path: str | os.PathLike[str]) -> Iterator[None]:
    """While this lasts, what stops gzkit writing the file ``path`` becomes one :class:`OutputError` line.

    That is: the file appeared meanwhile (without ``--force`` it is left as it is), or the system
    refused (no space, no permission). Every file gzkit writes, text or workbook, says it alike.
    """
    try:
        yield
    except FileExistsError:
        raise OutputError(
            T("{path} appeared while gzkit was writing it; it was left as it is.", path=str(path)),
            T("Add --force to overwrite it, or choose another name."),
        ) from None
    except OSError as exc:
        raise OutputError(
            T("cannot write {path}: {reason}.", path=str(path), reason=exc.strerror or str(exc))
        ) from None


def write_file(path: str | os.PathLike[str], content: Content, *, force: bool = False) -> None:
    """Write ``content`` (text as UTF-8, bytes, or what ``content(fh)`` writes) to ``path`` atomically.

    Raises :class:`OutputError` (one line for the user) for anything that stops the write.
    """
    try:
        with writing(path):
            _write_file(Path(path), content, force)
    except ValueError as exc:  # a NUL character in the name
        raise OutputError(T("cannot write {path}: {reason}.", path=repr(str(path)), reason=str(exc))) from None


def _write_file(path: Path, content: Content, force: bool) -> None:
    if path.is_dir():
        raise OutputError(T("{path} is a folder.", path=str(path)), T("Give a file name with -o."))
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputError(T("{path} already exists.", path=str(path)), T("Add --force to overwrite it."))
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        # A device or a pipe (-o /dev/null, a FIFO): write into it; a rename would replace the device itself.
        binary = isinstance(content, bytes)
        with open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="") as fh:
            _write_into(fh, content)
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(
            T("the folder {folder} does not exist.", folder=str(parent)), T("Create it first or choose another path.")
        )
    import tempfile  # here, not at the top: `gzkit --help` and completion never write a file

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    with _cleanup_on_signals(tmp):
        try:
            binary = isinstance(content, bytes)
            with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                _write_into(fh, content)
                fh.flush()
                os.fsync(fh.fileno())
            place(tmp, path, force=force)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
