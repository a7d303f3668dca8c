"""Safe YAML reading that keeps the file, line and column of every value.

The YAML is composed into nodes (never constructed into Python objects by PyYAML),
then converted here into plain dicts, lists, strings and None. Beside the data we
keep a table from each value's path (``("handläggare", 0, "namn")``) to where it
stands, so that any later stage can point a person at the line to fix.

On purpose, and unlike plain ``yaml.safe_load``:

* every scalar stays text, except an empty value or ``~``/``null``, which is None.
  YAML 1.1's guesses (``no`` → False, ``010`` → 8, ``2018-09-05`` → date) never
  happen here; the model decides what a field's text means.
* an explicit tag other than the core ones is refused (``!!python/object`` …).
* duplicate keys are an error naming both lines.
* aliases and merge keys are refused: plans do not need them, and an alias is
  how a "billion laughs" document explodes. Refusing them at compose time keeps
  that cheap: nothing is ever expanded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InvalidPlan, Location, Problem
from generator.limits import MAX_FILE_BYTES, MAX_KEYS, MAX_NESTING
from generator.load.files import FileRefused, read_regular
from generator.load.text import SPACES, TextRefused, clean, refuse

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}


class _Limits:
    """What both composers below refuse: aliases, too many keys, too deep nesting."""

    depth = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(event.start_mark)
        # PyYAML composes by recursion: a value nested 100,000 deep would exhaust the
        # stack. No plan nests more than a handful of levels.
        # Likewise a key too many in one mapping stops composing there, so a file of
        # 200,000 keys is refused after reading a few hundred, quickly, in little memory.
        if index is None and isinstance(parent, MappingNode) and len(parent.value) >= MAX_KEYS:
            raise _TooMany(self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Composer(_Limits, yaml.SafeLoader):
    """A composer whose only implicit type is null and which refuses aliases; PyYAML's
    own reader, whose error messages the Swedish ones below are made from."""

    yaml_implicit_resolvers: dict = {}


# libyaml, when PyYAML was built with it (its wheels are); else the Python reader alone.
LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

if LIBYAML:
    from yaml._yaml import CParser

    class _FastComposer(_Limits, yaml.composer.Composer, yaml.resolver.Resolver, CParser):
        """The same composer on libyaml's parser: some eight times faster at reading a
        plan, and giving the same nodes. Used for files that parse; a file that does not
        is read again by :class:`_Composer`, for its error messages."""

        yaml_implicit_resolvers: dict = {}

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_scalar_node(self, anchor):  # noqa: D102 - PyYAML hook
            node = super().compose_scalar_node(anchor)
            if node.style == "":   # libyaml's plain style; PyYAML's is None
                node.style = None
            return node


def _compose(text: str):
    """The YAML *text*'s node tree: through libyaml when it reads the text, else (and for
    every error) through PyYAML's own reader."""
    if LIBYAML:
        fast = _FastComposer(text)
        try:
            return fast.get_single_node()
        except Exception:  # noqa: BLE001 - whatever libyaml disliked, the reader below words it
            pass
        finally:
            fast.dispose()
    return yaml.compose(text, Loader=_Composer)


class _AliasRefused(Exception):
    def __init__(self, mark):
        self.mark = mark


class _TooMany(Exception):
    """A mapping with more than MAX_KEYS keys."""

    def __init__(self, mark):
        self.mark = mark


class _TooDeep(Exception):
    """A value nested deeper than MAX_NESTING."""

    def __init__(self, mark):
        self.mark = mark


