"""Makes the example remiss letter attached to plans/uppsala-amn-2018-0371 (bilaga 2).

    python3 tools/make_example_remiss.py            # writes plans/uppsala-amn-2018-0371/remiss-region-uppsala.pdf
    python3 tools/make_example_remiss.py ut.pdf     # somewhere else

The letter is invented: a remiss from "Region Uppsala" about a regional labour-market
council, as a municipality receives it, a few pages long. It is made with WeasyPrint from
the HTML below, in the bundled Liberation fonts (templates/base/fonts/, not the machine's),
as PDF/A-2b so that `arende archive` takes it as it is. The document's dates are fixed in
the HTML and SOURCE_DATE_EPOCH is not read, so the same WeasyPrint gives the same bytes:
run it again and `git diff` shows nothing.
"""

from __future__ import annotations

import gc
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "templates" / "base" / "fonts"
TARGET = ROOT / "plans" / "uppsala-amn-2018-0371" / "remiss-region-uppsala.pdf"

CSS = """
@font-face { font-family: Sans; src: url(LiberationSans-Regular.ttf); }
@font-face { font-family: Sans; font-weight: bold; src: url(LiberationSans-Bold.ttf); }
@font-face { font-family: Serif; src: url(LiberationSerif-Regular.ttf); }
@font-face { font-family: Serif; font-style: italic; src: url(LiberationSerif-Italic.ttf); }
@page {
  size: A4; margin: 28mm 24mm 26mm 28mm;
  @top-left { content: "Region Uppsala"; font: bold 10pt Sans; color: #8a1538; }
  @bottom-left { content: "Region Uppsala, Regional utveckling, Box 1888, 751 48 Uppsala · Remiss RS 2018-00733";
                 font: 7.5pt Sans; color: #444; }
  @bottom-right { content: "Sida " counter(page) " (" counter(pages) ")"; font: 8.5pt Sans; }
}
body { font: 11pt/1.4 Serif; }
h1 { font: bold 16pt Sans; margin: 6mm 0 4mm; }
h2 { font: bold 12pt Sans; margin: 6mm 0 2mm; }
p { margin: 0 0 3mm; }
table.head { font: 9pt Sans; border-collapse: collapse; margin-bottom: 8mm; }
table.head td { padding: 0 8mm 1mm 0; vertical-align: top; }
table.data { border-collapse: collapse; width: 100%; font: 9.5pt Sans; margin: 2mm 0 4mm; }
table.data th, table.data td { border: 0.5pt solid #777; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
table.data th { background: #eee; }
.sign { margin-top: 10mm; break-inside: avoid; }
"""

