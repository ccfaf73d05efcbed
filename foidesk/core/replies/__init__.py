"""What an authority's reply is: the classifier (pure, no database) and its kinds.

``classify(ReplyInput, ThreadPlace)`` proposes a ``ReplyKind``, the request's new
status and the evidence; ``kinds.EFFECTS`` says what confirming each kind does. The
desk stores proposals and applies them only on the user's word
(``core/operations/replies.py``).
"""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.replies.classifier import (
        Evidence,
        Proposal,
        ReplyInput,
        ThreadPlace,
        classify,
    )
    from foidesk.core.replies.describe import describe_evidence
    from foidesk.core.replies.kinds import EFFECTS, REVIEW_STATUSES, Effect, ReplyKind

__all__ = [
    "EFFECTS",
    "REVIEW_STATUSES",
    "Effect",
    "Evidence",
    "Proposal",
    "ReplyInput",
    "ReplyKind",
    "ThreadPlace",
    "classify",
    "describe_evidence",
]
_PUBLIC = {
    **dict.fromkeys(
        ("Evidence", "Proposal", "ReplyInput", "ThreadPlace", "classify"),
        "foidesk.core.replies.classifier",
    ),
    "describe_evidence": "foidesk.core.replies.describe",
    **dict.fromkeys(
        ("EFFECTS", "REVIEW_STATUSES", "Effect", "ReplyKind"), "foidesk.core.replies.kinds"
    ),
}

__getattr__ = lazy_exports(__name__, _PUBLIC)
