"""The text policy: what happens to characters pasted from Word, e-mail and the web.

Applied once, to every text value as it is loaded, so the PDF and the DOCX always
get the same text. Documented for users in the README ("Vad arende inte godtar").

* Text is NFC-normalised: 'å' typed as 'a' + ring and 'å' as one character are the
  same letter, in searches, in the PDF's text layer and in Word.
* Word's manual line break (vertical tab) and page break (form feed), the Unicode
  line and paragraph separators and a tab become a space, whether they stand in the
  file or are written as escapes ("\\v"). In running text they separate words; a
  paper has no tab stops in its text, and a new paragraph is an empty line.
* Invisible characters that only affect layout (zero-width space, joiners, word
  joiner, a byte-order mark inside text, left-to-right and right-to-left marks) are
  removed: they change nothing a reader sees, but split words for search and copy.
* Everything else that cannot be printed is an error, located at the value: other
  control characters (NUL …), the bidirectional overrides and isolates that make
  text display in another order than it is stored (the 'Trojan Source' trick),
  noncharacters such as U+FFFE, and lone surrogates. A paper must read as written.
"""

from __future__ import annotations

import re
import unicodedata

# Replaced by a space: vertical tab, form feed, next line, line/paragraph separator, tab.
SPACES = re.compile("[\v\f\x85\u2028\u2029\t]")
# Removed: zero-width space/non-joiner/joiner, word joiner, BOM, LRM, RLM, ALM.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c]")
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Every character :func:`refuse` refuses, and only those: control characters but the
# line break, lone surrogates, the bidirectional controls and the noncharacters. Most
# text has none, and is then not looked at character by character.
_SUSPECT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff"
                      + "".join(sorted(_BIDI_CONTROLS)) + "\ufdd0-\ufdef"
                      + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
                      + "]")


class TextRefused(ValueError):
    """A character a paper cannot carry; the message is Swedish, for the user."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def clean(text: str) -> str:
    """*text* under the policy above, or :class:`TextRefused` for the first bad character."""
    text = SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    if _SUSPECT.search(text):
        for char in text:
            refuse(char)
    return unicodedata.normalize("NFC", text)


def refuse(char: str) -> None:
    code = ord(char)
    name = f"U+{code:04X}"
    if char == "\n":
        return
    if 0xD800 <= code <= 0xDFFF:
        raise TextRefused(f"texten innehåller ett trasigt tecken ({name}, ensamt surrogattecken)",
                          "skriv om ordet; tecknet kommer ofta från en felaktig kopiering")
    if char in _BIDI_CONTROLS:
        raise TextRefused(f"texten innehåller en osynlig riktningsändring ({name})",
                          "den kan få texten att visas i en annan ordning än den är skriven; ta bort den")
    category = unicodedata.category(char)
    if category == "Cc":
        raise TextRefused(f"texten innehåller styrtecknet {name}",
                          "ta bort det; det syns inte men kan inte skrivas ut")
    if category == "Cn" and (code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF):
        raise TextRefused(f"texten innehåller icke-tecknet {name}", "ta bort det")
