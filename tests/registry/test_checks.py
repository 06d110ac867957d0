import pytest

from results.registry.checksums import nip_is_valid, regon_is_valid
from results.registry.validation import normalise_url


@pytest.mark.parametrize("nip", ["5260250274", "7792433421", "7740001454", "5213017228"])
def test_real_nips_are_valid(nip):
    assert nip_is_valid(nip)


@pytest.mark.parametrize("nip", ["5260250275", "526025027", "abcdefghij", "0000000001"])
def test_bad_nips_are_refused(nip):
    assert not nip_is_valid(nip)


@pytest.mark.parametrize("regon", ["015259640", "000331501", "123456785", "12345678512347"])
def test_valid_regons(regon):
    assert regon_is_valid(regon)


@pytest.mark.parametrize("regon", ["012345678", "12345678512348", "1234"])
def test_bad_regons(regon):
    assert not regon_is_valid(regon)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("www.Zielonka.PL", "https://www.zielonka.pl/"),
        ("http://gmina.pl:80/bip?a=1#x", "http://gmina.pl/bip?a=1"),
        ("https://ŁÓDŹ.pl", "https://" + "łódź.pl".encode("idna").decode() + "/"),
        ("127.0.0.21:18021", "https://127.0.0.21:18021/"),
    ],
)
def test_urls_are_normalised(raw, normalised):
    assert normalise_url(raw) == normalised


@pytest.mark.parametrize(
    "raw", ["ht tp://x.pl", "ftp://x.pl", "http://", "gmina", "http://-x-.pl", "http://x.pl:99999"]
)
def test_bad_urls_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_url(raw)
