"""A draft's watermark in Word: the text watermark Word itself makes (Design ›
Watermark), a VML WordArt shape in each header, centred on the page and turned 45°.

Word shows a header's shape behind the text of every page the header stands on, so
the shape goes into every header of every section, the first page's included
(w:titlePg gives the first page a header of its own). LibreOffice reads the same
shape as its own watermark. The PDF's watermark is generated from the same
declaration (stil: stämplar:, generator/house/css.py).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml

from generator.house.style_marks import WATERMARK_PT

_NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
               'xmlns:v="urn:schemas-microsoft-com:vml" '
               'xmlns:o="urn:schemas-microsoft-com:office:office" '
               'xmlns:w10="urn:schemas-microsoft-com:office:word"')
# Word's WordArt text path shape (o:spt 136), as Word writes it for a text watermark.
_SHAPETYPE = """<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>
<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>
<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>"""
# The shape's id as Word names it; Word and LibreOffice recognise a watermark by it.
SHAPE_ID = "PowerPlusWaterMarkObject"


def watermark_run(text: str, colour: str, font: str, number: int):
    """A ``w:r`` holding the watermark shape for *text* in *colour* and *font*; *number*
    keeps each header's shape id unique."""
    # WordArt is fitted to its box: the box has the text's own proportions at WATERMARK_PT.
    height = WATERMARK_PT
    width = WATERMARK_PT * 0.68 * len(text)   # about a bold sans letter's width
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width:g}pt;height:{height:g}pt;"
             "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
             "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
             "mso-position-vertical-relative:margin")
    xml = (f'<w:r {_NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>{_SHAPETYPE}'
           f'<v:shape id="{SHAPE_ID}{number}" o:spid="_x0000_s{2049 + number}" type="#_x0000_t136" '
           f'style="{style}" o:allowincell="f" fillcolor="{colour}" stroked="f">'
           f'<v:fill opacity="1"/>'
           f'<v:textpath style={quoteattr(f"font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold")} '
           f'string={quoteattr(text)}/>'
           f'<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>')
    return parse_xml(xml)


def add_watermark(document, text: str, colour: str, font: str) -> None:
    """The watermark *text* in every header of every section of *document*."""
    number = 0
    for section in document.sections:
        stories = [section.header, section.first_page_header]
        if document.settings.odd_and_even_pages_header_footer:
            stories.append(section.even_page_header)
        for story in stories:
            number += 1
            paragraphs = story.paragraphs or [story.add_paragraph()]
            paragraphs[0]._p.append(watermark_run(text, colour, font, number))
