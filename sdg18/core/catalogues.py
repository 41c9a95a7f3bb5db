"""Keeping the catalogues: extract the messages, merge them into each language's ``.po``,
compile the ``.mo``, and check that nothing is missing.

A developer tool over the source tree (``python -m sdg18.core.catalogues update|compile|
check``; ``docs/translations.md``); the run only reads the compiled catalogues
(:mod:`sdg18.core.i18n`). Each domain is extracted from its own sources (:data:`SOURCES`);
the English catalogue repeats every message id as its translation, the Azerbaijani one is
written by hand. :func:`problems` is what the tests and ``check`` report: a message in the
code but not in a catalogue (or the reverse), an Azerbaijani message left empty or fuzzy,
a placeholder lost in translation, a ``.mo`` older than its ``.po``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, cast

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from sdg18.core.i18n import DOMAINS, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, Domain

#: The top of the source tree (``templates/`` and the packages).
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Where each domain's messages are marked: (glob under the project root, extractor).
SOURCES: dict[Domain, tuple[tuple[str, str], ...]] = {
    "report": (
        ("templates/*.html.j2", "jinja2"),
        ("sdg18/reports/pdf/**.py", "python"),
        ("sdg18/reports/*.py", "python"),
    ),
    "workbook": (("sdg18/reports/xlsx/**.py", "python"),),
    "validation": (
        ("schemas/**.py", "python"),
        ("sdg18/validation/**.py", "python"),
        ("sdg18/cli/validate.py", "python"),
    ),
    "metadata": (("sdg18/indicators/framework.yaml", "sdg18.core.catalogues:extract_framework"),),
}
#: Options of the Jinja2 extractor: those of the report's environment.
_JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "newstyle_gettext": "true"}
#: ``{name}`` (str.format) and ``%(name)s`` (Jinja2's gettext) placeholders.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)s")

#: Fields of ``framework.yaml`` whose prose a reader sees on the metadata card (titles
#: are kept in both languages in the framework itself, beside the codes they name).
FRAMEWORK_TEXT_FIELDS = frozenset({"definition", "computation", "limitations"})
#: The header every catalogue carries (fixed, so that an unchanged source gives the
#: same files).
HEADER_COMMENT = """\
# sdg18 messages ({domain}) in {language}.
# Kept by `python -m sdg18.core.catalogues update`; docs/translations.md says how.
# The Azerbaijani terms follow docs/glossary.md."""
CREATION_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def extract_framework(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for ``framework.yaml``: every string under a field of
    :data:`FRAMEWORK_TEXT_FIELDS`, with the field's path as a comment."""
    document = yaml.safe_load(fileobj.read().decode("utf-8"))
    for path, text in _framework_texts(document, ()):
        yield 0, None, text, [".".join(path)]


def _framework_texts(node: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and str(key) in FRAMEWORK_TEXT_FIELDS and value.strip():
                yield (*path, str(key)), value
            else:
                yield from _framework_texts(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _framework_texts(item, (*path, str(index)))


def _matches(root: Path, pattern: str) -> Callable[[str], bool]:
    paths = {p.relative_to(root).as_posix() for p in root.glob(pattern)}
    return lambda name: name in paths


def extracted(domain: Domain, root: Path = PROJECT_ROOT) -> Catalog:
    """The messages marked in ``domain``'s sources, in source order."""
    catalog = Catalog(project="sdg18", domain=domain, fuzzy=False, creation_date=CREATION_DATE)
    for pattern, method in SOURCES[domain]:
        options = {"**.j2": _JINJA_OPTIONS}
        keywords = dict(DEFAULT_KEYWORDS) | {"N_": None}
        for filename, lineno, message, comments, context in extract_from_dir(
            root,
            method_map=[(pattern, method)],
            options_map=options,
            keywords=keywords,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
            directory_filter=lambda d: ".venv" not in d and "node_modules" not in d,
        ):
            if isinstance(message, tuple) and not any(message):
                continue
            catalog.add(
                message,
                locations=[(filename, lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def po_path(domain: Domain, language: str) -> Path:
    """Where ``domain``'s catalogue in ``language`` is kept."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(domain: Domain, language: str) -> Catalog:
    """``domain``'s ``.po`` in ``language`` (an empty catalogue when there is none yet)."""
    path = po_path(domain, language)
    if not path.is_file():
        return Catalog(locale=language, domain=domain, project="sdg18", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def merged(domain: Domain, language: str, template: Catalog) -> Catalog:
    """``language``'s catalogue updated to ``template``: new messages added (English: the
    message itself; other languages: empty, to be translated), gone ones dropped."""
    catalog = read_catalogue(domain, language)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.header_comment = HEADER_COMMENT.format(domain=domain, language=language)
    catalog.project, catalog.version = "sdg18", "1"
    catalog.revision_date = catalog.creation_date = CREATION_DATE
    catalog.last_translator = catalog.language_team = "sdg18 <sdg18@localhost>"
    if language == SOURCE_LANGUAGE:
        for message in catalog:
            if message.id:
                message.string = message.id
                message.flags.discard("fuzzy")
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, include_lineno=False, sort_output=False)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(domains: Sequence[Domain] = DOMAINS, root: Path = PROJECT_ROOT) -> list[Path]:
    """Extract ``domains`` and merge each into each language's ``.po``; the files written."""
    written = []
    for domain in domains:
        template = extracted(domain, root)
        for language in LANGUAGES:
            path = po_path(domain, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_po_bytes(merged(domain, language, template)))
            written.append(path)
    return written


def compile_all(domains: Sequence[Domain] = DOMAINS) -> list[Path]:
    """Compile the ``.po`` of ``domains`` into their ``.mo``; the files written."""
    written = []
    for domain in domains:
        for language in LANGUAGES:
            path = po_path(domain, language).with_suffix(".mo")
            path.write_bytes(_mo_bytes(read_catalogue(domain, language)))
            written.append(path)
    return written


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _forms(value: object) -> list[object]:
    return list(value) if isinstance(value, tuple | list) else [value]


def _message_problems(domain: Domain, language: str, message: Message) -> Iterator[str]:
    where = f"{domain}/{language}: {message.id!r}"
    strings = [str(s or "") for s in _forms(message.string)]
    ids = [str(i) for i in _forms(message.id)]
    if language != SOURCE_LANGUAGE and (message.fuzzy or not all(strings)):
        yield f"{where} has no {language} translation"
        return
    wanted = set().union(*(_placeholders(i) for i in ids))
    for string in strings:
        if _placeholders(string) != wanted:
            yield (
                f"{where}: the translation's placeholders {sorted(_placeholders(string))} "
                f"are not the message's {sorted(wanted)}"
            )


def problems(domains: Sequence[Domain] = DOMAINS, root: Path = PROJECT_ROOT) -> list[str]:
    """Everything that keeps the catalogues of ``domains`` from matching the code, one
    line each."""
    found: list[str] = []
    for domain in domains:
        wanted = {m.id for m in extracted(domain, root) if m.id}
        for language in LANGUAGES:
            catalog = read_catalogue(domain, language)
            have = {m.id for m in catalog if m.id}
            for missing in sorted(wanted - have, key=str):
                found.append(f"{domain}/{language}: {missing!r} is not in the catalogue")
            for stale in sorted(have - wanted, key=str):
                found.append(f"{domain}/{language}: {stale!r} is no longer in the code")
            for message in catalog:
                if message.id and message.id in wanted:
                    found.extend(_message_problems(domain, language, message))
            mo = po_path(domain, language).with_suffix(".mo")
            if not mo.is_file() or mo.read_bytes() != _mo_bytes(catalog):
                found.append(f"{domain}/{language}: {mo.name} is not compiled from its .po")
    return found


def main(argv: list[str] | None = None) -> int:
    """``update`` (extract and merge), ``compile``, or ``check`` (exit 1 on a problem), each
    for the domains named after it (default: all)."""
    args = argv if argv is not None else sys.argv[1:]
    command, names = (args[0] if args else "check"), args[1:]
    unknown = [name for name in names if name not in DOMAINS]
    if command not in ("update", "compile", "check") or unknown:
        sys.stderr.write(
            f"usage: python -m sdg18.core.catalogues update|compile|check [{'|'.join(DOMAINS)}…]\n"
        )
        return 2
    domains = cast(tuple[Domain, ...], tuple(names) or DOMAINS)
    if command == "check":
        found = problems(domains)
        sys.stdout.write("".join(f"{line}\n" for line in found) or "catalogues complete\n")
        return 1 if found else 0
    written = update(domains) if command == "update" else compile_all(domains)
    sys.stdout.write("".join(f"{path.relative_to(PROJECT_ROOT)}\n" for path in written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
