"""Finding indicators by the words a reader types, in Chinese or English.

A query is split on spaces into terms; an indicator matches when every term
matches one of its fields:

* a Latin-script term matches whole words: ``air`` finds "air quality" but not
  "airport" or "stairwell"; a plural or singular form counts (``hospitals`` finds
  "hospital"). ``hosp*`` asks for words that start with ``hosp``. A term that
  matches no whole word anywhere in the package falls back to word prefixes, so
  ``hosp`` still finds "hospital" (``result.attrs["prefix_terms"]`` names such terms).
* a term with a Chinese character matches any substring: ``医院``, ``收入``.

Matches are ranked by the field they hit: the id or a name first, then the
``keywords`` (bilingual synonyms in indicators.csv), then the description
(English ``description`` or Chinese ``description_zh``, at the same rank). For
several terms, an indicator ranks by its weakest term; when no indicator matches
every term, those matching the most terms are shown (``attrs["partial"]``).

When nothing matches, :func:`nearest_domains` names the domains whose words are
closest to the query, so the command line can say where to look instead.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from gzkit.i18n import N_, Text
from gzkit.notes import Bilingual, Listing

#: Ranks of the fields a term can match, best first.
FIELD_RANK = {"id": 0, "name": 0, "keywords": 1, "description": 2}

#: How alike (difflib ratio) a domain's word must be to the query to be suggested.
NEAR = 0.75

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[0-9a-z]+")


#: A unit's power (km², m³) is not part of the word: NFKC would make km² the word "km2".
_POWERS = str.maketrans({"\u00b2": " ", "\u00b3": " ", "\u00b9": " "})


def _norm(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text if isinstance(text, str) else "").translate(_POWERS)).lower()


def _words(text: str) -> list[str]:
    """Latin words and numbers of normalised text; ids split on underscores (hospital_beds → hospital, beds)."""
    return _WORD.findall(text.replace("_", " "))


def _forms(word: str) -> set[str]:
    """A word and its simple singular and plural forms (English only: enough for search).

    Short words and words in -ss keep their ending: ``as`` is not the plural of ``a``,
    nor ``business`` of ``busines``.
    """
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if len(word) > 3 and not word.endswith("ss"):
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("s"):
            forms.add(word[:-1])
    return forms


@dataclass(frozen=True)
class Term:
    """One search term: Chinese text matched as a substring, or Latin words matched as words."""

    text: str
    words: tuple[str, ...]
    prefix: bool

    @property
    def chinese(self) -> bool:
        return bool(_CJK.search(self.text))


def terms(query: str) -> list[Term]:
    """The terms of a query: space separated; a trailing ``*`` asks for word prefixes."""
    out = []
    for raw in _norm(query).split():
        prefix = raw.endswith("*")
        text = raw.rstrip("*")
        words = tuple(_words(text))
        if text and (words or _CJK.search(text)):
            out.append(Term(text=text, words=words, prefix=prefix))
    return out


def _phrase_in(words: list[str], term: Term, prefix: bool) -> bool:
    """Whether the term's words occur in ``words`` in a row; the last one may be a prefix."""
    n = len(term.words)
    *head, last = term.words
    lasts = _forms(last)
    for i in range(len(words) - n + 1):
        if any(words[i + k] not in _forms(w) for k, w in enumerate(head)):
            continue
        candidate = words[i + n - 1]
        if candidate in lasts or (prefix and candidate.startswith(last)):
            return True
    return False


def _fields(indicators: pd.DataFrame) -> dict[str, list[str]]:
    def col(name: str) -> list[str]:
        return [_norm(v) for v in indicators[name]] if name in indicators else [""] * len(indicators)

    names = [f"{en}\n{zh}" for en, zh in zip(col("name_en"), col("name_zh"))]
    # The Chinese description ranks with the English one: both say what the indicator measures.
    descriptions = [f"{en}\n{zh}" for en, zh in zip(col("description"), col("description_zh"))]
    return {"id": col("id"), "name": names, "keywords": col("keywords"), "description": descriptions}


def _term_rank(
    fields: dict[str, list[str]], words: dict[str, list[list[str]]], term: Term, prefix: bool
) -> list[int | None]:
    """For each indicator, the rank of the best field the term matches, or None."""
    out: list[int | None] = []
    for i in range(len(fields["id"])):
        rank = None
        for field, field_rank in FIELD_RANK.items():
            if rank is not None and field_rank >= rank:
                continue
            if term.chinese:
                hit = term.text in fields[field][i]
            else:
                hit = _phrase_in(words[field][i], term, prefix)
            if hit:
                rank = field_rank
        out.append(rank)
    return out


