"""Every criterion of every packaged rubric has its advice for participants' reports."""

from rubrics.advice import advice_for
from rubrics.rubric import available_versions, load_rubric


def test_every_criterion_of_every_rubric_has_why_and_how():
    missing = {
        (version, c.id)
        for version in available_versions()
        for c in load_rubric(version).criteria
        if not (advice_for(c.id)["why"] and advice_for(c.id)["how"])
    }
    assert missing == set()


def test_advice_is_plain_sentences():
    for version in available_versions():
        for c in load_rubric(version).criteria:
            text = advice_for(c.id)
            for part in ("why", "how"):
                assert text[part].endswith("."), (c.id, part)
                assert len(text[part]) < 300, (c.id, part)
