"""Hostile messages (issue 18, mail family): every one ends in a verdict within the limits of
probes/email/limits.py, and one bad file never stops a batch. Messages are generated here.
Limits are asserted as limits (bytes kept, characters decoded, traced peak memory), not by
timing the test."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from probes.email import limits
from probes.email import message as message_module
from probes.email.analyse import analyse
from tests.email.conftest import FIXTURES, ROOT

MEASURE = """
import json, resource, sys
from probes.email.analyse import analyse
with open(sys.argv[1], "rb") as stream:
    summary = analyse(stream).summary()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"peak": peak, "summary": summary}))
"""


def analyse_in_child(path, **env) -> tuple[int, dict]:
    """Analyse a file in a fresh interpreter; its peak resident memory (bytes) and summary."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=300,
    )
    row = json.loads(done.stdout)
    return row["peak"], row["summary"]


def baseline_peak() -> int:
    empty = ROOT / "tests" / "email" / "fixtures" / "header_auto_reply.eml"
    return analyse_in_child(empty)[0]


HEAD = b"From: Jan Nowak <jan@gmina.test>\r\nTo: anna@poczta.test\r\nSubject: Re: Pytanie\r\n"


def nested_multipart(depth: int) -> bytes:
    parts = [HEAD, b"MIME-Version: 1.0\r\n"]
    for i in range(depth):
        parts.append(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i))
    parts.append(b"Content-Type: text/plain; charset=utf-8\r\n\r\nDzie\xc5\x84 dobry\r\n")
    parts += [b"--b%d--\r\n" % i for i in reversed(range(depth))]
    return b"".join(parts)


def nested_rfc822(depth: int) -> bytes:
    raw = HEAD
    for i in range(depth):
        raw += b"Content-Type: message/rfc822\r\n\r\nFrom: x%d@b.test\r\nSubject: w\r\n" % i
    return raw + b"Content-Type: text/plain\r\n\r\nhello\r\n"


def write_big_attachment(path, megabytes: int) -> int:
    """A reply whose PDF attachment has `megabytes` MB (base64, 76-character lines)."""
    chunk = bytes(range(256)) * 222 + b"x" * 36  # 57,000 bytes: whole base64 lines
    count = megabytes * 1024 * 1024 // len(chunk)
    line = base64.encodebytes(chunk).replace(b"\n", b"\r\n")
    with open(path, "wb") as f:
        f.write(
            HEAD + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOdpowied\xc5\xba w za\xc5"
            b"\x82\xc4\x85czniku.\r\n--B\r\nContent-Type: application/pdf; name=a.pdf\r\n"
            b"Content-Disposition: attachment; filename=a.pdf\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n"
        )
        for _ in range(count):
            f.write(line)
        f.write(b"--B--\r\n")
    return count * len(chunk)


@pytest.mark.parametrize("make", [nested_multipart, nested_rfc822])
def test_thousand_level_nesting_is_cut_at_the_depth_limit(make):
    a = analyse(make(1000))
    assert "max_depth" in a.parsed.limits_hit
    assert a.classification.kind == "human_reply"  # a verdict from the headers, no error


def test_nesting_within_the_limit_is_read_whole():
    depth = limits.current().max_depth - 1
    a = analyse(nested_multipart(depth))
    assert a.parsed.limits_hit == []
    assert a.parts.new_text == "Dzień dobry"


def test_depth_limit_is_a_setting(monkeypatch):
    monkeypatch.setenv("AUDITOR_MAIL_MAX_DEPTH", "5")
    assert "max_depth" in analyse(nested_multipart(10)).parsed.limits_hit
    monkeypatch.setenv("AUDITOR_MAIL_MAX_DEPTH", "zero")
    with pytest.raises(limits.LimitError, match="AUDITOR_MAIL_MAX_DEPTH"):
        limits.current()


def test_a_bad_file_gives_an_error_object_and_the_batch_goes_on(tmp_path, capsys, monkeypatch):
    deep = tmp_path / "nested1000.eml"
    deep.write_bytes(nested_multipart(1000))
    poison = tmp_path / "poison.eml"
    poison.write_bytes(HEAD + b"\r\nboom\r\n")
    good = FIXTURES / "thunderbird_reply.eml"
    real_analyse = analyse

    def analyse_or_fail(stream, *args, **kwargs):
        if stream.name.endswith("poison.eml"):  # stands for any parser failure
            raise RecursionError("maximum recursion depth exceeded")
        return real_analyse(stream, *args, **kwargs)

    monkeypatch.setattr("probes.email.analyse.analyse", analyse_or_fail)
    files = [str(deep), str(poison), str(tmp_path / "missing.eml"), str(good)]
    with pytest.raises(CommandError) as exc:
        call_command("email", "classify", "--json", *files)
    assert exc.value.returncode == 2
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in rows] == files
    assert rows[0]["kind"] == "human_reply" and rows[0]["limits_hit"] == ["max_depth"]
    assert rows[1] == {
        "file": str(poison),
        "error": "nie udało się przeanalizować wiadomości (RecursionError)",
    }
    assert rows[2]["error"].startswith("nie można odczytać pliku")
    assert rows[3]["kind"] == "human_reply"


