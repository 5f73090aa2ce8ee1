"""Where two numbers come from, compared: their releases (vintages) and how far to trust them.

A change between two figures of different releases may be a revision, not
growth (the 2018 first-release GDP against the report's post-census 2019 GDP).
A number computed from several figures is no more certain than the weakest of
them. This module holds both rules as data:

* :func:`compare` sets two observations' vintages and confidences side by side
  and returns a :class:`Provenance` (same release or not, which releases, the
  weaker confidence); :func:`compare_columns` does the same for whole columns,
  vectorised, and returns a DataFrame. Warnings are built from these results
  (:func:`warnings_from`), never read back out of a note.
* :data:`CONFIDENCE` orders the grades: report > high > medium > low.
  :func:`weakest` gives the lowest of several grades; :func:`restrict` returns
  a dataset with only the observations a user is willing to trust.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gzkit.i18n import N_, T, Text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike

    from gzkit.data import Dataset

#: Confidence grades, most trusted first: the report's own statements, then official figures
#: (high: the statistical office's own table or communique; medium: a faithful copy of an official
#: release; low: one secondary compilation).
CONFIDENCE = ("report", "high", "medium", "low")
_RANK = {grade: n for n, grade in enumerate(CONFIDENCE)}

#: What a change across releases may hide, said once for every warning (a Text: Chinese for a Chinese reader).
REVISION_CAVEAT = Text(N_("different releases; the change may reflect a revision, not growth"))


def rank(grade: str) -> int:
    """0 for ``report`` up to 3 for ``low``; an unknown grade ranks below ``low``."""
    return _RANK.get(str(grade), len(CONFIDENCE))


def weakest(grades: Iterable[str]) -> str:
    """The lowest confidence among ``grades`` (``report`` when there are none)."""
    grades = [str(g) for g in grades if g is not None and str(g) != ""]
    if not grades:
        return CONFIDENCE[0]
    return max(grades, key=rank)


def check_grade(grade: str) -> str:
    """``grade`` if it is a confidence grade, else ValueError naming the valid ones."""
    if grade not in _RANK:
        raise ValueError(f"unknown confidence '{grade}'; choose one of {', '.join(CONFIDENCE)}")
    return grade


@dataclass(frozen=True)
class Provenance:
    """Two figures' releases and confidences, compared."""

    #: The releases in the order given (the earlier figure first).
    releases: tuple[str, str]
    #: The lower of the two confidence grades.
    confidence: str

    @property
    def same_release(self) -> bool:
        return self.releases[0] == self.releases[1]

    def note(self) -> str:
        """The row note for a crossing (a :class:`~gzkit.i18n.Text`), empty within one release."""
        return "" if self.same_release else crossing_note(*self.releases)

    def warning(self, label: str, caveat: str = REVISION_CAVEAT) -> str | None:
        """One warning line naming ``label`` (what is compared), or None within one release.

        A :class:`~gzkit.i18n.Text`: the releases and ``label`` stay as the data spells them,
        the words around them read in Chinese for a Chinese reader.
        """
        if self.same_release:
            return None
        return T(
            "{label}: {release_a} vs {release_b} ({caveat})",
            label=label,
            release_a=self.releases[0],
            release_b=self.releases[1],
            caveat=caveat if isinstance(caveat, Text) else Text(caveat),
        )


def crossing_note(release_a: str, release_b: str) -> Text:
    """The note on a row whose two figures come from different releases: ``crosses vintages: a vs b``."""
    return T("crosses vintages: {release_a} vs {release_b}", release_a=release_a, release_b=release_b)


def compare(vintage_a: str, vintage_b: str, confidence_a: str = "report", confidence_b: str = "report") -> Provenance:
    """Compare two observations' releases and confidences.

    >>> p = compare("first release (before the 2019 census revision)", "report 2020-08", "low", "report")
    >>> p.same_release, p.confidence
    (False, 'low')
    """
    return Provenance(releases=(str(vintage_a), str(vintage_b)), confidence=weakest([confidence_a, confidence_b]))


