"""The plan format as JSON Schema, generated from the model, for editors.

Editors such as VS Code (with the YAML extension) read the
``# yaml-language-server: $schema=…`` line at the top of a plan and then complete
keys and flag mistakes while staff type. There is one schema per kind of paper
(:mod:`generator.kinds`), made from its pydantic model, so it cannot drift from what
``arende check`` accepts; only the Swedish help texts shown in the editor are kept
by hand, by YAML key: the shared ones here, a kind's own in its kind.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.errors import RenderFailure, display_path
from generator.kinds import KINDS, PaperKind
from generator.os_errors import swedish

SCHEMA_FOLDER = ".schema"
# The schema of a house's hus.yaml, for house authors' editors (see docs/husguide.md).
HOUSE_SCHEMA = "hus.schema.json"
# The schema of a meeting plan (plans/möten/*.yaml).
MEETING_SCHEMA = "mote.schema.json"
# The schema of a protokoll plan (plans/möten/*-protokoll.yaml, typ: protokoll).
PROTOCOL_SCHEMA = "protokoll.schema.json"
# One schema per kind of paper, by file name.
SCHEMAS: dict[str, PaperKind] = {kind.schema: kind for kind in KINDS.values()}

# What the editor shows when staff hover over a key. Keys the papers share (namn,
# titel, text …) mean the same wherever they stand; a kind's own keys have their
# help in the kind (PaperKind.help).
HELP = {
    "typ": "Vilken sorts handling filen är.",
    "hus": "Husstilen: en mapp i templates/, t.ex. uppsala eller stockholm.",
    "förvaltning": "Förvaltningens förkortning i husets register (hus.yaml), t.ex. AMF.",
    "handläggare": "En eller flera handläggare.",
    "namn": "Namnet som det ska stå i handlingen.",
    "titel": "Titel eller befattning; för en handling dess rubrik.",
    "telefon": "Telefonnummer; sätt citattecken runt nummer som börjar med 0.",
    "e-post": "E-postadress.",
    "enhet": "Handläggarens enhet eller förvaltning, skrivs under namnet (t.ex. Socialkontoret).",
    "uppgifter": "Egna uppgifter i dokumenthuvudet, etikett: text (t.ex. Dokument-ID: ABC-123), "
                 "i den ordning de står; huset väljer vilka som skrivs (stil: huvud: fält:).",
    "datum": "Datum, ÅÅÅÅ-MM-DD.",
    "diarienummer": "Diarienumret, i husets form (t.ex. AMN-2018-0329).",
    "nämnd": "Mottagande nämnd: förkortning ur husets register, t.ex. AMN.",
    "sammanträde": "Sammanträdets datum, ÅÅÅÅ-MM-DD.",
    "ärendenummer": "Ärendets nummer på föredragningslistan (Ärende 7).",
    "undertitel": "Rad under rubriken.",
    "förslag till beslut": "Förslaget till beslut: inledning och att-satser eller numrerade punkter.",
    "rubrik": "Rubrik.",
    "inledning": "Inledande text.",
    "att": "Att-satser, utan ordet 'att' (det sätts i marginalen). Den sista slutar med punkt.",
    "punkter": "Numrerade beslutspunkter.",
    "beslut": "En beslutsmening, eller en lista av meningar, var och en som eget stycke utan nummer och utan 'att'.",
    "grupper": "Förslaget per beslutande organ: inledning ('I kommunstyrelsen:'), en form och fri text efter.",
    "nyckel": "Placerar avsnittet där husets ordning nämner nyckeln, t.ex. sammanfattning.",
    "avsnitt": "Avsnitt med rubrik och text.",
    "text": "Text i Markdown: tom rad mellan stycken, **fet**, *kursiv*, listor, fotnoter [^namn].",
    "områden": "Områden, var och en med text, aktiviteter och/eller en åtgärdstabell.",
    "aktiviteter": "Aktiviteter, skrivs som punktlista.",
    "åtgärder": "Åtgärdstabellens rader.",
    "åtgärd": "Vad som ska göras; som kolumnrubrik: rubriken för åtgärdskolumnen.",
    "huvudansvarig": "Förkortningar ur registret (KS, AMN, OMN) eller fri text (Samtliga).",
    "andra berörda": "Andra berörda aktörer: förkortningar ur registret eller fri text.",
    "tidplan": "T.ex. 2019, 2018-2020, HT 2019, Pågår, Löpande.",
    "kolumner": "I ett område: åtgärdstabellens kolumnrubriker, om de ska vara andra än husets (bara kolumner "
                "med rubrik visas). I en tabell: kolumnerna, var och en med namn, bredd och prosa.",
    "tabell": "En tabell: förval ur husets tabellförval eller egna kolumner, och rader.",
    "förval": "Ett av husets tabellförval (tabellförval: i hus.yaml), t.ex. åtgärder.",
    "bredd": "Kolumnens bredd i procent av textbredden; kolumner utan bredd delar på resten.",
    "prosa": "ja: kolumnen har löptext, med stycken och listor i cellerna.",
    "rubrikrad upprepas": "ja (förval): rubrikraden står överst på varje sida tabellen går över.",
    "rader får delas": "ja: en rad får delas mellan två sidor; nej (förval): raden flyttas hel till nästa sida.",
    "rader": "Tabellens rader: en lista med celler, 'kolumn: cell', eller grupp:, rubrik: eller hel rad: över alla kolumner.",
    "underskrifter": "Den eller de som undertecknar.",
    "bilagor": "Bilagor, numrerade i ordning.",
    "nummer": "Bilagans nummer, om det inte är platsen i listan.",
    "dokument": "YAML-fil i ärendets mapp som görs till en egen handling.",
    "attesterat": "Digitala godkännanden: tabellen 'Attesterat av'.",
    "relaterade dokument": "Dokument som handlingen hänvisar till.",
    "spårade ändringar": "Vem som gjort ändringsmarkeringarna (~~ ~~, ++ ++) och när; Word visar det vid varje spårad ändring.",
    "av": "Namnet Word visar vid de spårade ändringarna; annars den första handläggaren.",
    "tid": "Klockslag, TT:MM.",
    "utgivare": "Utgivare, t.ex. 'Uppsala kommun, Kommunfullmäktige 2016'.",
}


# Help for the register's keys in hus.yaml; the style declaration (stil:) brings its own
# Swedish descriptions from generator/house/style.py.
HOUSE_HELP = {
    "namn": "Organisationens namn som det står i handlingarna, t.ex. Exempelby kommun.",
    "dokumenttyp": "Huvudhandlingens namn, t.ex. Tjänsteskrivelse eller Tjänsteutlåtande.",
    "förslagsrubrik": "Rubriken över förslaget till beslut; {förvaltning} ersätts med förvaltningens namn.",
    "förslagsform": "Hur förslaget brukar skrivas: att (att-satser) eller punkter.",
    "avsnitt": "Avsnitten en ny tjänsteskrivelse får (arende new).",
    "diarienummer": "Hur diarienumret skrivs: mönster, exempel och om det krävs.",
    "mönster": "Reguljärt uttryck för diarienumret; (?P<nämnd>…) och (?P<år>…) kontrolleras mot handlingen.",
    "exempel": "Ett diarienummer som följer mönstret.",
    "krävs": "Om varje tjänsteskrivelse måste ha ett diarienummer.",
    "förvaltningar": "Förvaltningarna, med förkortning som nyckel.",
    "enhet": "Enhet inom förvaltningen, t.ex. i sidfoten.",
    "adress": "Förvaltningens adressrader; {adress} i sidfoten står för dem.",
    "uppgifter": "Egna uppgifter per förvaltning (etikett: värde), som {etikett} i sidfoten.",
    "nämnder": "Nämnderna, med förkortning som nyckel.",
    "aktörer": "Andra aktörer som får nämnas med förkortning i åtgärdstabeller.",
    "ordning": "Tjänsteskrivelsens block efter rubriken, i ordning; andra ord är avsnittsnycklar.",
    "kontroller": "Kontroller som gäller i huset (true/false) och block som krävs (krävs).",
    "punkt efter sista att-satsen": "Varna när den sista att-satsen saknar punkt.",
    "diarienummerets år": "Kontrollera diarienumrets år mot handlingens datum.",
    "diarienummerets nämnd": "Varna när diarienumrets nämnd inte är den mottagande nämnden.",
    "tidplanens form": "Varna när en tidplan har en okänd form.",
    "kolumner": "Åtgärdstabellernas kolumnrubriker (förvalet 'åtgärder'); i ett tabellförval: kolumnerna.",
    "tabellförval": "Färdiga tabeller som planernas tabell: kan välja med förval: namn → kolumner (namn, bredd, prosa), "
                    "rubrikrad upprepas, rader får delas.",
    "bredd": "Kolumnens bredd i procent av textbredden; kolumner utan bredd delar på resten.",
    "prosa": "ja: kolumnen har löptext, med stycken och listor i cellerna.",
    "rubrikrad upprepas": "ja (förval): rubrikraden står överst på varje sida tabellen går över.",
    "rader får delas": "ja: en rad får delas mellan två sidor; nej (förval): raden flyttas hel till nästa sida.",
    "stil": "Handlingarnas utseende; både PDF och Word-fil görs efter det (arende hus guide).",
    "möten": "Hur husets kallelser skrivs: rubriker, föredragningslistans kolumner, numrering, "
             "sidnumrering, sekretess och regeln för när kallelsen ska skickas (docs/planformat.md).",
}


def schema_for(model: type[BaseModel], title: str, help_texts: dict[str, str] = HELP,
               field_descriptions: bool = False) -> dict[str, Any]:
    """The JSON Schema of *model*'s YAML, with Swedish titles and *help_texts*; with
    *field_descriptions* the fields' own descriptions stay (Swedish, in the style model)."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema = _localise(schema, help_texts, field_descriptions)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def _localise(node: Any, help_texts: dict[str, str], field_descriptions: bool = False) -> Any:
    """Drop the models' English docstrings, add Swedish help, and let text be a number too.

    Our loader reads every scalar as text, so ``tidplan: 2019`` is fine; the editor's
    YAML parser sees a number there and must not flag it.
    """
    if isinstance(node, list):
        return [_localise(item, help_texts, field_descriptions) for item in node]
    if not isinstance(node, dict):
        return node
    properties = node.get("properties", {})
    own = {key: prop.get("description") for key, prop in properties.items()
           if isinstance(prop, dict)} if field_descriptions else {}
    node = {key: _localise(value, help_texts, field_descriptions) for key, value in node.items()
            if key != "description"}
    for key, prop in node.get("properties", {}).items():
        prop["title"] = key
        if own.get(key):       # a field's own description says what it is here
            prop["description"] = own[key]
        elif key in help_texts:
            prop["description"] = help_texts[key]
    if node.get("type") == "string" and "format" not in node and "enum" not in node and "const" not in node:
        node = {k: v for k, v in node.items() if k != "type"}
        node["type"] = ["string", "number"]
    return node


