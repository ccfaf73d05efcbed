"""The wording rules: a phrase authorities use, the kind it points to, and its weight.

Weights say how sure a phrase alone makes us: 3 a phrase that names the kind
("fees notice", "Widerspruchsbescheid"), 2 a strong sign ("we are extending"), 1 a
sign that is also found elsewhere ("please find attached"). A phrase counts once,
however often it is repeated. Patterns run on normalised text (lower case, single
spaces, plain quotes: ``text.normalised``). English and German wording for the laws
foidesk knows; a new authority's phrase is one more line here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foidesk.core.replies.kinds import ReplyKind as K


@dataclass(frozen=True)
class Rule:
    """``start``: the plain words the pattern must begin with (may be empty); looking
    for them with ``in`` first skips most patterns at once — a regular expression that
    opens with ``\\b`` gets no such help from ``re`` and scans the whole letter."""

    kind: K
    weight: float
    pattern: re.Pattern[str]
    start: str = ""

    def search(self, text: str) -> re.Match[str] | None:
        if self.start and self.start not in text:
            return None
        return self.pattern.search(text)


_PLAIN = re.compile(r"(?:[a-z0-9 ,'\-\u00e0-\u00ff]|\\u00[0-9a-f]{2}|\\[.()$-])+")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-f]{4})")


def _start(pattern: str) -> str:
    """The literal text a pattern opens with (after a ``\\b``), up to its first group,
    class, repeat or other escape; the character before a ``?``, ``*`` or ``{`` is left
    out (it may be absent). Empty when the pattern has an alternation at its top."""
    if _top_level_alternation(pattern):
        return ""
    body = pattern[2:] if pattern.startswith("\\b") else pattern
    found = _PLAIN.match(body)
    if found is None:
        return ""
    literal = found.group(0)
    if found.end() < len(body) and body[found.end()] in "?*{":
        literal = literal[:-1]
    literal = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), literal)
    literal = re.sub(r"\\(.)", r"\1", literal)
    return literal if len(literal) >= 3 else ""


def _top_level_alternation(pattern: str) -> bool:
    depth, escaped = 0, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def _rules(kind: K, weight: float, *patterns: str) -> list[Rule]:
    return [Rule(kind, weight, re.compile(p), _start(p)) for p in patterns]


RULES: tuple[Rule, ...] = tuple(
    # --- automatic replies: out of office, robots ------------------------------------
    _rules(
        K.AUTO_REPLY,
        3,
        r"\bout of (the )?office\b",
        r"\b(automatic|auto) reply\b",
        r"\bauto-?reply\b",
        r"\babwesenheits(notiz|nachricht)\b",
        r"\bnicht im b\u00fcro\b",
        r"\b(annual|parental|sick) leave\b",
        r"\bwith (no|limited) access to (my )?e-?mail\b",
        r"\bbin (bis|vom) .{0,40}(abwesend|nicht erreichbar|nicht im)",
    )
    + _rules(
        K.AUTO_REPLY,
        1.5,
        r"\bthis is an? (automated|automatic) (response|reply|message)\b",
        r"\bplease do not reply to this (e-?mail|message|address)\b",
        r"\bthank you for (your e-?mail|contacting)\b",
        r"\bautomatische antwort\b",
    )
    # --- acknowledgements --------------------------------------------------------------
    + _rules(
        K.ACKNOWLEDGEMENT,
        3,
        r"\backnowledge(s|ment of)? (the )?receipt\b",
        r"\backnowledgement\b",
        r"\bthis acknowledges\b",
        r"\beingangsbest\u00e4tigung\b",
        r"\bbest\u00e4tigen (wir|ich) (ihnen )?den eingang\b",
        r"\bist (bei uns|hier) (am .{0,20})?eingegangen\b",
        r"\bhas been (logged|registered|assigned)\b",
        r"\bwe (have )?received your (request|application)\b",
        r"\bist .{0,60}eingegangen\b",
        r"\bregistered under (the )?reference\b",
        r"\b(we have )?logged your (request|application)\b",
        r"\bhas been given the reference\b",
        r"\b(assigned|allocated) (the )?(reference|tracking) (number|no)\b",
    )
    + _rules(
        K.ACKNOWLEDGEMENT,
        1.5,
        r"\b(we|i) (will|aim to|expect to) (send you a |let you have a )?respon(d|se)\b",
        r"\bwill (be )?respond(ed)? (to you )?(by|within|in accordance)\b",
        r"\b(was|were|been) (successfully )?(received|submitted)\b",
        r"\bdecision will be made within\b",
        r"\bwill be handled within\b",
        r"\bstatutory period for processing\b",
        r"\b(erfasst|weitergeleitet) und\b",
        r"\bso bald wie m\u00f6glich bearbeiten\b",
        r"\binnerhalb der gesetzlichen frist\b",
        r"\bwill (reply|respond|answer) (to you )?(by|within|no later than)\b",
        r"\bwhich (we|was) received on\b",
        r"\b(dealing|deal) with (it|your request) under\b",
        r"\bwird unter dem aktenzeichen .{0,60}bearbeitet\b",
        r"\bkommen .{0,30}auf sie zur\u00fcck\b",
        r"\byou should receive (the information|a response|our response|a reply)\b",
        r"\ba decision is due (by|on)\b",
        r"\b(we|i) (will |shall )?aim to (reply|respond|answer)\b",
        r"\bunter dem aktenzeichen .{0,40}(bearbeiten|bearbeitet|gef\u00fchrt)\b",
        r"\bwerden uns .{0,40}bei ihnen melden\b",
    )
    # --- clarification requests --------------------------------------------------------
    + _rules(
        K.CLARIFICATION_REQUEST,
        3,
        r"\b(please|kindly) (could you )?(clarify|specify|confirm whether)",
        r"\bplease provide (more|further|additional) (detail|information)",
        r"\b(ask|need) (that )?you (to )?clarify\b",
        r"\bclarif(y|ication of) your (request|application)\b",
        r"\brequest for clarification\b",
        r"\bclarification (needed|required)\b",
        r"\bdoes not (reasonably )?describe the records\b",
        r"\bnot contain sufficient particulars\b",
        r"\bnot allow us to identify the documents\b",
        r"\bbitten wir sie, (ihn|ihren antrag|diesen) zu pr\u00e4zisieren\b",
        r"\bbitte um pr\u00e4zisierung\b",
        r"\b(antrag|anfrage) zu (pr\u00e4zisieren|konkretisieren)\b",
        r"\b(pr\u00e4zisieren|konkretisieren) sie\b",
        r"\bcould you (tell us|indicate|specify|provide)\b",
        r"\bwe would be grateful if you could provide more detail\b",
        r"(?<!if )\bwe (require|need) (some )?(further|more|additional) information\b",
        r"\b(opportunity|chance) to (revise|narrow|amend) your request\b",
        r"\bintend to refuse\b",
        r"\bdo you mean\b",
        r"\bmeinen sie\b",
        r"\b(could|can|would) you (please )?let us know (which|what|whether|if)\b",
        r"\bmake sure we send you the right information\b",
    )
    + _rules(
        K.CLARIFICATION_REQUEST,
        2,
        r"\bsection 1\(3\)",
        r"\bregulation 9\b",
        r"\bsection 15\(1a\)",
        r"\bsection 15\(4\)",
        r"\barticle 6\(2\)",
        r"\buntil (we|it) receives? (this|the|your) (further information|clarification)",
        r"\bonce (we|it) receives? your (reply|clarification)\b",
        r"\bfrom the date of receipt of your clarification\b",
        r"\b(tolled|paused) while we await\b",
        r"\badministratively close\b",
        r"\bamend your request\b",
        r"\bwhich .{0,40} are you interested in\b",
        r"\bwish to narrow your request\b",
        r"\bonce we hear (back )?from you\b",
        r"\bf\u00fcr eine (kurze )?r\u00fcckmeldung dankbar\b",
        r"\bso (that )?we can (respond|answer|locate|find)\b",
    )
    # --- fee notices -------------------------------------------------------------------
    + _rules(
        K.FEE_NOTICE,
        3,
        r"\bfees? notice\b",
        r"\bfee estimate\b",
        r"\bestimated fees?\b",
        r"\bpreliminary assessment of (the )?charges?\b",
        r"\bliable to pay a charge\b",
        r"\b(search(,)? (and )?retrieval( and copying)?) fee\b",
        r"\bdeposit of\b",
        r"\b(intend|propose) to charge\b",
        r"\bgeb\u00fchren (in h\u00f6he von|anfallen)\b",
        r"\bhinweis auf (die )?geb\u00fchren\b",
        r"\bmit geb\u00fchren\b",
        r"\bgeb\u00fchrenpflichtig\b",
        r"\beine geb\u00fchr von\b",
        r"\ba charge of\b",
        r"\b(is|are) due for the costs?\b",
        r"\bkosten in h\u00f6he von\b",
        r"\breasonable charge\b",
    )
    + _rules(
        K.FEE_NOTICE,
        2,
        r"\bon payment of a fee\b",
        r"\bpayment (is|has been) received\b",
        r"\bwilling to pay\b",
        r"\bagree to (pay )?the charge\b",
        r"\b(suspended|ruht) (until|pending|bis)\b",
        r"\bifggebv\b",
        r"\u00a7 10 ifg",
        r"\bsection 29 of the foi act\b",
        r"\bsection 27\(4\)",
        r"\bfee category\b",
        r"\bcharging guidelines\b",
        r"(\u00a3|\$|eur |\u20ac)\s?\d[\d,.]*",
        r"\d[\d.,]* (euro|eur)\b",
    )
    # --- extensions ----------------------------------------------------------------------
    + _rules(
        K.EXTENSION,
        3,
        r"\bextend(ing|ed)? the (time|period|deadline|time limit)\b",
        r"\b(time|period|time limit|deadline) (for .{0,40})?(has been|is|will be) extended\b",
        r"\bextension of (the )?time\b",
        r"\bnotice of extension\b",
        r"\bpublic interest test extension\b",
        r"\bunusual circumstances\b",
        r"\bfristverl\u00e4ngerung\b",
        r"\bverl\u00e4ngerung der (bearbeitungs)?frist\b",
        r"\bverl\u00e4ngert sich die frist\b",
        r"\bnicht (innerhalb|binnen) (der|eines) (monatsfrist|monats)\b",
        r"\binnerhalb (der|eines) (monatsfrist|monats) .{0,60}nicht m\u00f6glich\b",
        r"\bextended by\b",
        r"\bneeds? more time\b",
        r"\bneed (further|more|additional) time\b",
        r"\b(taking|take|apply|applying) an? .{0,30}extension\b",
        r"\bl\u00e4nger als (einen|1) monat\b",
        r"\bnot be able to (answer|respond to|reply to|deal with) your request within\b",
        r"\bwill take longer\b",
        r"\bextending (our|the) (response )?deadline\b",
        r"\bdeadline .{0,40}(is|has been) (therefore )?extended\b",
    )
    + _rules(
        K.EXTENSION,
        2,
        r"\bsection 10\(3\)",
        r"\bregulation 7\(1\)",
        r"\bsection 15(a|ab|\(6\))",
        r"\b552\(a\)\(6\)\(b\)",
        r"\barticle 7\(3\)",
        r"\u00a7 7 abs\. 5",
        r"\u00a7 3 abs\. 3",
        r"\bsection 14 of the act\b",
        r"\b(not yet|have not yet) completed our response\b",
        r"\bnew (due date|time limit)\b",
        r"\bwill now (be made|issue)\b",
        r"\bvoraussichtlich bis\b",
        r"\bcomplex and voluminous\b",
        r"\bwill aim to provide a full response by\b",
        r"\bzwischennachricht\b",
        r"\bexpect to send you (our|a|the) (response|reply|decision) by\b",
        r"\bapologi[sz]e for (the|this|any) delay\b",
    )
    # --- responses: not held ---------------------------------------------------------------
    + _rules(
        K.RESPONSE_NOT_HELD,
        4,
        r"\b(does|do|did) not hold (the|this|any|that)\b",
        r"\b(information|documents?|records?) (is |are )?not held\b",
        r"\bno records\b",
        r"\bdid not (locate|find|identify) any (records|documents)\b",
        r"\bno documents (matching|corresponding|were (found|identified))\b",
        r"\bcannot be found or do not exist\b",
        r"\bnicht vor(liegen|handen)\b",
        r"\bliegen (hier |uns |dort |(dem|der|beim|bei der) [a-z\u00e0-\u00ff-]+ )?nicht vor\b",
        r"\bno (such )?(records?|documents?|information) (exists?|is held|are held)\b",
        r"\bsind (hier|uns) nicht (vorhanden|bekannt)\b",
        r"\b\u00fcber keine (unterlagen|informationen|dokumente)\b",
        r"\bkeine (unterlagen|informationen|vermerke|dokumente) (vor|vorhanden|angefertigt)\b",
        r"\b(does|do) not record the information\b",
        r"\bthere (is|are) no (dataset|records?|documents?|information) (that|which|held)\b",
        r"\bhas not produced any\b",
        r"\bdoes not exist\b",
        r"\bholds? no (information|records|documents)\b",
        r"\b(do|does) not exist\b",
        r"\b(have|has) no record(s)? of\b",
        r"\bnicht verf\u00fcgbar\b",
        r"\bnicht durchgef\u00fchrt\b",
    )
    + _rules(
        K.RESPONSE_NOT_HELD,
        1.5,
        r"\bnot held\b",
        r"\bonly to existing documents\b",
        r"\bweder erstellt noch\b",
    )
    # --- responses: refused ------------------------------------------------------------------
    + _rules(
        K.RESPONSE_REFUSED,
        3,
        r"\b(decided|decide|have decided) to refuse\b",
        r"\b(is|are) refusing\b",
        r"\brefus(e|ing) (access|your request)\b",
        r"\brefusal notice\b",
        r"\bwithheld in (full|its entirety|their entirety)\b",
        r"\bwithh(o|e)ld(ing)? .{0,40}in (full|its entirety|their entirety)\b",
        r"\bexempt from disclosure in (its|their) entirety\b",
        r"\bneither confirm nor deny\b",
        r"\b(lehne|lehnen) (ich|wir) .{0,60}\bab\b",
        r"\bwird (hiermit )?abgelehnt\b",
        r"\bist (daher )?.{0,30}abzulehnen\b",
        r"\bablehnung\b",
        r"\bexceed the appropriate limit\b",
        r"\bnot obliged to comply\b",
        r"\bconfirm the refusal\b",
    )
    + _rules(
        K.RESPONSE_REFUSED,
        2,
        r"\baccess (to (the|these) documents? )?(cannot|can ?not|could not) be (granted|given)\b",
    )
    + _rules(
        K.RESPONSE_REFUSED,
        1.5,
        r"\b(are|is) withholding (it|them|this|the information)\b",
        r"\babsolute exemption\b",
        r"\bbeing withheld\b",
        r"\bis exempt\b",
        r"\bare exempt\b",
        r"\bexempt under\b",
        r"\bausgeschlossen\b",
        r"\bpublic interest in maintaining the (exemption|exception)\b",
        r"\bright to appeal\b",
        r"\bwiderspruch (erhoben|einlegen)\b",
    )
    # --- responses: partly given ------------------------------------------------------------
    + _rules(
        K.RESPONSE_PARTIAL,
        3,
        r"\b(released|disclosed|granted?|access) (to \d+ documents )?in part\b",
        r"\bpart-grant\b",
        r"\bpartially (disclosed|released|granted)\b",
        r"\bmay be partially disclosed\b",
        r"\b(has|have) been (redacted|blanked out)\b",
        r"\bsome (of the )?information has been (withheld|redacted)\b",
        r"\bsome parts have been\b",
        r"\b(portions|parts) of the records have been withheld\b",
        r"\bteilweise stattgegeben\b",
        r"\bim \u00fcbrigen wird der antrag abgelehnt\b",
        r"\bgeschw\u00e4rzt\b",
        r"\bprovide some of it\b",
        r"\bholds some of the information\b",
        r"\bwith less material redacted\b",
        r"\bmaterial deleted\b",
        r"\bgrant(ed)? (your request|access) in part\b",
        r"\bthe rest of (each|the) documents? (is|are) (provided|disclosed|released)\b",
        r"\bunkenntlich gemacht\b",
        r"\bim \u00fcbrigen wird ihrem antrag entsprochen\b",
    )
    + _rules(
        K.RESPONSE_PARTIAL,
        1.5,
        r"\bredact(ed|ion|ions)\b",
        r"\bthe remainder of the information is disclosed\b",
        r"\bhas been withheld\b",
        r"\bsome information\b",
        r"\b(we are|i am) (unable|not able) to provide\b",
        r"\bwe have removed\b",
    )
    # --- responses: information given -------------------------------------------------------
    + _rules(
        K.RESPONSE_SUCCESSFUL,
        3,
        r"\breleas(ed|ing) (all \d+ pages |to you )?in (full|their entirety)\b",
        r"\bgrant (your request|full access|access) in full\b",
        r"\bgrant full access\b",
        r"\bfull access (is|has been) granted\b",
        r"\brelease .{0,40} to you in full\b",
        r"\b(enclosed|released) in (their|its) entirety\b",
        r"\bno information has been withheld\b",
        r"\bvollst\u00e4ndig (entsprochen|stattgegeben)\b",
        r"\bvollst\u00e4ndig in der anlage\b",
        r"\bwird damit vollst\u00e4ndig\b",
    )
    + _rules(
        K.RESPONSE_SUCCESSFUL,
        1.5,
        r"\bplease find (the information |our response )?attached\b",
        r"\bplease find attached\b",
        r"(?<!withheld )(?<!withhold )\bin full\b",
        r"\b(holds|hold) the information you (have )?(requested|asked for)\b",
        r"\bis set out below\b",
        r"\bwe are pleased to provide\b",
        r"\b(i|we) (enclose|attach)\b",
        r"\bcopies of the .{0,30} are enclosed\b",
        r"\b(\u00fcbersende|\u00fcbersenden) (ich|wir) ihnen (anbei|in der anlage)\b",
        r"\bgerne \u00fcbersenden wir\b",
        r"\banbei\b",
        r"\bgeb\u00fchrenfrei\b",
        r"\bgeb\u00fchren und auslagen werden nicht erhoben\b",
        r"\bthere are no fees\b",
        r"\bplease find enclosed\b",
        r"\banbei erhalten sie\b",
        r"\b(werden|wird) ihnen .{0,40}\u00fcbersandt\b",
        r"\b(listed|set out|shown) in the table below\b",
        r"\b(i am|we are) releasing\b",
        r"\byou will find (them |it )?attached\b",
    )
    # --- review outcomes ------------------------------------------------------------------------
    + _rules(
        K.REVIEW_OUTCOME,
        4,
        r"\b(completed|carried out|conducted) (the|a|an|my) (complete )?(internal )?review\b",
        r"\binternal review (decision|outcome)\b",
        r"(?<!an )(?<!request an )\binternal review of (our|the council.s|the department.s|your)\b",
        r"\b(uphold|upheld|affirm(ing)?|confirm) the original decision\b",
        r"\boriginal decision (is|should be) (therefore )?(confirmed|substituted|upheld|varied)\b",
        r"\b(your|the) (administrative )?appeal\b",
        r"\byour confirmatory application\b",
        r"\brequirement for review\b",
        r"\brequesting (a|an) (internal )?review\b",
        r"\bwiderspruchsbescheid\b",
        r"\bihrem widerspruch wird abgeholfen\b",
        r"\babhilfebescheid\b",
        r"\bder widerspruch wird zur\u00fcckgewiesen\b",
        r"\bauf ihren widerspruch\b",
        r"\bhave reconsidered\b",
        r"\breview (panel|officer)\b",
        r"\bpartially uphold\b",
        r"\bvary the decision\b",
    )
)

#: Phrases that, in a review outcome, say what became of the request.
OUTCOME_RULES: tuple[Rule, ...] = tuple(
    _rules(
        K.RESPONSE_REFUSED,
        3,
        r"\b(uphold|upheld|affirm(ing)?|confirm(ed)?) (the|bop's|its) (original )?"
        r"(decision|refusal|action)\b",
        r"\bremain of the view\b",
        r"\bcorrectly applied\b",
        r"\bconfirmed without modification\b",
        r"\bwiderspruch wird zur\u00fcckgewiesen\b",
        r"\bweiterhin ausgeschlossen\b",
        r"\b(appeal|widerspruch) is denied\b",
        r"\bproperly withheld\b",
        r"\b(weise|weisen) .{0,60}zur\u00fcck\b",
        r"\bliegt weiterhin vor\b",
        r"\bremains? refused\b",
        r"\bconfirm the refusal\b",
    )
    + _rules(
        K.RESPONSE_SUCCESSFUL,
        3,
        r"\bgranting your appeal\b",
        r"\breleased (to you )?in full\b",
        r"\bsubstituted\b",
        r"\bwird abgeholfen\b",
        r"\bvollst\u00e4ndig\b",
        r"\bcannot be sustained\b",
        r"\bappeal is (therefore )?granted\b",
        r"\bmay (now )?be released\b",
    )
    + _rules(
        K.RESPONSE_PARTIAL,
        4,
        r"\bpartially uphold\b",
        r"\bvary the decision\b",
        r"\b(releasing|release) .{0,40} in part\b",
        r"\bsome of the (factual )?(material|information) .{0,40} (can be|is now) released\b",
        r"\bteilweise abgeholfen\b",
        r"\bis now released\b",
        r"\bpartial access is granted\b",
    )
)
