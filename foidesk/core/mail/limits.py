"""Bounds that keep hostile mail from exhausting time, memory or the stack.

They live in one place so a reader can see every cut-off the parsers apply.
"""

from typing import Final

#: Deepest MIME nesting read; real mail rarely goes past 6 levels.
MAX_DEPTH: Final = 64
#: Most MIME parts read from one message.
MAX_PARTS: Final = 2000
#: Longest header value handed to the structured header parsers, which can be
#: slow on pathological input; longer values are cut (with a warning).
MAX_HEADER_CHARS: Final = 16_384
#: RFC 5322's line limit, used to bound the subject.
MAX_SUBJECT_CHARS: Final = 998
#: Longest display name made for an attachment, in characters and UTF-8 bytes.
MAX_NAME_CHARS: Final = 120
MAX_NAME_BYTES: Final = 240
#: Most warnings kept per message: a broken message should say what is wrong,
#: not repeat it for each of its thousand parts.
MAX_WARNINGS: Final = 50
#: Chunk size when feeding bytes to the email parser: small enough that the
#: parser never splits the whole file into lines at once.
FEED_CHUNK: Final = 1 << 16
