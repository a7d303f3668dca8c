"""Workloads for the benchmark, generated from the bundled plans into a scratch folder.

* :func:`large_plan` - the Uppsala case with its handlingsplan grown to N action rows
  (the original rows repeated in order, spread evenly over the plan's five areas);
* :func:`batch` - N cases: copies of the two bundled cases, each with its own
  diarienummer or folder name so that every case gets its own output folder;
* :func:`meeting` - N Uppsala cases and a meeting of them (``möten/amn-2018-09-26.yaml``),
  about 7.5 pages per case, so 40 items make a packet of some 300 pages;
* :func:`markdown_of_plan` - a plan's text as Markdown, the pandoc input when the
  seed texts in ../shared are not there.

Run as a script to write a workload for a look by hand:
``python3 bench/workload.py large 1000 /tmp/stor``, ``python3 bench/workload.py batch 50 /tmp/batch``
or ``python3 bench/workload.py meeting 40 /tmp/mote``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
UPPSALA = PLANS / "uppsala-amn-2018-0329"
STOCKHOLM = PLANS / "stockholm-amn-2021-arende-7"
PLAN_FILE = "bilaga-1-handlingsplan.yaml"
UPPSALA_DNR = "diarienummer: AMN-2018-0329"


def _dump(data) -> str:
    """YAML that arende reads back as the same text (every scalar quoted where needed)."""
    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)


def large_plan(target: Path, rows: int) -> Path:
    """The Uppsala case in *target* with exactly *rows* action rows in its handlingsplan."""
    shutil.copytree(UPPSALA, target)
    path = target / PLAN_FILE
    # BaseLoader keeps every scalar as text, as arende's own loader does.
    plan = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    areas = plan["områden"]
    originals = [dict(action) for area in areas for action in area.get("åtgärder", [])]
    for action in originals:  # the original's typo warns once per row; 1,000 warnings are noise here
        if action.get("tidplan") == "Pågå":
            action["tidplan"] = "Pågår"
    per_area, extra = divmod(rows, len(areas))
    made = 0
    for index, area in enumerate(areas):
        count = per_area + (1 if index < extra else 0)
        area["åtgärder"] = [dict(originals[(made + i) % len(originals)]) for i in range(count)]
        made += count
    path.write_text(_dump(plan), encoding="utf-8")
    return target


def batch(target: Path, cases: int) -> Path:
    """*cases* cases under *target*, alternating the Uppsala and the Stockholm case."""
    target.mkdir(parents=True)
    for number in range(1, cases + 1):
        if number % 2:
            _uppsala_copy(target / f"{number:03d}-uppsala", 1000 + number)
        else:  # no diarienummer: the output folder is named after the case folder
            shutil.copytree(STOCKHOLM, target / f"{number:03d}-stockholm")
    return target


MEETING = """\
hus: uppsala
organ: AMN
datum: 2018-09-26
tid: "13:00"
plats: Stationsgatan 12, sammanträdesrum Fyrisån
upprättad: 2018-09-14
ordförande: {namn: Ingela Ruhwald, parti: M}
sekreterare: {namn: Anna Sekreterare, titel: nämndsekreterare}
justering: {justerare: Bo Berg (S), tid och plats: Digital justering}
punkter:
  - formalia: Val av justerare
  - formalia: Godkännande av föredragningslistan
  - avsnitt: Beslutsärenden
"""


def meeting(target: Path, items: int, *, with_meeting: bool = True) -> Path:
    """*items* copies of the Uppsala case under *target*, each with its own diarienummer,
    and (unless not *with_meeting*) a meeting of all of them, the last one secret."""
    target.mkdir(parents=True)
    agenda = []
    for number in range(1, items + 1):
        folder = _uppsala_copy(target / f"amn-{number:03d}", 2000 + number)
        agenda.append(f"  - ärende: {folder.name}\n")
    if items:
        agenda[-1] += "    sekretess: {grund: OSL 26 kap. 1 §}\n"
    if with_meeting:
        (target / "möten").mkdir()
        (target / "möten" / "amn-2018-09-26.yaml").write_text(MEETING + "".join(agenda), encoding="utf-8")
    return target


def markdown_of_plan(case: Path) -> str:
    """A case's text as Markdown: headings for keys, paragraphs for texts, pipe tables for
    lists of records. Only a stand-in for the seed text, for timing pandoc + LibreOffice."""
    out: list[str] = []
    files = [case / "arende.yaml"] + sorted(p for p in case.glob("*.yaml") if p.name != "arende.yaml")
    for file in files:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        _markdown(data, out, level=2)
    return "\n\n".join(out) + "\n"


def _markdown(value, out: list[str], level: int) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                out.append("#" * min(level, 6) + " " + str(key))
            _markdown(item, out, level + 1)
    elif isinstance(value, list):
        if value and all(isinstance(item, dict) and not any(isinstance(v, (dict, list)) or "\n" in v
                                                          for v in item.values()) for item in value):
            keys = list(dict.fromkeys(k for item in value for k in item))
            rows = [keys, ["---"] * len(keys)]
            rows += [[str(item.get(k, "")).replace("\n", " ").replace("|", "/") for k in keys]
                     for item in value]
            out.append("\n".join("| " + " | ".join(row) + " |" for row in rows))
        else:
            for item in value:
                if isinstance(item, dict):  # a record with texts: its first short value heads it
                    first = next(iter(item.values()), None)
                    if isinstance(first, str) and "\n" not in first and len(first) < 120:
                        out.append("#" * min(level, 6) + " " + first)
                        item = dict(list(item.items())[1:])
                _markdown(item, out, level + 1 if isinstance(item, dict) else level)
    elif isinstance(value, str) and value.strip():
        out.append(value.strip())


if __name__ == "__main__":
    kind, count, where = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    print({"large": large_plan, "batch": batch, "meeting": meeting}[kind](where, count))


def _uppsala_copy(folder: Path, serial: int) -> Path:
    """The Uppsala case copied to *folder*, its diarienummer AMN-2018-<serial>, so that
    every copy has an output folder of its own."""
    shutil.copytree(UPPSALA, folder)
    case = folder / "arende.yaml"
    text = case.read_text(encoding="utf-8")
    assert UPPSALA_DNR in text, "the Uppsala plan's diarienummer has moved"
    case.write_text(text.replace(UPPSALA_DNR, f"diarienummer: AMN-2018-{serial:04d}"), encoding="utf-8")
    return folder