@dataclass
class Source:
    """The plain data of one YAML file and where each value of it stands."""

    path: Path
    data: Any
    positions: dict[Path_, Location] = field(default_factory=dict)
    key_positions: dict[Path_, Location] = field(default_factory=dict)
    # Literal block texts ('text: |'): the file line of the text's first line and its indent,
    # so that a problem inside the text can name the file line it is on.
    literal_blocks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text_lines: list[str] = field(default_factory=list, repr=False)   # the file, as parsed

    def locate_in_text(self, path: Path_, line: int, column: int = 1) -> Location:
        """The location of *line* (from 1) and *column* of the text at *path*: the file's
        own line for a literal block, else the value's start."""
        if path in self.literal_blocks:
            first, indent = self.literal_blocks[path]
            return Location(self.path, first + line - 1, indent + column)
        return self.locate(path)

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the value at *path*, or of its nearest located parent.

        With ``key=True`` the location of the key itself (for unknown keys).
        """
        if key and path in self.key_positions:
            return self.key_positions[path]
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Location(self.path, 1, 1))


def load_yaml(path: Path) -> Source:
    """Read one YAML file into a :class:`Source`, or raise :class:`InvalidPlan`."""
    path = Path(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise InvalidPlan([Problem(Location(path), "", str(exc), exc.hint)]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidPlan([Problem(Location(path), "", f"filen är större än {MAX_FILE_BYTES // (1024 * 1024)} MB",
                                   "en plan är några tiotal kB; dela upp den eller kontrollera innehållet")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidPlan([Problem(
            Location(path, line, 1), "",
            "filen är inte UTF-8-kodad",
            "spara den som UTF-8 i din editor",
        )]) from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> Source:
    """Parse YAML *text* that came from *path* (used for messages only)."""
    # Word's line and page breaks pasted into the file would end a YAML line (or be
    # refused by PyYAML); as text they are spaces, and replacing them keeps every
    # line and column where the user sees it.
    text = SPACES.sub(lambda m: "\t" if m.group(0) == "\t" else " ", text)
    odd = _odd_indentation(text, path)
    if odd:
        raise InvalidPlan(odd)
    try:
        root = _compose(text)
    except _AliasRefused as exc:
        raise InvalidPlan([Problem(
            _mark(path, exc.mark), "",
            "alias (*namn) används inte i planer",
            "skriv ut värdet på varje ställe",
        )]) from None
    except _TooMany as exc:
        raise InvalidPlan([Problem(
            _mark(path, exc.mark), "",
            f"fler än {MAX_KEYS} fält på samma nivå",
            "en plan har några tiotal fält; kontrollera indraget och innehållet",
        )]) from None
    except _TooDeep as exc:
        raise InvalidPlan([Problem(
            _mark(path, exc.mark), "",
            f"värdena är nästlade djupare än {MAX_NESTING} nivåer",
            "en plan har bara några få nivåer; kontrollera hakparenteser och indrag",
        )]) from None
    except yaml.MarkedYAMLError as exc:
        raise InvalidPlan([_runaway_quote_in(text, path) or _syntax_problem(path, exc, text)]) from None
    except yaml.reader.ReaderError as exc:  # a character PyYAML will not read at all
        before = text[: exc.position]
        where = Location(path, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        try:
            refuse(chr(exc.character) if isinstance(exc.character, int) else exc.character)
            message, hint = f"tecknet U+{ord(text[exc.position]):04X} kan inte läsas", "ta bort det"
        except TextRefused as refused:
            message, hint = str(refused), refused.hint
        raise InvalidPlan([Problem(where, "", message, hint)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        raise InvalidPlan([Problem(Location(path), "", f"YAML-fel: {exc}")]) from None
    if root is None:
        raise InvalidPlan([Problem(Location(path, 1, 1), "", "filen är tom")])
    source = Source(path, None)
    source.text_lines = text.split("\n")
    problems: list[Problem] = []
    source.data = _convert(root, (), source, problems)
    if problems:
        raise InvalidPlan(problems)
    return source


# Spaces that look like a space but are not one to YAML: Word and web pages put no-break
# and typographic spaces in text that is then pasted as indentation.
_ODD_SPACES = {"\u00a0": "hårt mellanslag", "\u202f": "smalt hårt mellanslag",
               "\u3000": "brett mellanslag", "\u205f": "matematiskt mellanslag",
               **{chr(c): "typografiskt mellanslag" for c in range(0x2000, 0x200B)}}
_INDENT = re.compile("^[ " + "".join(_ODD_SPACES) + "]+")


def _odd_indentation(text: str, path: Path) -> list[Problem]:
    """A problem for each line indented with a space YAML does not count as indentation.

    YAML would read it as part of a key ('\u00a0förvaltning' is not 'förvaltning') or stop
    with a syntax error somewhere else; the person sees an ordinary space."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = _INDENT.match(line)
        if not indent or indent.group(0).strip(" ") == "" or not line.strip():
            continue
        column = next(i for i, c in enumerate(indent.group(0)) if c in _ODD_SPACES)
        char = indent.group(0)[column]
        problems.append(Problem(
            Location(path, number, column + 1), "",
            f"raden är indragen med {_ODD_SPACES[char]} (U+{ord(char):04X}), inte vanliga mellanslag",
            "YAML räknar bara vanliga mellanslag som indrag; skriv om indraget med mellanslagstangenten"))
    return problems


