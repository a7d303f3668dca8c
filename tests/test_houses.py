"""House styles: a municipality adds its own by copying a folder, without touching Python."""

from __future__ import annotations


import lxml.html
import pytest

from conftest import ROOT, edit, own_house
from generator.compose.paper import compose_case
from generator.errors import HouseProblem
from generator.house import house_names
from generator.read import read_case


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A municipality's own folder: plans/ and templates/ side by side, as the working folder."""
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "exempelstad", "ett-arende")
    edit(house / "hus.yaml", "namn: Uppsala kommun", "namn: Exempelstads kommun")
    edit(house / "hus.yaml", "  ÄLN: Äldrenämnden", "  ÄLN: Äldrenämnden\n  FRN: Fritidsnämnden")
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: FRN")
    edit(case / "arende.yaml", "diarienummer: AMN-2018-0329", "diarienummer: FRN-2018-0001")
    return tmp_path


def test_a_copied_house_folder_is_a_new_house(project):
    assert house_names() == ["exempelstad", "kalmar", "karlskoga", "region-rs",
                             "stockholm", "upplands-bro", "uppsala", "vallentuna"]
    papers = compose_case(read_case(project / "plans" / "ett-arende"))
    tree = lxml.html.fromstring(papers[0].html)
    assert tree.xpath("string(//p[@class='wordmark'])") == "Exempelstads kommun"
    assert tree.xpath("string(//p[@class='recipient'])") == "Fritidsnämnden"
    # templates it does not override still come from the shipped base
    assert papers[1].house.base == (ROOT / "templates" / "base").resolve()


def test_a_broken_house_register_is_located(project):
    edit(project / "templates" / "exempelstad" / "hus.yaml", "dokumenttyp: Tjänsteskrivelse", "dokumentyp: X")
    with pytest.raises(HouseProblem) as caught:
        read_case(project / "plans" / "ett-arende")
    found = [str(p) for p in caught.value.problems]
    assert "templates/exempelstad/hus.yaml:5:1: dokumentyp: okänt fält (menade du 'dokumenttyp'?)" in found
