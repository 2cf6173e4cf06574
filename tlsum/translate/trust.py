"""What a translation's flags mean for the whole article: one warning line, at most.

Each flagged sentence is marked ⚠ where it is shown. When a large share of them is
flagged, the marks stop being the news: the model does not know this kind of text
(the bundled toy on a real article, a model for another domain), and the reader is
told so once, with the model to install instead.

``UNFIT_SHARE``: on our calibration texts (``bench/confidence.py``) the toy model
flags 100 % of real news sentences and 0 % of its own examples; a model fit for a
text is unsure of a few sentences, not of a third of them. ``MIN_FLAGGED`` keeps a
two-sentence text with one odd sentence from condemning the model.
"""

from __future__ import annotations

from tlsum.errors import ModelStoreError
from tlsum.translate.routing import suggest_pull
from tlsum.types import Translation, nothing_to_do

UNFIT_SHARE = 1 / 3
MIN_FLAGGED = 2


def trust_warnings(translation: Translation) -> tuple[str, ...]:
    """No line when nothing is flagged; else one: how many, or that the model is unfit."""
    flagged = len(translation.flagged_ids)
    if not flagged:
        return ()
    translated = _translated_count(translation)
    if flagged >= MIN_FLAGGED and flagged >= UNFIT_SHARE * translated:
        models = ", ".join(translation.model_ids)
        src, tgt = translation.original.language, translation.translated.language
        return (f"model {models} is not fit for this text: it is unsure of {flagged} of "
                f"{translated} translated sentences (marked ⚠); for {src}→{tgt} install "
                f"a better one: {better_model(src, tgt, translation.model_ids)}",)
    return (f"{flagged} of {translated} translated sentence(s) may be mistranslated "
            "(marked ⚠)",)


def _translated_count(translation: Translation) -> int:
    """Sentences that went through a model (a mixed text keeps some as they were)."""
    original, target = translation.original, translation.translated.language
    count = sum(not nothing_to_do(original.language_of(s), target) for s in original.sentences)
    return max(count, len(translation.flagged_ids), 1)


def better_model(src: str, tgt: str, used: tuple[str, ...] = ()) -> str:
    """The command that installs the best registry model for the pair not in ``used``."""
    from tlsum.models.registry import candidates, model_id_for

    command = suggest_pull(src, tgt)
    words = command.split()
    try:
        pulled = model_id_for(words[3]) if words[:3] == ["tlsum", "models", "pull"] else ""
        if pulled not in used:
            return command
        better = next((e for e in candidates(src, tgt) if e.id not in used), None)
    except ModelStoreError:  # a broken registry must not hide the warning
        better = None
    return better.command if better else f"tlsum models available --from {src} --to {tgt}"
