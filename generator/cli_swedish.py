"""Swedish for click's own words (usage lines, option headings, usage errors).

click marks its user-facing strings with gettext but ships no Swedish catalogue, and
gettext would pick a catalogue by the user's locale, which on a municipality's build
server is often C or en_US. Our users read Swedish whatever the locale, so the
modules that call ``_`` and ``ngettext`` are pointed at this table. Strings not
listed keep click's English, which is better than failing.
"""

from __future__ import annotations

import importlib

_WORDS = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Missing command.": "Ange ett kommando.",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Värde saknas",
    "Missing parameter: {param_name}": "Värde saknas: {param_name}",
    "Missing {param_type}": "{param_type} saknas",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Aborted!": "Avbrutet.",
    "default: {default}": "standard: {default}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan inte läsas.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan inte skrivas.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte inom {range}.",
    "integer": "heltal",
    "file": "fil",
    "directory": "mapp",
    "path": "sökväg",
}

_PLURALS = {
    "Did you mean {possibility}?": ("Menade du {possibility}?", "(Menade du något av: {possibilities}?)"),
    "Got unexpected extra argument ({args})": (
        "Oväntat extra argument ({args})", "Oväntade extra argument ({args})"),
    "Option {name!r} requires an argument.": (
        "Flaggan {name!r} kräver ett värde.", "Flaggan {name!r} kräver {nargs} värden."),
    "{value!r} is not {choice}.": ("{value!r} är inte {choice}.", "{value!r} är inte något av {choices}."),
}


def gettext(message: str) -> str:
    """Swedish for *message* where we have it."""
    return _WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Swedish singular or plural for click's counted messages."""
    if singular in _PLURALS:
        one, many = _PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    """Point click's modules at the Swedish table (idempotent)."""
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            setattr(module, "_", gettext)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)
