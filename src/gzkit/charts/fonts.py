"""matplotlib, set up for gzkit: where it keeps its configuration and which installed font draws Chinese."""

from __future__ import annotations

import logging
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from gzkit.errors import GzkitError
from gzkit.i18n import N_

MISSING_EXTRA = N_("Charts need the charts extra: pip install 'gzkit[charts]'")

#: Font families that draw Chinese, most common first; an SVG names them all so the viewer picks one it has.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Droid Sans Fallback",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)
_CJK_NAME_HINTS = (
    "CJK",
    "WenQuanYi",
    "Source Han",
    "YaHei",
    "PingFang",
    "Hiragino",
    "SimHei",
    "SimSun",
    "Heiti",
    "Droid Sans Fallback",
    "AR PL",
    "Sarasa",
    "Noto Sans SC",
    "Noto Serif SC",
)


def require_matplotlib() -> ModuleType:
    """The matplotlib package, or the error that says how to install it."""
    _matplotlib_config_dir()
    try:
        import matplotlib
    except ImportError:
        raise GzkitError(MISSING_EXTRA) from None
    return matplotlib


def _matplotlib_config_dir() -> None:
    """Give matplotlib a temporary configuration folder when the home folder cannot hold one.

    Otherwise, with HOME unset, read-only or missing, matplotlib warns on stderr and
    makes folders of its own; the temporary one is removed when gzkit ends.
    """
    import os
    import sys

    if "MPLCONFIGDIR" in os.environ or "matplotlib" in sys.modules:
        return
    try:
        home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        usable = (home.is_dir() and os.access(home, os.W_OK | os.X_OK)) or (
            not home.exists() and home.parent.is_dir() and os.access(home.parent, os.W_OK | os.X_OK)
        )
    except (RuntimeError, OSError, KeyError):  # no home folder at all
        usable = False
    if not usable:
        import atexit
        import tempfile

        folder = tempfile.mkdtemp(prefix="gzkit-matplotlib-")
        os.environ["MPLCONFIGDIR"] = folder
        atexit.register(shutil.rmtree, folder, ignore_errors=True)


def cjk_font() -> str | None:
    """The name of an installed font that draws Chinese, as matplotlib knows it; None if there is none."""
    require_matplotlib()
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    candidates = sorted(
        {(f.name, f.fname) for f in font_manager.fontManager.ttflist if any(h in f.name for h in _CJK_NAME_HINTS)},
        key=lambda nf: (CJK_FAMILIES.index(nf[0]) if nf[0] in CJK_FAMILIES else len(CJK_FAMILIES), nf[0]),
    )
    for name, path in candidates:
        try:
            if FT2Font(path).get_char_index(ord("广")):
                return name
        except (OSError, RuntimeError):
            continue
    return None


def rc_params(families: list[str], salt: str) -> dict[str, object]:
    """matplotlib settings for gzkit's figures: text stays text in SVG, ids are stable, fonts in order."""
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": salt,
        "path.simplify": False,
        "font.family": ["sans-serif"],
        "font.sans-serif": families,
        "axes.unicode_minus": False,
    }


@contextmanager
def quiet() -> Iterator[None]:
    """Silence matplotlib's complaints about fonts that the viewer, not matplotlib, will supply."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
            warnings.filterwarnings("ignore", message=r"findfont")
            yield
    finally:
        logger.setLevel(level)
