"""The schema of ``datapackage.json``: the type of every field gzkit reads.

A custom package's descriptor is checked against it before anything uses a
field, so ``"licenses": "MIT"`` or ``"sources": 5`` is one error naming the file
and the field (``datapackage.json, field 'licenses': must be a list of objects``)
rather than a crash in the report. Fields gzkit does not read are not checked:
a descriptor may carry anything else the Frictionless specification allows.
"""

from __future__ import annotations

from typing import Any

from gzkit.errors import DataError
from gzkit.i18n import N_, T, Text

#: Top-level fields gzkit reads, and what each must be.
TEXT_FIELDS = ("name", "title", "description", "version", "homepage", "profile")
#: List fields and the text fields gzkit reads in each of their items.
LIST_FIELDS = {
    "licenses": ("name", "title", "path"),
    "sources": ("title", "description", "path"),
    # A resource's path is checked by the path policy (gzkit.package_files), which says more.
    "resources": ("name", "title", "description"),
}

#: The longest text gzkit accepts in a descriptor field (a title, a path): far beyond any real one.
MAX_TEXT = 10_000


def _problem(file: str, field: str, message: Text) -> DataError:
    return DataError(T("field '{field}': {message}", field=field, message=message), file=file)


def _text(value: object, file: str, field: str) -> None:
    if not isinstance(value, str):
        raise _problem(file, field, T("must be text, not {kind}", kind=_kind(value)))
    if "\x00" in value:
        raise _problem(file, field, T("contains a NUL character (\\x00)"))
    if len(value) > MAX_TEXT:
        raise _problem(file, field, T("is longer than {limit} characters", limit=MAX_TEXT))


#: What a JSON value is, in words: the type names JSON readers know.
_KINDS = {
    bool: N_("true/false"),
    int: N_("a number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("an object"),
}


def _kind(value: object) -> str | Text:
    if value is None:
        return Text("null")
    named = _KINDS.get(type(value))
    return Text(named) if named else type(value).__name__


def validate(meta: object, file: str) -> dict[str, Any]:
    """``meta`` if it follows the schema; else :class:`DataError` naming ``file`` and the first bad field."""
    if not isinstance(meta, dict):
        raise DataError(T("not a data package descriptor (expected a JSON object)"), file=file)
    for field in TEXT_FIELDS:
        if field in meta and meta[field] is not None:
            _text(meta[field], file, field)
    for field, keys in LIST_FIELDS.items():
        if field not in meta or (meta[field] is None and field != "resources"):
            continue
        items = meta[field]
        if not isinstance(items, list):
            raise _problem(file, field, T("must be a list of objects, not {kind}", kind=_kind(items)))
        for i, item in enumerate(items):
            where = f"{field}[{i}]"
            if not isinstance(item, dict):
                raise _problem(file, where, T("must be an object, not {kind}", kind=_kind(item)))
            for key in keys:
                if key in item and not (item[key] is None and key not in ("name", "path")):
                    _text(item[key], file, f"{where}.{key}")
            if "schema" in item and not isinstance(item["schema"], (dict, str)):
                raise _problem(file, f"{where}.schema", T("must be an object, not {kind}", kind=_kind(item["schema"])))
    return meta