BODY = """
<table class="head">
  <tr><td>Datum</td><td>2018-06-28</td></tr>
  <tr><td>Diarienummer</td><td>RS 2018-00733</td></tr>
  <tr><td>Handläggare</td><td>Annika Frisk, regional utvecklare</td></tr>
  <tr><td>Till</td><td>Kommunerna i Uppsala län, Arbetsförmedlingen, Länsstyrelsen i Uppsala län,
  Samordningsförbundet Uppsala län, Företagarna Uppsala län</td></tr>
</table>

<h1>Remiss: Förslag om inrättande av ett regionalt arbetsmarknadsråd i Uppsala län</h1>

<p>Region Uppsala har som regionalt utvecklingsansvarig aktör i uppdrag att samordna insatser
för kompetensförsörjning och en fungerande arbetsmarknad i länet. Regionala utvecklingsnämnden
gav i februari 2018 förvaltningen i uppdrag att utreda hur samverkan mellan länets aktörer inom
arbetsmarknadsområdet kan organiseras mer långsiktigt. Förslaget i denna remiss är resultatet
av det arbetet.</p>

<p>Region Uppsala önskar synpunkter på förslaget senast den <b>5 oktober 2018</b>. Yttrandet
skickas till regionen@regionuppsala.se med diarienumret RS 2018-00733 angivet.</p>

<h2>1. Bakgrund</h2>

<p>Uppsala län har en av landets lägsta arbetslösheter, men skillnaderna är stora mellan
kommunerna och mellan grupper. Arbetslösheten bland utrikes födda är mer än fyra gånger så hög
som bland inrikes födda, och i flera kommuner är andelen unga som varken arbetar eller studerar
högre än riksgenomsnittet. Samtidigt rapporterar arbetsgivare inom vård och omsorg, bygg och
teknik om svårigheter att rekrytera.</p>

<p>I dag sker samverkan i ett stort antal grupper med olika sammansättning: delregionala
nätverk, Samordningsförbundets beredningsgrupp, samverkan kring etableringsuppdraget och
kommunernas egna överenskommelser med Arbetsförmedlingen. Kartläggningen som gjordes under
våren 2018 visar att de flesta aktörer upplever att samverkan fungerar väl i enskilda frågor men
att det saknas ett forum där de gemensamma prioriteringarna för länet kan beslutas och följas
upp.</p>

<h2>2. Förslaget i korthet</h2>

<p>Region Uppsala föreslår att ett regionalt arbetsmarknadsråd inrättas från och med
1 januari 2019. Rådet ska vara ett strategiskt samverkansforum utan egen beslutanderätt över
parternas verksamheter. Varje part behåller sitt ansvar och sina beslut enligt gällande
lagstiftning.</p>

<p>Rådets uppgifter föreslås vara att</p>
<ul>
  <li>ta fram och årligen revidera en gemensam lägesbild över arbetsmarknaden i länet,</li>
  <li>besluta om högst tre gemensamma prioriteringar per år,</li>
  <li>följa upp de insatser parterna genomför inom prioriteringarna, samt</li>
  <li>samordna ansökningar om regionala och europeiska medel där flera parter deltar.</li>
</ul>

<h2>3. Sammansättning och arbetsformer</h2>

<p>Rådet föreslås bestå av en förtroendevald representant för var och en av länets åtta
kommuner, två från Region Uppsala samt tjänstepersoner på chefsnivå från Arbetsförmedlingen,
Försäkringskassan och Länsstyrelsen. Arbetsgivar- och arbetstagarorganisationer adjungeras.
Rådet sammanträder fyra gånger per år. Region Uppsala svarar för sekretariatet.</p>

<table class="data">
  <tr><th>Part</th><th>Ledamöter</th><th>Representation</th></tr>
  <tr><td>Kommunerna i länet</td><td>8</td><td>förtroendevald, en per kommun</td></tr>
  <tr><td>Region Uppsala</td><td>2</td><td>förtroendevalda, varav ordförande</td></tr>
  <tr><td>Arbetsförmedlingen</td><td>1</td><td>marknadsområdeschef</td></tr>
  <tr><td>Försäkringskassan</td><td>1</td><td>verksamhetsområdeschef</td></tr>
  <tr><td>Länsstyrelsen i Uppsala län</td><td>1</td><td>enhetschef</td></tr>
  <tr><td>Arbetsmarknadens parter</td><td>adjungerade</td><td>efter rådets beslut</td></tr>
</table>

<p>Under rådet föreslås en beredningsgrupp med tjänstepersoner från samtliga parter. Gruppen
bereder rådets ärenden och ansvarar för lägesbilden. För arbetet med lägesbilden ska parterna
bidra med underlag ur sina egna uppföljningar, i den omfattning som sekretessregler medger.</p>

<h2>4. Finansiering</h2>

<p>Region Uppsala står för kostnaderna för sekretariatet, beräknade till 0,8 miljoner kronor
per år. Parterna står för sina egna kostnader för deltagande. Gemensamma utvecklingsinsatser
finansieras i första hand med extern finansiering, till exempel från Europeiska socialfonden.
Om en kommun vill delta i en gemensam insats med egna medel beslutar kommunen om det i vanlig
ordning.</p>

<h2>5. Frågor till remissinstanserna</h2>

<p>Region Uppsala ser gärna synpunkter på förslaget i sin helhet och särskilt på följande
frågor:</p>
<ol>
  <li>Är rådets uppgifter rätt avgränsade i förhållande till befintliga samverkansformer?</li>
  <li>Är den föreslagna sammansättningen lämplig, och bör rådet ha både förtroendevalda och
  tjänstepersoner?</li>
  <li>Hur kan kommunernas egna arbetsmarknadsinsatser bäst bidra till den gemensamma
  lägesbilden?</li>
  <li>Vilka frågor bör rådet prioritera under sitt första verksamhetsår?</li>
</ol>

<h2>6. Fortsatt process</h2>

<p>Efter remisstiden sammanställer Region Uppsala synpunkterna. Ett slutligt förslag
behandlas av regionala utvecklingsnämnden i november 2018. En avsiktsförklaring om rådet
undertecknas därefter av parterna.</p>

<div class="sign"><p>Med vänlig hälsning</p>
<p>Annika Frisk<br>Regional utvecklare, Regional utveckling<br>Region Uppsala</p></div>
"""

HTML_TEXT = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>Remiss: Förslag om inrättande av ett regionalt arbetsmarknadsråd i Uppsala län</title>
<meta name="author" content="Region Uppsala">
<meta name="dcterms.created" content="2018-06-28T10:00:00+02:00">
<meta name="dcterms.modified" content="2018-06-28T10:00:00+02:00">
<meta name="generator" content="tools/make_example_remiss.py">
<style>{CSS}</style></head>
<body>{BODY}</body></html>
"""


def make(target: Path) -> Path:
    from weasyprint import HTML

    target.parent.mkdir(parents=True, exist_ok=True)
    # WeasyPrint 70 leaves its sRGB profile open for the GC, as in tests/test_attached_pdf.py.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB2014\.icc")
        HTML(string=HTML_TEXT, base_url=str(FONTS) + "/").write_pdf(
            str(target), pdf_variant="pdf/a-2b", pdf_identifier=b"arende-example-remiss-0371")
        gc.collect()
    return target


if __name__ == "__main__":
    written = make(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
    print(f"{written} ({written.stat().st_size} byte)")