def compare_columns(
    vintage_a: ArrayLike, vintage_b: ArrayLike, confidence_a: ArrayLike, confidence_b: ArrayLike
) -> pd.DataFrame:
    """:func:`compare` over columns: one row per pair, vectorised.

    Columns: vintage_a, vintage_b, same_release (bool), confidence (the lower
    grade), note (``crosses vintages: a vs b``, a :class:`~gzkit.i18n.Text`, or empty). Row ``i`` holds what
    ``compare(vintage_a[i], vintage_b[i], confidence_a[i], confidence_b[i])``
    returns.
    """
    import numpy as np
    import pandas as pd

    # Worked out on the distinct values and spread back by their codes: a compare over
    # every region of a large package pairs hundreds of thousands of rows with a handful of
    # releases and grades.
    codes_a, text_a = _distinct_text(vintage_a)
    codes_b, text_b = _distinct_text(vintage_b)
    grade_a, cgrade_a = _distinct_text(confidence_a)
    grade_b, cgrade_b = _distinct_text(confidence_b)
    # The same text among a's and b's distinct values gets the same number; a missing value
    # (-1) equals nothing, not even another missing one, as pandas compares them.
    both = np.asarray(pd.factorize(np.concatenate([text_a, text_b]))[0])
    ga, gb = both[: len(text_a)].take(codes_a), both[len(text_a) :].take(codes_b)
    same = (ga == gb) & (ga >= 0)
    va, vb = text_a.take(codes_a), text_b.take(codes_b)
    unknown = len(CONFIDENCE)
    ra = np.array([_RANK.get(g, unknown) for g in cgrade_a], dtype=np.int64).take(grade_a)
    rb = np.array([_RANK.get(g, unknown) for g in cgrade_b], dtype=np.int64).take(grade_b)
    note = np.full(len(va), "", dtype=object)
    cross = np.flatnonzero(~same)
    note[cross] = [crossing_note(va[i], vb[i]) if ga[i] >= 0 and gb[i] >= 0 else np.nan for i in cross.tolist()]
    result: pd.DataFrame = pd.DataFrame(
        {
            "vintage_a": va,
            "vintage_b": vb,
            "same_release": same,
            "confidence": np.where(ra >= rb, cgrade_a.take(grade_a), cgrade_b.take(grade_b)),
            # object: a Text note stays one (pandas 3 would store plain English strings).
            "note": pd.Series(note, dtype=object),
        }
    )
    return result


def _distinct_text(values: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Codes into the distinct values of ``values``, and those values as text (a missing value stays NaN)."""
    import numpy as np
    import pandas as pd

    if not isinstance(values, (pd.Series, pd.Index, np.ndarray)):
        values = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    text = [u if isinstance(u, str) else np.nan if pd.isna(u) else str(u) for u in np.asarray(uniques, dtype=object)]
    # Two distinct values may read the same (1 and "1"): one text, one code.
    remap, distinct = pd.factorize(np.array(text, dtype=object), use_na_sentinel=False)
    return remap.take(codes), np.asarray(distinct, dtype=object)


def warnings_from(compared: pd.DataFrame, label: Callable[[int], str], caveat: str = REVISION_CAVEAT) -> list[str]:
    """One warning per row of :func:`compare_columns`'s result that crosses releases.

    ``label(i)`` names what row ``i`` compares; it is called only for those rows.
    """
    import numpy as np

    rows = np.flatnonzero(~compared["same_release"].to_numpy(dtype=bool))
    # Only the rows that cross releases are read out of the columns.
    va, vb, conf = (compared[c].take(rows).to_numpy(dtype=object) for c in ("vintage_a", "vintage_b", "confidence"))
    out = [Provenance((va[k], vb[k]), conf[k]).warning(label(int(i)), caveat) for k, i in enumerate(rows)]
    return [w for w in out if w is not None]


def series_releases(vintages: Sequence[str]) -> list[str]:
    """The distinct releases of a series in the order they appear."""
    return list(dict.fromkeys(str(v) for v in vintages))


# --------------------------------------------------------------------------- trust


def restrict(ds: Dataset, min_confidence: str | None = None, report_only: bool = False) -> Dataset:
    """The dataset with only the observations at or above ``min_confidence``.

    ``report_only`` is ``min_confidence="report"``: the report's own statements and
    nothing else (values implied by them follow, since they are computed from what
    remains). Where a headline observation is left out, the most trusted statement
    that remains for the same indicator, region and period becomes the headline
    (report, then high, medium, low; file order among equals). Returns ``ds``
    itself when nothing is restricted.
    """
    level = "report" if report_only else min_confidence
    if level is None or level == CONFIDENCE[-1]:
        return ds
    check_grade(level)
    obs = ds.observations
    keep = obs["confidence"].map(rank) <= rank(level)
    if bool(keep.all()):
        return ds
    kept = obs[keep].copy()
    key = ["indicator", "region", "period"]
    has_headline = kept.groupby(key, sort=False)["headline"].transform("any")
    orphans = kept[~has_headline]
    if len(orphans):
        best = orphans.assign(_rank=orphans["confidence"].map(rank)).sort_values("_rank", kind="stable")
        promoted = best.groupby(key, sort=False).head(1).index
        kept.loc[promoted, "headline"] = True
    return replace(ds, observations=kept.reset_index(drop=True))
