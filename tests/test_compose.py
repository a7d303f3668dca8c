"""The composed paper HTML: what each paper says and how it is structured."""

from __future__ import annotations

import copy

import lxml.html
import pytest

from conftest import STOCKHOLM, UPPSALA, copy_case, edit
from generator.compose.paper import compose_case, long_date
from generator.naming import slug
from generator.read import read_case


def papers(folder):
    return {paper.kind: lxml.html.fromstring(paper.html) for paper in compose_case(read_case(folder))}


def texts(tree, xpath) -> list[str]:
    """The words of each element found, a <br> counting as a space (as it reads on paper)."""
    found = []
    for element in tree.xpath(xpath):
        element = copy.deepcopy(element)
        for br in element.iter("br"):
            br.tail = " " + (br.tail or "")
        found.append(" ".join(element.text_content().split()))
    return found


@pytest.fixture(scope="module")
def uppsala():
    return papers(UPPSALA)


@pytest.fixture(scope="module")
def stockholm():
    return papers(STOCKHOLM)["tjansteskrivelse"]


def test_uppsala_tjansteskrivelse_reads_like_the_original(uppsala):
    paper = uppsala["tjansteskrivelse"]
    assert paper.get("lang") == "sv"
    assert texts(paper, "//title") == ["Handlingsplan sociala företag"]
    assert texts(paper, "//div[contains(@class,'meta-officers')]/p") == [
        "Handläggare", "Helmer Linda", "Reuterdahl Karin", "Öhman Carl"]
    assert texts(paper, "//p[@class='recipient']") == ["Arbetsmarknadsnämnden"]
    assert texts(paper, "//h2") == ["Förslag till beslut", "Ärendet", "Beredning", "Föredragning",
                                    "Ekonomiska konsekvenser"]
    assert texts(paper, "//ul[@class='att-clauses']/li") == [
        "att godkänna handlingsplanen för sociala företag i de delar som berör arbetsmarknadsnämnden, och",
        "att föreslå kommunstyrelsen att godkänna handlingsplanen."]
    assert texts(paper, "//section[@class='signatures']/p") == ["Arbetsmarknadsförvaltningen"]
    assert texts(paper, "//div[@class='signature']") == ["Lena Winterbom Direktör"]
    assert texts(paper, "//section[contains(@class,'attachments')]") == [
        "Bilagor: Handlingsplan för sociala företag, bilaga 1"]
    assert texts(paper, "//header//span[@class='header-text']") == [
        "Uppsala kommun · AMN-2018-0329 · 2018-09-05"]
    assert paper.xpath("//meta[@name='author']/@content") == ["Helmer Linda, Reuterdahl Karin, Öhman Carl"]


def test_handlingsplan_tables_footnote_and_revisions(uppsala):
    plan = uppsala["handlingsplan"]
    assert texts(plan, "//h1") == ["Handlingsplan för Sociala företag"]
    assert texts(plan, "//h2")[:4] == ["Inledning", "Syfte", "Omfattning", "Ansvar och uppföljning"]
    tables = plan.xpath("//table[contains(@class,'data')]")
    assert len(tables) == 5
    assert texts(tables[0], ".//th") == ["Åtgärder", "Huvudansvarig för åtgärd", "Andra berörda aktörer",
                                         "Tidplan för genomförande"]
    assert texts(tables[3], ".//th")[1] == "Huvudansvarig för aktivitet"  # the area's own heading
    assert [len(t.xpath(".//tbody/tr")) for t in tables] == [3, 3, 3, 3, 6]
    assert texts(tables[0], ".//tbody/tr[3]/td") == [
        "Tydliggöra nämndernas ansvar gällande kostnader som uppkommer i samband med samverkan med "
        "sociala företag.", "KS", "Samtliga", "2019"]
    (footnote,) = texts(plan, "//span[@class='footnote']")
    assert footnote.startswith("Den myndighetsövergripande arbetsgruppen består av representanter")
    assert texts(tables[3], ".//del") == ["dialog"] and texts(tables[3], ".//ins") == ["samråd"]
    assert texts(plan, "//p[@class='related-item']")[0] == (
        "Uppsala kommun, Kommunfullmäktige 2016. Riktlinje för stöd till sociala företag KF 2016-12-12. "
        "Dnr. KSN-2016-1923")
    assert texts(plan, "//header//span[@class='header-text']") == [
        "Uppsala kommun · Bilaga 1 till AMN-2018-0329"]


