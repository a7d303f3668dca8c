"""Properties over generated plans (Hypothesis).

1. Whatever a plan file holds, reading it either gives a valid case or located
   problems in Swedish: never a traceback.
2. Every text of a valid plan reaches the reader, in the PDF and in the DOCX.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.compose.paper import compose_case
from generator.errors import InvalidPlan
from generator.read import read_case
from generator.writers.docx import write_docx
from generator.writers.pdf import write_pdf

KEYS = ["hus", "förvaltning", "handläggare", "datum", "diarienummer", "nämnd", "titel",
        "förslag till beslut", "avsnitt", "underskrifter", "bilagor", "namn", "text", "rubrik",
        "punkter", "att", "åtgärder", "typ", "okänd", "nummer", "sammanträde", "ärendenummer"]
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10_000), st.text(max_size=12),
                    st.sampled_from(["stockholm", "uppsala", "AMF", "AMN", "2021-08-24", "2021-02-30",
                                     "no", "010", "<script>", "{{ x }}"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)), max_leaves=12)
# 'hus' is usually right, so that most examples reach the model and its register checks.
plans = st.builds(lambda house, rest: {"hus": house, **rest},
                  st.sampled_from(["stockholm", "uppsala", "stockholm", "uppsala", "västerås"]),
                  st.dictionaries(st.sampled_from(KEYS[1:]), values, max_size=10))


def write(folder: Path, name: str, data) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@SETTINGS
@given(plan=plans)
def test_any_plan_validates_or_gets_located_swedish_problems(plan):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "c", "arende.yaml", plan)
        try:
            read_case(path.parent)
        except InvalidPlan as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.message and not problem.message.startswith(("Input should", "Field required"))
                assert Path(problem.location.file).resolve().parent == path.parent.resolve()
                assert problem.location.line >= 1 and problem.location.column >= 1


# Words of the plain text a person writes: letters (with å, ä, ö, é), digits and the
# punctuation that is not Markdown syntax; '<', '&', '{' test escaping on the way.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789",
               min_size=2, max_size=10)
PUNCT = st.sampled_from(["", ",", ".", ":", ";", "?", "!", " &", " <", " {{", "%", " /"])
phrase = st.lists(st.tuples(WORD, PUNCT), min_size=1, max_size=8).map(
    lambda parts: " ".join(word + punct for word, punct in parts).strip())


@st.composite
def valid_plans(draw):
    texts = draw(st.lists(phrase, min_size=12, max_size=12))
    return {
        "hus": "stockholm", "förvaltning": "AMF",
        "handläggare": [{"namn": "Anna " + texts[0]}],
        "datum": "2021-08-10", "nämnd": "AMN", "sammanträde": "2021-08-24",
        "titel": "T " + texts[1], "undertitel": "U " + texts[2],
        "förslag till beslut": {"punkter": ["P " + texts[3], "Q " + texts[4]]},
        "avsnitt": [{"rubrik": "R " + texts[5], "text": f"S {texts[6]}\n\nS {texts[7]}",
                     "områden": [{"rubrik": "O " + texts[8], "aktiviteter": ["A " + texts[9]],
                                  "åtgärder": [{"åtgärd": "G " + texts[10], "huvudansvarig": "AMN"}]}]}],
        "underskrifter": [{"namn": "N " + texts[11], "titel": "Chef"}],
    }


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def contains_in_order(haystack: list[str], needle: list[str]) -> bool:
    position = 0
    for word in haystack:
        if position < len(needle) and word == needle[position]:
            position += 1
    return position == len(needle)


def docx_words(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return words(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).replace("&amp;", "&")
                 .replace("&lt;", "<"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext saknas")
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(plan=valid_plans())
def test_every_string_of_a_valid_plan_reaches_pdf_and_docx(plan):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "c", "arende.yaml", plan)
        (paper,) = compose_case(read_case(path.parent))
        write_pdf(paper, Path(tmp) / "p.pdf")
        write_docx(paper, Path(tmp) / "p.docx")
        pdf = words(subprocess.run(["pdftotext", str(Path(tmp) / "p.pdf"), "-"],
                                   capture_output=True, text=True, check=True).stdout)
        docx = docx_words(Path(tmp) / "p.docx")
        strings = [s for s in _strings(plan) if s not in ("stockholm", "AMF", "AMN")
                   and not re.fullmatch(r"[\d-]+", s)]
        for text in strings:
            assert contains_in_order(pdf, words(text)), text
            assert contains_in_order(docx, words(text)), text


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
