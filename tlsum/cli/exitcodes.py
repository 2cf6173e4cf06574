"""Exit codes: one named constant each, and the one map from the error tree to them.

    0 ok            3 fetch failed        6 model broken or incompatible
    1 unexpected    4 no article text     7 model install failed
    2 usage         5 no model for pair   8 batch: some sources failed
                                          130 interrupted
"""

from __future__ import annotations

import tlsum.errors as e

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_FETCH = 3
EXIT_NO_ARTICLE = 4
EXIT_NO_MODEL = 5
EXIT_MODEL = 6
EXIT_INSTALL = 7
EXIT_PARTIAL = 8  # tlsum batch: the other sources' lines are written
EXIT_INTERRUPTED = 130

# Most specific first: the first matching class decides the exit code.
EXIT_CODES: tuple[tuple[type[e.TlsumError], int], ...] = (
    (e.UsageError, EXIT_USAGE),
    (e.FetchError, EXIT_FETCH),
    (e.NoArticleError, EXIT_NO_ARTICLE),
    (e.NoModelError, EXIT_NO_MODEL),
    (e.ModelError, EXIT_MODEL),
    (e.ModelStoreError, EXIT_INSTALL),
)

EPILOG = (
    "Exit codes: 0 ok; 1 unexpected error (-v shows the traceback); 2 usage; "
    "3 fetch failed; 4 no article text found; 5 no model for the language pair; "
    "6 model broken or incompatible; 7 model install failed; "
    "8 batch: some sources failed (each failed line has its own code); 130 interrupted."
)


# What each code means, for the one-line summary of a batch with failed sources.
MEANING = {EXIT_UNEXPECTED: "unexpected error", EXIT_USAGE: "usage", EXIT_FETCH: "fetch failed",
           EXIT_NO_ARTICLE: "no article text", EXIT_NO_MODEL: "no model for the pair",
           EXIT_MODEL: "model broken", EXIT_INSTALL: "model install failed"}


def exit_code(error: e.TlsumError) -> int:
    """The documented exit code for a tlsum error."""
    return next((code for cls, code in EXIT_CODES if isinstance(error, cls)), EXIT_UNEXPECTED)