def search(indicators: pd.DataFrame, query: str) -> pd.DataFrame:
    """The indicators matching ``query``, best matches first (ties keep file order).

    ``indicators`` has gzkit's indicator columns (id, name_en, name_zh,
    description, description_zh, keywords; a package without keywords or
    Chinese descriptions is searched without them).
    The result keeps those rows with a ``match`` column (id_or_name, keywords,
    description). ``attrs["prefix_terms"]`` lists the terms that matched only as
    word prefixes; ``attrs["partial"]`` is true when no indicator matched every
    term and the result holds those matching the most terms.
    """
    found = terms(query)
    if not found:
        empty: pd.DataFrame = indicators.iloc[0:0].assign(match=pd.Series(dtype="str"))
        empty.attrs["prefix_terms"], empty.attrs["partial"] = [], False
        return empty
    fields = _fields(indicators)
    words = {name: [_words(v) for v in values] for name, values in fields.items()}
    per_term = []
    prefixed = []
    for term in found:
        ranks = _term_rank(fields, words, term, term.prefix)
        if not term.chinese and not term.prefix and all(r is None for r in ranks):
            ranks = _term_rank(fields, words, term, True)  # no whole word anywhere: try word prefixes
            if any(r is not None for r in ranks):
                prefixed.append(term.text)
        per_term.append(ranks)
    matched = [sum(r is not None for r in row) for row in zip(*per_term)]
    # Every term must match; when no indicator matches them all, those matching most terms are shown.
    need = len(found) if len(found) in matched else max(matched, default=0)
    keep = [need > 0 and m == need for m in matched]
    worst = [max((r for r in row if r is not None), default=0) for row in zip(*per_term)]
    # Partial matches: a rarer term tells more (crime before rate in "crime rate").
    hits = [max(sum(r is not None for r in ranks), 1) for ranks in per_term]
    weight = [-sum(1 / h for r, h in zip(row, hits) if r is not None) for row in zip(*per_term)]
    labels = {0: "id_or_name", 1: "keywords", 2: "description"}
    out: pd.DataFrame = indicators.assign(match=[labels[r] for r in worst], _rank=worst, _weight=weight)[keep]
    out = out.sort_values(["_weight", "_rank"], kind="stable").drop(columns=["_rank", "_weight"])
    out.attrs["prefix_terms"] = prefixed
    out.attrs["partial"] = bool(len(out)) and need < len(found)
    return out


def nearest_domains(domains: pd.DataFrame, indicators: pd.DataFrame, query: str, limit: int = 3) -> list[str]:
    """Domain ids whose vocabulary is closest in spelling to ``query``, closest first.

    A domain's vocabulary is its names and aliases and its indicators' names and
    keywords. Closeness is difflib's ratio between the query and each word or
    phrase of three characters or more (for Chinese, each keyword, two or more).
    Only domains that resemble the query (ratio ≥ 0.75: a misspelling, a related
    form) are named; an empty list means none does.
    """
    needle = _norm(query).strip().rstrip("*")
    if not needle:
        return []
    best: dict[str, float] = {}

    def consider(domain: object, text: object) -> None:
        for piece in re.split(r"[;|\n]", _norm(text)):
            piece = piece.strip()
            if not piece:
                continue
            candidates = [c for c in (piece, *_words(piece)) if len(c) >= (2 if _CJK.search(c) else 3)]
            if not candidates:
                continue
            score = max(difflib.SequenceMatcher(None, needle, c).ratio() for c in candidates)
            if score > best.get(str(domain), 0.0):
                best[str(domain)] = score

    for row in domains.itertuples(index=False):
        for text in (row.id, row.name_en, row.name_zh, getattr(row, "aliases", "")):
            consider(row.id, text)
    for row in indicators.itertuples(index=False):
        for text in (row.name_en, row.name_zh, getattr(row, "keywords", "")):
            consider(row.domain, text)
    ranked = sorted((d for d, s in best.items() if s >= NEAR), key=lambda d: -best[d])
    return ranked[:limit]


# --------------------------------------------------------------------------- messages for people

#: Messages for people, marked for the catalog (their Chinese is in locale/zh/LC_MESSAGES/gzkit.po).
MESSAGES = {
    "nothing": N_("The report states nothing on '{query}': no indicator's id, name, keywords or description matches."),
    "nothing_in_domain": N_(
        "No indicator in {domain} matches '{query}'; {count} in other domains do: run `gzkit list --search {quoted}`."
    ),
    "nearest": N_("{message} Nearest domains: {domains}. Run `gzkit list DOMAIN` to browse one."),
    "browse": N_("{message} The report covers {domains}: run `gzkit list DOMAIN` to browse one."),
    "empty": N_("--search needs a word to look for."),
    "empty_hint": N_("Example: gzkit list --search 医院"),
    "partial": N_("No indicator matches every word of '{query}': showing those that match the most."),
    "prefix": N_("No whole word '{term}' in the indicators: showing words that start with it."),
}


def message(key: str, lang: str | None = None, **fields: object) -> str:
    """A message for people: a :class:`~gzkit.i18n.Text`, or with ``lang`` (en, zh) rendered in it."""
    text = Text(MESSAGES[key], fields)
    return text.render(lang) if lang is not None else text


def nothing_found(
    query: str, domains: pd.DataFrame, indicators: pd.DataFrame, lang: str | None = None, domain: str | None = None
) -> str:
    """What to tell a reader whose search found nothing, with where to look instead.

    ``domain``: the domain the search was limited to; when other domains match,
    the message says so instead of claiming the report is silent. A
    :class:`~gzkit.i18n.Text`, or with ``lang`` rendered in that language.
    """
    import shlex

    def done(text: Text) -> str:
        return text.render(lang) if lang is not None else text

    names = domains.set_index("id")

    def named(d: str) -> Text:
        # A domain by its id and its name in the reader's language: economy (Economy), economy（经济发展）.
        return Bilingual(f"{d} ({names.at[d, 'name_en']})", f"{d}（{names.at[d, 'name_zh']}）")

    if domain is not None:
        elsewhere = search(indicators, query)
        if len(elsewhere):
            name = Bilingual(domain, str(names.at[domain, "name_zh"]))
            return done(
                Text(
                    MESSAGES["nothing_in_domain"],
                    {"domain": name, "query": query, "count": len(elsewhere), "quoted": shlex.quote(query)},
                )
            )
    text = Text(MESSAGES["nothing"], {"query": query})
    near = nearest_domains(domains, indicators, query)
    if not near:
        listed = Listing([Bilingual(d, f"{names.at[d, 'name_zh']}（{d}）") for d in domains["id"]])
        return done(Text(MESSAGES["browse"], {"message": text, "domains": listed}))
    return done(Text(MESSAGES["nearest"], {"message": text, "domains": Listing([named(d) for d in near])}))