def test_stockholm_masthead_proposal_footer_and_attestation(stockholm):
    assert texts(stockholm, "//div[contains(@class,'meta-officers')]/p") == [
        "Handläggare", "Elin Björkman", "Telefon: 0850848002"]
    assert texts(stockholm, "//div[contains(@class,'meta-recipient')]/p") == [
        "Till", "Arbetsmarknadsnämnden", "den 24 augusti 2021"]
    assert texts(stockholm, "//p[@class='agenda-item']") == ["Ärende 7"]
    assert texts(stockholm, "//p[@class='subtitle']") == ["Uppdrag i Kommunfullmäktiges budget 2021"]
    assert texts(stockholm, "//section[@class='proposal']/h2") == [
        "Arbetsmarknadsförvaltningens förslag till beslut"]
    assert len(stockholm.xpath("//ol[@class='decision-points']/li")) == 2
    assert texts(stockholm, "//footer//p") == [
        "Arbetsmarknadsförvaltningen Vuxenutbildning Stockholm",
        "Livdjursgatan 4 Box 10014 121 26 Stockholm-Globen Växel 08-508 35 500 info.amf@stockholm.se stockholm.se"]
    assert texts(stockholm, "//div[@class='signature']") == [
        "Karina Uddén Arbetsmarknadsdirektör", "Karin Eriksson Bech Utvecklingschef"]
    assert texts(stockholm, "//ol[@class='attachment-list']/li") == [
        "Handlingsplan för att främja ASF", "Utredning av handlingsutrymmet för att främja ASF"]
    assert [texts(row, "./*") for row in stockholm.xpath("//table[@class='attestation-table']//tr")] == [
        ["Namn", "Datum"], ["Karina Uddén, arbetsmarknadsdirektör", "2021-09-01"],
        ["Karin Eriksson-Bech, avdelningschef", "2021-08-31"]]
    activities = stockholm.xpath("//ul[@class='activities']")
    assert [len(ul.xpath("li")) for ul in activities] == [11, 9]
    (table,) = stockholm.xpath("//table[contains(@class,'data')]")
    assert texts(table, ".//th") == ["Aktiviteter inom område inköp och upphandling", "Huvudansvar",
                                     "Andra berörda aktörer"]
    assert stockholm.xpath("//meta[@name='arende.dnr']") == []  # no dnr printed, none invented


def test_hostile_text_comes_out_as_literal_text(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    hostile = "<script>alert(1)</script> <img src=file:///etc/passwd> {{ 7*7 }} {% raw %}"
    edit(case / "arende.yaml", "undertitel: Uppdrag i Kommunfullmäktiges budget 2021",
         f"undertitel: '{hostile}'")
    edit(case / "arende.yaml", "      Förvaltningen har bedömt att det",
         f"      ![x](file:///etc/passwd) [y](javascript:alert(1)) {hostile}\n\n      Förvaltningen har bedömt att det")
    (paper,) = compose_case(read_case(case))
    tree = lxml.html.fromstring(paper.html)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert tree.xpath("//a") == []
    assert texts(tree, "//p[@class='subtitle']") == [hostile]
    assert any(hostile in t for t in texts(tree, "//section[@class='section']/p"))
    assert "file:///etc/passwd" in paper.html  # as text, never as an attribute WeasyPrint would fetch
    assert 'src="file' not in paper.html and "href" not in paper.html


def test_helpers():
    import datetime as dt

    assert long_date(dt.date(2021, 8, 24)) == "24 augusti 2021"
    assert slug("AMN 2021/0182-1.2") == "AMN-2021-0182-1.2"
    assert slug("Tjänsteutlåtande").lower() == "tjansteutlatande"


def test_markdown_images_are_not_made_into_pictures():
    # A picture in a plan's text would fetch a file the house does not vouch for.
    from generator.compose.markdown import render_block, render_inline

    for render in (render_block, render_inline):
        html = render("Se ![karta](bild.png) här.")
        assert "<img" not in html and "karta" in html
