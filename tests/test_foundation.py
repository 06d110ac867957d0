import hashlib
import os

import pytest
from django.core.management import call_command

from results.evidence_store import EvidenceStore
from results.fees import fee_pln_net

pytestmark = pytest.mark.db_matrix


@pytest.mark.parametrize(
    ("employees", "fee"),
    [
        (0, 3900),
        (1, 3900),
        (20, 3900),
        (21, 4700),
        (50, 4700),
        (51, 6000),
        (90, 6000),
        (91, 8500),
        (5000, 8500),
    ],
)
def test_fee_bands_follow_the_price_list(employees, fee):
    assert fee_pln_net(employees) == fee


def test_negative_employees_have_no_fee():
    with pytest.raises(ValueError):
        fee_pln_net(-1)


@pytest.mark.django_db
def test_evidence_is_stored_once_and_tampering_shows(tmp_path):
    store = EvidenceStore(tmp_path)
    a = store.put(b"<html>urzad</html>", "text/html", "test")
    assert a == hashlib.sha256(b"<html>urzad</html>").hexdigest()
    assert store.put(b"<html>urzad</html>", "text/html", "test") == a
    b = store.put(b"second", "text/plain", "test")
    c = store.put(b"third", "text/plain", "test")
    assert store.verify().ok

    altered = store.path(b)
    os.chmod(altered, 0o644)
    altered.write_bytes(b"secOnd")
    store.path(c).unlink()
    report = store.verify()
    assert report.checked == 3
    assert report.altered == [b]
    assert report.missing == [c]


@pytest.mark.django_db
def test_init_is_safe_to_run_twice(capsys):
    call_command("init")
    call_command("init")
    assert "aktualna" in capsys.readouterr().out