def _mark(path: Path, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _convert(node: Node, at: Path_, source: Source, problems: list[Problem]) -> Any:
    source.positions[at] = _mark(source.path, node.start_mark)
    if isinstance(node, ScalarNode):
        if node.tag == _NULL or (node.tag == _STR and node.style is None and node.value in _NULL_WORDS):
            return None
        if node.tag != _STR:
            problems.append(_tag_problem(node, at, source))
            return None
        if node.style == "|":
            source.literal_blocks[at] = _literal_start(node, source)
        if node.style in ("'", '"') and node.end_mark.line > node.start_mark.line:
            runaway = _runaway_quote(node.start_mark, node.end_mark, source.text_lines, source.path)
            if runaway:
                problems.append(runaway)
                return None
        try:
            return clean(node.value)
        except TextRefused as exc:
            problems.append(Problem(source.positions[at], dotted(at), str(exc), exc.hint))
            return None
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            problems.append(_tag_problem(node, at, source))
        return [_convert(item, at + (i,), source, problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            problems.append(_tag_problem(node, at, source))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_at = _mark(source.path, key_node.start_mark)
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (_STR, _NULL):
                problems.append(Problem(key_at, dotted(at), "en nyckel måste vara ett ord eller en fras"))
                continue
            key = unicodedata.normalize("NFC", key_node.value)  # 'å' typed either way is one key
            if key == "<<":
                problems.append(Problem(key_at, dotted(at), "sammanslagning med << används inte i planer"))
                continue
            if key in result:
                first = source.key_positions[at + (key,)]
                problems.append(Problem(
                    key_at, dotted(at + (key,)),
                    f"nyckeln '{key}' finns redan på rad {first.line}",
                    "ta bort eller slå ihop den ena",
                ))
                continue
            source.key_positions[at + (key,)] = key_at
            result[key] = _convert(value_node, at + (key,), source, problems)
        return result
    raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover


# A line that reads as a key of its own ('  - rubrik: …', 'titel:'): inside a quoted text
# it means the quote was never closed where the person thought.
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"\-][^:#]*:(?:\s|$)")


def _runaway_quote(start, end, lines: list[str], path: Path) -> Problem | None:
    """A problem if the quoted text from *start* to *end* swallowed lines that are keys."""
    opening = lines[start.line]
    indent = len(opening) - len(opening.lstrip(" "))
    for number in range(start.line + 1, end.line + 1):
        line = lines[number]
        # A text's own continuation lines are indented deeper than its key; a key at the
        # key's depth or less is the structure the quote ran over.
        if _KEY_LINE.match(line) and len(line) - len(line.lstrip(" ")) <= indent:
            quote = lines[start.line][start.column] if start.column < len(lines[start.line]) else "'"
            return Problem(
                Location(path, start.line + 1, start.column + 1), "",
                f"YAML-fel: citattecknet ({quote}) stängs aldrig på raden; "
                f"texten fortsätter ända till rad {end.line + 1}",
                f"lägg till {quote} i slutet av texten på rad {start.line + 1}")
    return None


def _runaway_quote_in(text: str, path: Path) -> Problem | None:
    """A runaway quote among the tokens before a syntax error, the error's real cause."""
    lines = text.split("\n")
    try:
        for token in yaml.scan(text, Loader=_Composer):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') \
                    and token.end_mark.line > token.start_mark.line:
                found = _runaway_quote(token.start_mark, token.end_mark, lines, path)
                if found:
                    return found
    except yaml.YAMLError as exc:
        # A quote still open at the end of the file: the error names where it began.
        context = getattr(exc, "context_mark", None)
        if "quoted scalar" in str(getattr(exc, "context", "")) and context is not None:
            quote = lines[context.line][context.column]
            return Problem(Location(path, context.line + 1, context.column + 1), "",
                           f"YAML-fel: citattecknet ({quote}) stängs aldrig",
                           f"lägg till {quote} i slutet av texten på rad {context.line + 1}")
    return None


def _literal_start(node: ScalarNode, source: Source) -> tuple[int, int]:
    """The file line (from 1) of a literal block's first text line, and the block's indent."""
    first = node.start_mark.line + 2   # the line after the '|' indicator, counted from 1
    for line in source.text_lines[first - 1: node.end_mark.line + 1]:
        if line.strip(" "):
            return first, len(line) - len(line.lstrip(" "))
    return first, 0


def _tag_problem(node: Node, at: Path_, source: Source) -> Problem:
    return Problem(
        _mark(source.path, node.start_mark), dotted(at),
        f"taggen '{node.tag}' används inte i planer",
        "ta bort taggen och skriv värdet som text",
    )


def dotted(path: Path_) -> str:
    """A value's path as staff read it: ``områden[2].åtgärder[0].tidplan``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


# PyYAML's problems, in the words staff would understand. Unknown ones fall back
# to the English text behind a Swedish lead, which is better than hiding them.
_SYNTAX_MESSAGES = {
    "found character '\\t' that cannot start any token": (
        "tabbtecken kan inte användas för indrag", "använd mellanslag"),
    "mapping values are not allowed here": (
        "kolon på fel ställe", "sätt text som innehåller ': ' inom citattecken"),
    "found undefined alias": ("alias (*namn) används inte i planer", ""),
    "expected a single document in the stream": (
        "filen innehåller flera dokument (---)", "en plan är ett enda dokument"),
    "found unexpected end of stream": ("filen tar slut mitt i ett värde", "saknas ett citattecken?"),
    "found duplicate anchor": ("ankare (&namn) används inte i planer", ""),
}


_CURLY_QUOTES = "”“„«»’‘‚"
_KEY_VALUE = re.compile(r"^( *)(?:- +)?([^\s:#][^:#]*?):(?: +(.*))?$")


def _misplaced_colon(path: Path, mark, text: str) -> Problem | None:
    """The real cause of PyYAML's 'mapping values are not allowed here', where it is one
    staff make: a text in curly quotes, or a key indented under a line that has a value."""
    lines = text.split("\n")
    line = lines[mark.line]
    found = _KEY_VALUE.match(line)
    value = (found.group(3) or "") if found else ""
    if value[:1] in _CURLY_QUOTES and value:
        column = line.index(value) + 1
        return Problem(Location(path, mark.line + 1, column), "",
                       f"YAML-fel: texten står inom typografiska citattecken ({value[0]}), "
                       "som YAML inte läser som citattecken",
                       "skriv raka citattecken ' eller \" runt texten")
    if found and not found.group(3):
        return None
    previous = next((lines[n] for n in range(mark.line - 1, -1, -1)
                     if lines[n].strip() and not lines[n].lstrip().startswith("#")), "")
    above = _KEY_VALUE.match(previous)
    if found and above and above.group(3) and len(found.group(1)) > len(above.group(1)) \
            and not above.group(3).startswith(("|", ">")):
        return Problem(Location(path, mark.line + 1, 1), "",
                       f"YAML-fel: '{found.group(2)}' är indragen mer än '{above.group(2).strip()}' på raden ovanför",
                       f"ta bort mellanslagen före '{found.group(2)}' så att raderna börjar i samma kolumn")
    return None


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError, text: str = "") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    location = _mark(path, mark) if mark else Location(path)
    problem = (exc.problem or "").strip()
    if mark and problem.startswith("mapping values are not allowed here") and text:
        found = _misplaced_colon(path, mark, text)
        if found:
            return found
    if "another document" in problem:
        problem = (exc.context or "").strip()
    for english, (swedish, hint) in _SYNTAX_MESSAGES.items():
        if problem.startswith(english) or english in problem:
            return Problem(location, "", f"YAML-fel: {swedish}", hint)
    if "block end" in problem or "expected <block end>" in problem or "indentation" in problem:
        return Problem(location, "", "YAML-fel: indraget stämmer inte", "kontrollera mellanslagen i början av raden")
    if "control characters are not allowed" in problem or "special characters are not allowed" in problem:
        return Problem(location, "", "YAML-fel: otillåtet styrtecken i texten", "ta bort tecknet")
    if "anchor" in problem:
        return Problem(location, "", "YAML-fel: ankare och alias används inte i planer", "")
    return Problem(location, "", f"YAML-fel: {problem or exc}", "")
