"""The matcher on officials' real replies from public FOI portals (froide, alaveteli),
labelled by reading each message (fixtures/foi/labels.yaml, sources in SOURCES.md).

All enquiries compete for every message (one persona wrote to all these bodies at once),
so sender, subject, name and quoted text must decide. Measured:
- precision: of the messages matched to an enquiry, how many to the right one;
- recall: of the labelled messages, how many matched to the right one outright;
- never dropped: every labelled message is matched or sent to the jurors with the right
  enquiry among its candidates.
`pytest -s` prints the figures.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from probes.email.analyse import analyse
from probes.email.match import AMBIGUOUS, EnquiryRef, attached_message_ids, match_message

FOI = Path(__file__).parent / "fixtures" / "foi"
SENT = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def pool(labels: dict) -> tuple[list[EnquiryRef], dict[str, int]]:
    ids = {name: i for i, name in enumerate(sorted(labels["enquiries"]), start=1)}
    refs = [
        EnquiryRef(
            ids[name],
            e.get("message_id") or f"<{name.lower()}@persona.example>",
            (e["to"],),
            e["subject"],
            SENT,
            SENT + timedelta(days=14),
            body=e.get("body", ""),
            persona_name=e["persona"],
            participant_addresses=(e["to"],),
        )
        for name, e in labels["enquiries"].items()
    ]
    return refs, ids


def run() -> list[tuple[str, int, object]]:
    labels = yaml.safe_load((FOI / "labels.yaml").read_text(encoding="utf-8"))
    refs, ids = pool(labels)
    out = []
    for name, label in sorted(labels["messages"].items()):
        a = analyse((FOI / name).read_bytes())
        p = a.parsed
        result = match_message(
            in_reply_to=p.in_reply_to,
            references=p.references,
            original_message_id=a.classification.original_message_id,
            from_addr=p.from_addr,
            subject=p.subject,
            received_at=SENT + timedelta(days=2),
            enquiries=refs,
            text=p.text,
            attached_message_ids=attached_message_ids(p.msg),
        )
        out.append((name, ids[label["answers"]], result))
    return out


def test_matcher_on_real_officials_replies():
    results = run()
    matched = [(n, truth, r) for n, truth, r in results if r.enquiry_id is not None]
    right = [(n, truth, r) for n, truth, r in matched if r.enquiry_id == truth]
    to_jurors = [
        (n, truth, r)
        for n, truth, r in results
        if r.how == AMBIGUOUS and truth in {c.enquiry_id for c in r.candidates}
    ]
    fallback = [x for x in matched if x[2].how == "fallback"]
    fallback_right = [x for x in fallback if x[2].enquiry_id == x[1]]
    precision = len(right) / len(matched)
    recall = len(right) / len(results)
    print(
        f"\n{len(results)} messages: matched {len(matched)} (right {len(right)}; "
        f"without threading {len(fallback)}, right {len(fallback_right)}), "
        f"to the jurors {len(to_jurors)}, dropped "
        f"{len(results) - len(right) - len(to_jurors)}; precision {precision:.2f}, "
        f"recall {recall:.2f}, recall incl. jurors' queue "
        f"{(len(right) + len(to_jurors)) / len(results):.2f}"
    )
    for n, truth, r in results:
        print(f"  {n}: truth {truth} → {r.how} {r.enquiry_id} {list(r.reasons)[:2]}")
    wrong = [(n, truth, r.enquiry_id) for n, truth, r in matched if r.enquiry_id != truth]
    assert wrong == []  # precision 1.0: no reply credited to the wrong enquiry
    assert len(right) + len(to_jurors) == len(results)  # nothing silently dropped
    assert len(fallback_right) >= 4  # non-threaded replies are matched, not only queued