def write_schemas(folder: Path) -> list[Path]:
    """Write every plan schema into *folder*; the files only change when the model does.

    Each file is replaced whole (written beside it, then renamed), so a full disk leaves
    the old schema, never half a new one; an unwritable *folder* is a RenderFailure.
    """
    from generator.house import HouseDeclaration

    texts = {name: schema_for(kind.model, kind.schema_title, {**HELP, **kind.help})
             for name, kind in SCHEMAS.items()}
    from generator.model.meeting import Meeting

    texts[MEETING_SCHEMA] = schema_for(Meeting, "Möte: kallelse och föredragningslista", HELP,
                                       field_descriptions=True)
    from generator.model.protocol import Protocol

    texts[PROTOCOL_SCHEMA] = schema_for(Protocol, "Protokoll: vad som hände på sammanträdet", HELP,
                                        field_descriptions=True)
    texts[HOUSE_SCHEMA] = schema_for(HouseDeclaration, "Husstil (hus.yaml)", {**HELP, **HOUSE_HELP},
                                     field_descriptions=True)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, schema in texts.items():
            path = folder / name
            text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                _replace(path, text)
            written.append(path)
    except OSError as exc:
        raise RenderFailure(f"kan inte skriva schemana i {display_path(folder)}: {swedish(exc)}") from None
    return written


def _replace(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
