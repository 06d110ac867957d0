"""The juror's progress column and the "next participant" way on (issue 20)."""

import pytest
from django.urls import reverse

from auditor.web.judging import rubric_specs
from auditor.web.progress import Progress
from results.models import JurorAssignment
from tests.web.conftest import login, make_participant
from tests.web.test_judging import assess

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def three(world):
    """The juror's participants: A (from the world), C and D, in this name order."""
    edition = world["edition"]
    c = make_participant(3)
    d = make_participant(4)
    edition.participants.add(c, d)
    for p in (c, d):
        JurorAssignment.objects.create(juror=world["juror"], participant=p, edition=edition)
    human = sorted(s.id for s in rubric_specs(edition).values() if s.human and s.applies_to(c.kind))
    return world["a"], c, d, human


def rows(body: str) -> list[str]:
    return body.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]


def test_progress_column_counts_own_scores_only(client, world, three):
    a, c, d, human = three
    assert len(human) >= 3
    login(client, world["juror2"])  # another juror's scores do not count for this one
    assess(client, a, **{h: ("4", "") for h in human})
    client.logout()
    login(client, world["juror"])
    assess(client, a, **{h: ("3", "") for h in human[:2]})
    assess(client, c, **{h: ("5", "") for h in human})
    body = client.get(reverse("web:participants")).content.decode()
    assert "Twoje oceny (kryteria jurorów)" in body
    ra, rc, rd = rows(body)
    n = len(human)
    assert f"2 z {n}" in ra and "w toku" in ra and "gotowe" not in ra
    assert f"{n} z {n}" in rc and "✓ gotowe" in rc
    assert f"0 z {n}" in rd and "do oceny" in rd
    assert f"ocenione 2 z {n} kryteriów" in ra


def test_organiser_list_has_no_progress_column(client, world, three):
    login(client, world["organiser"])
    body = client.get(reverse("web:participants")).content.decode()
    assert "Twoje oceny" not in body


def test_next_participant_skips_the_finished_and_wraps(client, world, three):
    a, c, d, human = three
    login(client, world["juror"])
    assess(client, c, **{h: ("5", "") for h in human})
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    # C is finished, so after A comes D.
    assert f'href="/uczestnicy/{d.pk}/">Następny uczestnik: {d.name}' in page
    page = client.get(reverse("web:participant", args=[d.pk])).content.decode()
    assert f"Następny uczestnik: {a.name}" in page  # round to the start, C skipped
    assess(client, a, **{h: ("2", "") for h in human})
    assess(client, d, **{h: ("1", "") for h in human})
    page = client.get(reverse("web:participant", args=[d.pk])).content.decode()
    assert "Następny uczestnik" not in page
    assert "Pozostali Twoi uczestnicy są ocenieni." in page
    assert "✓ gotowe" in page


def test_spoken_progress_is_polish():
    assert Progress(1, 1).spoken == "ocenione 1 z 1 kryterium"
    assert Progress(0, 5).spoken == "ocenione 0 z 5 kryteriów"
    assert Progress(3, 5).label == "3 z 5" and not Progress(3, 5).done


def test_saved_scores_are_said_where_the_juror_lands(client, world, three):
    a, c, d, human = three
    login(client, world["juror"])
    response = assess(client, a, **{human[0]: ("4", "")})
    assert response["Location"].endswith("#oceny")
    page = client.get(response["Location"]).content.decode()
    top, rest = page.split('<section id="oceny"', 1)
    assert "Zapisano 1 ocenę." not in top
    assert "Zapisano 1 ocenę." in rest.split("</section>", 1)[0]
    assess(client, a, **{human[0]: ("4", "")})  # the same again: nothing changed
    assert (
        "Nie zmieniono żadnej oceny."
        in client.get(reverse("web:participant", args=[a.pk])).content.decode()
    )
    assess(client, a, **{h: ("2", "") for h in human[:3]})
    assert (
        "Zapisano 3 oceny." in client.get(reverse("web:participant", args=[a.pk])).content.decode()
    )
