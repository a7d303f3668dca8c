"""Footnote mistakes in a Markdown text, found before they reach a paper.

A footnote is a reference ``[^label]`` in a text and its definition, a line
``[^label]: …`` in the same text. Each way of getting that wrong would make a paper
that silently differs from the plan, so each is an error located at the line of the
text it is on:

* a reference with no definition prints as ``[^label]`` in the paper;
* a definition nothing refers to is dropped;
* a label defined twice loses one of its texts;
* a definition in another text (another section) is both of the above.

A misspelt label (``[^statistk]`` for ``[^statistik]``) is one mistake: the reference
gets a did-you-mean, and the definition it meant is not reported again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import Problem
from generator.load.source import Source, dotted
from generator.model.hints import did_you_mean
from generator.positions import spoken

# A definition starts a line (up to three spaces in, as Markdown allows).
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
# A reference anywhere else; a backslash before it makes it plain text.
_REFERENCE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")


@dataclass(frozen=True)
class _Mark:
    label: str
    path: tuple
    line: int      # in the text, from 1
    column: int    # in the line, from 1


def _scan(path: tuple, text: str) -> tuple[list[_Mark], list[_Mark]]:
    references, definitions = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        start = 0
        definition = _DEFINITION.match(line)
        if definition:
            definitions.append(_Mark(definition.group(1), path, number, definition.start(1) - 1))
            start = definition.end()
        for found in _REFERENCE.finditer(line, start):
            references.append(_Mark(found.group(1), path, number, found.start() + 1))
    return references, definitions


def check_footnotes(source: Source, texts: list[tuple[tuple, str]]) -> list[Problem]:
    """An error for every footnote mistake in *texts* (path, text) of *source*."""
    scanned = {path: _scan(path, text) for path, text in texts if "[^" in text}
    all_definitions = [d for _, defs in scanned.values() for d in defs]
    problems: list[Problem] = []

    def problem(mark: _Mark, message: str, hint: str) -> None:
        problems.append(Problem(source.locate_in_text(mark.path, mark.line, mark.column),
                                dotted(mark.path), message, hint))

    def where(mark: _Mark) -> str:
        return f"rad {source.locate_in_text(mark.path, mark.line).line}"

    for path, (references, definitions) in scanned.items():
        defined: dict[str, _Mark] = {}
        for definition in definitions:
            if definition.label in defined:
                problem(definition, f"fotnoten [^{definition.label}] är definierad två gånger",
                        f"den första definitionen står på {where(defined[definition.label])}; "
                        "ge fotnoterna olika namn eller ta bort den ena")
            else:
                defined[definition.label] = definition
        referred = {r.label for r in references}
        explained: set[str] = set()   # definitions a reference's message already names
        for reference in references:
            if reference.label in defined:
                continue
            elsewhere = [d for d in all_definitions if d.label == reference.label and d.path != path]
            if elsewhere:
                problem(reference, f"fotnoten [^{reference.label}] är definierad i en annan text "
                                   f"({spoken(elsewhere[0].path)}, {where(elsewhere[0])})",
                        "flytta definitionen till samma text som hänvisningen")
                continue
            unused = [label for label in defined if label not in referred]
            guess = did_you_mean(reference.label, unused, listing=False)
            if guess:
                explained.update(label for label in unused if f"'{label}'" in guess)
                guess = guess.replace("'", "[^", 1).replace("'", "]", 1)
            problem(reference, f"fotnoten [^{reference.label}] saknar definition; "
                               f"den skulle stå som [^{reference.label}] i handlingen",
                    guess or f"lägg till en rad '[^{reference.label}]: …' i samma text")
        for label, definition in defined.items():
            if label in referred or label in explained:
                continue
            elsewhere_refs = any(label in {r.label for r in refs}
                                 for other, (refs, _) in scanned.items() if other != path)
            if elsewhere_refs:
                continue   # reported at the reference, in the other text
            problem(definition, f"ingen text hänvisar till fotnoten [^{label}]; den skulle inte synas i handlingen",
                    f"skriv [^{label}] där fotnoten ska stå, eller ta bort definitionen")
    return problems