def test_fifty_thousand_encoded_words_are_decoded_only_up_to_the_header_limit(monkeypatch):
    words = " ".join(f"=?utf-8?q?S=C5=82owo{i}?=" for i in range(50_000))
    raw = f"From: a@gmina.test\r\nSubject: Re: {words}\r\n\r\ntekst\r\n".encode()
    seen: list[int] = []
    real = message_module.decode_header

    def spy(value):
        seen.append(len(value))
        return real(value)

    monkeypatch.setattr(message_module, "decode_header", spy)
    a = analyse(raw)
    cap = limits.current().max_header_chars
    assert seen and max(seen) <= cap
    assert a.parsed.subject.startswith("Re: Słowo0Słowo1")  # RFC 2047: spaces between words go
    assert len(a.parsed.subject) <= cap
    assert {"max_header_chars"} <= set(a.parsed.limits_hit)


def test_big_attachment_is_capped_before_decoding(tmp_path):
    path = tmp_path / "attach.eml"
    size = write_big_attachment(path, 24)
    part_cap = 1024 * 1024
    peak, summary = analyse_in_child(path, AUDITOR_MAIL_MAX_PART_BYTES=str(part_cap))
    (att,) = summary["attachments"]
    assert att["truncated"] and att["size"] == size  # the size is still reported exactly
    assert summary["limits_hit"] == ["max_part_bytes"]
    assert summary["new_text"] == "Odpowiedź w załączniku."
    growth = peak - baseline_peak()
    assert growth < 16 * part_cap, f"{growth / 2**20:.1f} MB above an empty message"


@pytest.mark.slow
def test_hundred_megabyte_attachment_stays_within_the_default_limits(tmp_path):
    path = tmp_path / "attach100.eml"
    size = write_big_attachment(path, 100)
    peak, summary = analyse_in_child(path)
    (att,) = summary["attachments"]
    assert att["truncated"] and att["size"] == size
    growth = peak - baseline_peak()
    assert growth < 12 * limits.current().max_part_bytes, f"{growth / 2**20:.1f} MB"


def test_unknown_charset_that_is_valid_utf8_reads_as_utf8():
    raw = HEAD + (
        b"Content-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Dzień dobry, zażółć gęślą jaźń\r\n".encode()
    )
    assert analyse(raw).parts.new_text == "Dzień dobry, zażółć gęślą jaźń"


def test_unknown_charset_that_is_not_utf8_still_reads_as_windows_1250():
    raw = HEAD + (
        b"Content-Type: text/plain; charset=x-unknown\r\n\r\n" + "gęślą jaźń".encode("cp1250")
    )
    assert analyse(raw).parts.new_text == "gęślą jaźń"


def test_nul_bytes_are_removed_and_reported():
    raw = b"From: a@b.test\r\nSubject: Re: a\x00b\r\nContent-Type: text/plain\r\n\r\nDzie\x00n\r\n"
    summary = analyse(raw).summary()
    assert "\x00" not in json.dumps(summary, ensure_ascii=False)
    assert summary["subject"] == "Re: ab" and summary["new_text"] == "Dzien"
    assert "nul_removed" in summary["repairs"]


def test_json_output_is_valid_utf8_when_headers_hold_raw_bytes(tmp_path, capsysbinary):
    # A Sina bounce: GBK bytes in the Subject and the body with no charset declared.
    path = tmp_path / "sina.eml"
    path.write_bytes(
        b"From: MAILER-DAEMON@sina.com\r\nSubject: \xcd\xcb\xd0\xc5\r\n"
        b"Content-Type: text/plain\r\n\r\n\xc4\xfa\xba\xc3 550 5.1.1 user unknown\r\n"
    )
    call_command("email", "classify", "--json", str(path))
    out = capsysbinary.readouterr().out
    row = json.loads(out.decode("utf-8"))  # raises if not UTF-8
    assert "undecodable_replaced" in row["repairs"]
    assert "\ufffd" in row["subject"]


def test_utf8_bytes_in_raw_headers_are_kept_as_utf8():
    raw = "From: Zażółć <a@b.test>\r\nSubject: Re: Gęś\r\n\r\ntekst\r\n".encode()
    summary = analyse(raw).summary()
    assert summary["subject"] == "Re: Gęś" and summary["repairs"] == []
