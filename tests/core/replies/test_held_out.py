"""Replies worded as authorities word them, kept apart from the rules' own examples.

Fifteen replies in English and German, each of a kind the classifier must tell: a
refusal citing its exemption, an extension, an acknowledgement, "not held", a partial
disclosure, a fee notice. They were written from the shape of real answers (the ICO's
and FragDenStaat's published ones) before the rules were looked at, so they measure how
the rules carry to wording they were not written for.

Measured (kind proposed = kind labelled; precision over the replies given a kind other
than ``other``):

- before the rules were widened: recall 10/15, precision 10/10 (missed: an EU
  refusal saying "access cannot be granted", both acknowledgements — "we will aim to
  reply", "unter dem Aktenzeichen … bearbeiten" —, "liegen dem Ministerium nicht vor"
  and "no such records exist");
- after: recall 15/15, precision 15/15. The widened rules were written from these
  replies, so this figure flatters them. The benchmark's labelled set
  (``benchmarks/bench_classify.py``) is unchanged by them, split by split and kind by
  kind: tuning 64/64, held_out 31/31, unseen 25/25, fresh 19/20, final 6/16 — no
  precision lost, and no recall gained on its ``final`` split either, which these
  rules were not tuned on.
"""

from __future__ import annotations

import pytest

from foidesk.core.replies import ReplyInput, ReplyKind, ThreadPlace, classify

K = ReplyKind

#: (kind, law, subject, body)
HELD_OUT: list[tuple[ReplyKind, str, str, str]] = [
    (
        K.RESPONSE_REFUSED,
        "uk-foia",
        "FOI/2025/0192 - decision",
        "I can confirm that the Council holds information within the scope of your "
        "request. However, we are not obliged to provide it, as it is exempt under "
        "section 43(2) of the Act (prejudice to commercial interests). Having weighed "
        "the public interest, we consider it favours maintaining the exemption.",
    ),
    (
        K.RESPONSE_REFUSED,
        "de-ifg",
        "Ihr Antrag nach dem IFG vom 3. März",
        "nach Prüfung Ihres Antrags muss ich Ihnen mitteilen, dass ein Anspruch auf "
        "Informationszugang nicht besteht. Dem Zugang stehen § 3 Nr. 1 Buchst. c IFG "
        "und der Schutz personenbezogener Daten (§ 5 IFG) entgegen. Ihr Antrag wird "
        "daher abgelehnt.",
    ),
    (
        K.RESPONSE_REFUSED,
        "eu-1049",
        "Your application for access to documents - Ref. GestDem 2025/1180",
        "Having examined the documents requested, I regret to inform you that access "
        "cannot be granted, as disclosure would undermine the protection of the "
        "decision-making process (Article 4(3) of Regulation (EC) No 1049/2001).",
    ),
    (
        K.EXTENSION,
        "uk-foia",
        "Your request FOI-4471",
        "We are writing to let you know that we will not be able to respond within 20 "
        "working days, as we need further time to consider the balance of the public "
        "interest. We now expect to be able to respond by 14 May 2025.",
    ),
    (
        K.EXTENSION,
        "de-ifg",
        "Zwischennachricht",
        "aufgrund der erforderlichen Beteiligung Dritter nach § 8 IFG kann die "
        "Bearbeitung Ihres Antrags nicht innerhalb eines Monats abgeschlossen werden. "
        "Wir gehen davon aus, Ihnen bis zum 30. Juni 2025 antworten zu können.",
    ),
    (
        K.ACKNOWLEDGEMENT,
        "uk-foia",
        "Freedom of Information request - reference 25-0817",
        "Thank you for your request for information, which we received on 2 April. "
        "We will aim to reply within the statutory 20 working days.",
    ),
    (
        K.ACKNOWLEDGEMENT,
        "de-ifg",
        "Ihre Anfrage",
        "vielen Dank für Ihre Anfrage vom 12. Mai, die wir unter dem Aktenzeichen "
        "Z 4 - 1310/25 bearbeiten. Wir werden uns so bald wie möglich bei Ihnen melden.",
    ),
    (
        K.RESPONSE_NOT_HELD,
        "uk-foia",
        "FOI response 2025-3312",
        "Having conducted thorough searches of our records, I can confirm that the "
        "Trust does not hold any information falling within the scope of your request.",
    ),
    (
        K.RESPONSE_NOT_HELD,
        "de-ifg",
        "Ihr IFG-Antrag",
        "die von Ihnen begehrten Informationen liegen dem Ministerium nicht vor. "
        "Entsprechende Unterlagen wurden hier weder erstellt noch sind sie hier "
        "eingegangen.",
    ),
    (
        K.RESPONSE_NOT_HELD,
        "uk-foia",
        "Your request",
        "We have checked with the relevant departments and no such records exist. "
        "The Council has never commissioned a report of the kind you describe.",
    ),
    (
        K.RESPONSE_PARTIAL,
        "uk-foia",
        "FOI 5523 - response",
        "Please find attached the information we are able to release. Some names have "
        "been redacted under section 40(2), as disclosing them would breach the data "
        "protection principles. The remainder of the information is provided in full.",
    ),
    (
        K.RESPONSE_PARTIAL,
        "de-ifg",
        "Bescheid zu Ihrem Antrag",
        "Ihrem Antrag wird teilweise stattgegeben. Anbei erhalten Sie die Unterlagen, "
        "in denen personenbezogene Daten Dritter geschwärzt wurden (§ 5 Abs. 1 IFG). "
        "Im Übrigen wird der Antrag abgelehnt.",
    ),
    (
        K.RESPONSE_PARTIAL,
        "us-foia",
        "FOIA Request 2025-FOIA-01234",
        "The agency has located 48 pages responsive to your request. 31 pages are "
        "released in full, and 17 pages are released in part with redactions made "
        "pursuant to Exemption 6, 5 U.S.C. § 552(b)(6).",
    ),
    (
        K.FEE_NOTICE,
        "uk-foia",
        "Your request - charges",
        "We estimate that the cost of photocopying and postage will be £18.40. Please "
        "let us know whether you wish to proceed; the time for our response is paused "
        "until payment is received.",
    ),
    (
        K.FEE_NOTICE,
        "de-ifg",
        "Kostenhinweis",
        "wir weisen Sie darauf hin, dass für die Bearbeitung Ihres Antrags voraussichtlich "
        "Kosten in Höhe von bis zu 250 Euro entstehen werden. Bitte teilen Sie uns mit, "
        "ob Sie Ihren Antrag aufrechterhalten.",
    ),
]


def _proposed(kind_law_subject_body: tuple[ReplyKind, str, str, str]) -> ReplyKind:
    _kind, law, subject, body = kind_law_subject_body
    return classify(ReplyInput(subject=subject, body_text=body), ThreadPlace(regime=law)).kind


@pytest.mark.parametrize("case", HELD_OUT, ids=[f"{c[0]}-{c[1]}" for c in HELD_OUT])
def test_a_held_out_reply_is_told_for_what_it_is(case: tuple[ReplyKind, str, str, str]) -> None:
    assert _proposed(case) is case[0]


def test_the_held_out_set_is_what_the_docstring_says() -> None:
    kinds = [c[0] for c in HELD_OUT]
    assert len(HELD_OUT) == 15 and {c[1][:2] for c in HELD_OUT} >= {"uk", "de"}
    assert len(set(kinds)) == 6
