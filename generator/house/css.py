"""The house's style declaration as CSS, for the PDF writer.

``templates/base/paper.css`` holds only the mechanics every paper shares (running
elements, footnote floats, flex boxes, breaks); every measure, face, size, colour and
casing comes from here, generated from the same :class:`HouseStyle` the Word styles are
generated from (:mod:`generator.writers.docx.styles`), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.house.style import (FOOTNOTE_PADDING_MM, FOOTNOTE_RULE_PT, MM_IN_PT, WORD_FONTS,
                                   HouseStyle, Look)
from generator.house.style_marks import WATERMARK_PT

# Part of the declaration → the CSS selector of the paper HTML it styles
# (the vocabulary in generator/vocabulary.py).
SELECTORS: dict[str, str] = {
    "brödtext": "html",
    "rubrik 1": "h1",
    "rubrik 2": "h2",
    "rubrik 3": "h3",
    "rubrik 4": "h4",
    "undertitel": ".subtitle",
    "ordmärke": ".wordmark",
    "förvaltning": ".paper-type p",
    "dokumenttyp": ".paper-type p + p",
    "metarubrik": ".meta-label",
    "metauppgift": ".meta-value",
    "mottagare": ".recipient",
    "ärendenummer": ".agenda-item",
    "tabelltext": "td",
    "tabellrubrik": "th",
    "sidhuvud": ".page-header, .header-text, .page-number",
    "sidfot": ".page-footer",
    "fotnot": ".footnote",
    "underskrift": ".signature p",
    "underskriftsenhet": ".signatures-unit",
    "stämpel": ".stamp",
}


def stylesheet(style: HouseStyle, faces: dict[str, dict[tuple[str, str], Path]],
               url: Callable[[Path], str | None] = Path.as_uri) -> str:
    """The CSS for *style*; *faces* maps each font family the style names to its files
    by (weight, style) (see generator.house.fonts), and *url* gives a font file's address
    (a file: URL for WeasyPrint, the preview server's own address for a browser)."""
    rules = [_font_faces(faces, url), _page(style)]
    for part, selector in SELECTORS.items():
        rules.append(f"{selector} {{ {_text(style.part(part), part)} }}")
    body = style.part("brödtext")   # html carries the face; the paragraphs its spacing
    rules.append(f"p {{ margin: {body.before:g}pt 0 {body.after:g}pt {body.indent:g}mm; }}")
    rules.append(f"ul, ol {{ margin: 0 0 {body.after:g}pt; }}")
    rules += [_masthead(style), _tables(style), _signatures(style), _footer(style), _marks(style)]
    return "\n".join(rule for rule in rules if rule) + "\n"


def pdf_family(family: str) -> str:
    """The family the PDF sets a declared font in: the open font of the same metrics for
    a Word font (so the PDF names the font it really embeds), else the font itself."""
    return WORD_FONTS.get(family, family)


def _font_faces(faces: dict[str, dict[tuple[str, str], Path]], url) -> str:
    """@font-face rules for each family the style names, drawn from its files."""
    return "\n".join(
        f'@font-face {{ font-family: "{pdf_family(family)}"; font-weight: {weight}; '
        f'font-style: {slant}; src: url("{url(path)}"); }}'
        for family, files in sorted(faces.items()) for (weight, slant), path in sorted(files.items()))


def _page(style: HouseStyle) -> str:
    page, number, header, footer = style.page, style.page_number, style.header, style.footer
    width, height = page.dimensions
    boxes = {"top-left": ("element(header-text)", header.pages),
             "bottom-left": ("element(page-footer)", footer.pages if footer.columns else "inga")}
    corner = "top-right" if number.place == "sidhuvud" else "bottom-right"
    boxes[corner] = ("element(page-number)", number.pages)
    every, first = [], []
    for box, (content, pages) in sorted(boxes.items()):
        align = "bottom" if box.startswith("top") else "top"
        on_later = pages in ("alla", "övriga")
        on_first = pages in ("alla", "första")
        later = content if on_later else "none"
        if box == "top-left" and header.later:
            later = "element(header-text-later)"   # the later pages' own text
        every.append(f"@{box} {{ content: {later}; vertical-align: {align}; }}")
        first.append(f"@{box} {{ content: {content if on_first else 'none'}; }}")
    # The footnote area: its margin, rule and padding add up to the height of Word's
    # separator note (style.footnote_separator); each footnote has its own space above.
    footnote = (f"@footnote {{ margin-top: {style.footnote_area_margin:g}pt; "
                f"border-top: {FOOTNOTE_RULE_PT:g}pt solid #444; "
                f"padding-top: {FOOTNOTE_PADDING_MM:g}mm; }}")
    return (f"@page {{ size: {width:g}mm {height:g}mm; "
            f"margin: {page.top:g}mm {page.right:g}mm {page.bottom:g}mm {page.left:g}mm; "
            + " ".join(every) + " " + footnote + " }\n"
            + "@page :first { " + " ".join(first) + " }")


def _text(look: Look, part: str) -> str:
    declarations = [
        f'font-family: "{pdf_family(look.font)}"',
        f"font-size: {look.size:g}pt",
        f"font-weight: {'bold' if look.bold else 'normal'}",
        f"font-style: {'italic' if look.italic else 'normal'}",
        f"text-transform: {'uppercase' if look.caps else 'none'}",
        f"letter-spacing: {look.tracking:g}em",
        f"color: {look.colour}",
        f"line-height: {look.line_height:g}",
    ]
    if part != "brödtext":   # the body's spacing is the paragraphs' (see stylesheet)
        declarations.append(f"margin-top: {look.before:g}pt")
        declarations.append(f"margin-bottom: {look.after:g}pt")
        if look.indent:
            declarations.append(f"margin-left: {look.indent:g}mm")
    return "; ".join(declarations) + ";"


def _masthead(style: HouseStyle) -> str:
    head = style.masthead
    return (f".masthead {{ margin-bottom: {head.space_after:g}mm; }}\n"
            f".masthead .logo {{ flex: 0 0 {head.title_block_at:g}%; }}\n"
            ".paper-type { flex: 1 1 0; }\n"
            f".meta {{ margin-top: {head.fields_above:g}mm; }}\n"
            f".masthead .logo img {{ max-width: {head.logo_width:g}mm; max-height: {head.logo_height:g}mm; }}\n"
            f".meta-item {{ flex: 0 0 {head.column_width:g}mm; margin-right: {head.gap:g}mm; }}\n"
            f".agenda-item {{ padding-left: {head.item_indent:g}mm; }}")


def _tables(style: HouseStyle) -> str:
    tables = style.tables
    fill = tables.heading_fill or "transparent"
    rules = [f"th, td {{ border: {tables.rule_width:g}pt solid {tables.rule_colour}; "
             f"padding: {tables.padding_vertical:g}mm {tables.padding_horizontal:g}mm; }}",
             f"th {{ background: {fill}; }}"]
    first, second = tables.attestation
    rules.append(f".attestation-table {{ width: {first + second:g}%; }}")
    rules.append(f".attestation-table > * > tr > :nth-child(1) {{ width: {first / (first + second) * 100:g}%; }}")
    return "\n".join(rules)


def _signatures(style: HouseStyle) -> str:
    signatures = style.signatures
    share = 90 / signatures.per_row if signatures.per_row > 1 else 100
    return (f".signatures-unit {{ margin: {signatures.space_above:g}pt 0 0; }}\n"
            f".signature {{ width: {share:g}%; padding-top: {signatures.name_space:g}pt; }}")


def _footer(style: HouseStyle) -> str:
    footer = style.footer
    rules = [f".footer-columns {{ width: {style.page.text_width:g}mm; }}"]
    if footer.rule:
        rules.append(f".footer-columns {{ border-top: 0.5pt solid {style.tables.rule_colour}; padding-top: 2mm; }}")
    # Floats of fixed width, not flex items: WeasyPrint lays the running footer out
    # again on every page, and its flex layout made that a third of a long paper's
    # layout time; the columns land on the same points either way.
    for index, width in enumerate(style.footer_widths(), start=1):
        rules.append(f".footer-column:nth-child({index}) {{ width: {width:g}mm; }}")
    return "\n".join(rules)


def _marks(style: HouseStyle) -> str:
    """The draft's watermark, fixed so WeasyPrint repeats it on every page, centred on
    the text area and turned 45° as Word's own text watermark is (writers/docx/marks.py).
    The turn is the inner span's: WeasyPrint does not centre the text of a turned box."""
    width, height = style.page.dimensions
    page = style.page
    middle = (height - page.top - page.bottom) / 2 - WATERMARK_PT / MM_IN_PT / 2
    return (f".watermark {{ position: fixed; left: 0; width: {width - page.left - page.right:g}mm; "
            f"top: {middle:g}mm; text-align: center; z-index: -1; "
            f'font-family: "{pdf_family(style.part("stämpel").font)}"; font-weight: bold; '
            f"font-size: {WATERMARK_PT:g}pt; line-height: 1; color: {style.marks.draft_colour}; }}\n"
            ".watermark-text { display: inline-block; transform: rotate(-45deg); }")


def stamp_stylesheet(style: HouseStyle, faces: dict[str, dict[tuple[str, str], Path]],
                     width: float, height: float) -> str:
    """The CSS of a page of *width* × *height* points that holds only the 'Bilaga N'
    stamp (see generator.writers.pdf.stamp), set in the body text's font."""
    stamp = style.attachment_stamp
    vertical, horizontal = ("top" if stamp.place.startswith("övre") else "bottom",
                            "right" if "högra" in stamp.place else "left")
    frame = "border: 0.6pt solid #000; background: #FFF; padding: 1mm 2mm;" if stamp.frame else ""
    return "\n".join([
        _font_faces(faces, Path.as_uri),
        f"@page {{ size: {width:g}pt {height:g}pt; margin: 0; }}",
        "html, body { margin: 0; padding: 0; }",
        f'.stamp {{ position: absolute; {vertical}: {stamp.margin:g}mm; {horizontal}: {stamp.margin:g}mm; '
        f'font-family: "{pdf_family(style.part("brödtext").font)}"; font-size: {stamp.size:g}pt; '
        f"font-weight: bold; line-height: 1.2; color: #000; white-space: nowrap; {frame} }}",
    ]) + "\n"
