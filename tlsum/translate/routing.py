"""Pick the model(s) that carry a text from one language to another.

Order of preference, most faithful first: no translation for the same language;
a direct bilingual model; an installed multilingual model; a pivot through
English (two hops); else ``NoModelError`` naming the ``tlsum models pull`` that
would fix it.

Demo models (the bundled toys, ``"demo": true`` in their manifest) know a few
hundred words: routing never picks one on its own, only when ``--model`` names it.
A directory that is not a usable model is reported once: as the error when it is
the model named or when nothing covers the pair, else as one warning line.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tlsum.dirs import model_dirs
from tlsum.errors import ModelError, NoModelError
from tlsum.models.format import ModelInfo, find_models, inspect_model
from tlsum.types import nothing_to_do

log = logging.getLogger(__name__)

PIVOT = "en"
Skipped = Sequence[tuple[Path, str]]  # directories that are not usable models, and why
_WARNED: set[tuple[Path, str]] = set()  # skipped directories already reported in this process


@dataclass(frozen=True)
class Hop:
    """One translation step: this model, from ``source`` to ``target``."""

    model: ModelInfo
    source: str
    target: str


@dataclass(frozen=True)
class Route:
    """The steps from the source to the target language (empty: nothing to do)."""

    hops: tuple[Hop, ...]

    @property
    def model_ids(self) -> tuple[str, ...]:
        return tuple(h.model.id for h in self.hops)


def suggest_pull(src: str, tgt: str) -> str:
    """The command that would install a model for ``src``→``tgt``.

    A bilingual registry entry first; else, for a pair with English, the argos
    index (small, permissive packages for most such pairs); else the
    registry's multilingual model; else argos anyway.
    """
    from tlsum.errors import ModelStoreError
    from tlsum.models.registry import best_for

    argos = f"tlsum models pull argos:{src}-{tgt}"
    try:
        entry = best_for(src, tgt)
    except ModelStoreError:  # a broken or missing registry must not hide the real error
        return argos
    if entry is None:
        return argos
    bilingual = len(entry.sources) == 1 and len(entry.targets) == 1
    return entry.command if bilingual or PIVOT not in (src, tgt) else argos


def plan_route(
    src: str, tgt: str, models: Sequence[ModelInfo], *, model: str | None = None,
    skipped: Skipped = (),
) -> Route:
    """The best route from ``src`` to ``tgt`` using ``models`` (or the one named ``model``).

    A broken model (``ModelInfo.problem``, or a directory in ``skipped``) that the
    route would use is named, as a ``ModelError``, instead of being skipped for a
    worse one behind the user's back.
    """
    route = _plan(src, tgt, models, model, skipped)
    broken = next((h.model for h in route.hops if h.model.problem), None)
    if broken is not None:
        raise _broken(broken.id, broken.path, broken.problem)
    return route


def _broken(model_id: str, path: Path, problem: str) -> ModelError:
    return ModelError(f"model {model_id} ({path}) is broken: {problem}; "
                      f"remove it (tlsum models remove {model_id}) and install it again")


def _plan(src: str, tgt: str, models: Sequence[ModelInfo], model: str | None,
          skipped: Skipped) -> Route:
    """The route as if every model worked."""
    if nothing_to_do(src, tgt):
        return Route(())
    if model is not None:
        return _forced_route(src, tgt, models, model, skipped)
    usable = [m for m in models if not m.demo]
    hop = _single_hop(src, tgt, usable)
    if hop is not None:
        return Route((hop,))
    missing = (src, tgt)
    if PIVOT not in (src, tgt):
        first = _single_hop(src, PIVOT, usable)
        second = _single_hop(PIVOT, tgt, usable)
        if first is not None and second is not None:
            return Route((first, second))
        # Half a pivot is installed: the other half is the smallest fix.
        missing = (PIVOT, tgt) if first is not None else (src, PIVOT) if second else missing
    message = f"no installed model translates {src} to {tgt}"
    raise NoModelError(message + _demo_note(src, tgt, models) + _skipped_note(skipped),
                       suggest_pull(*missing))


def _demo_note(src: str, tgt: str, models: Sequence[ModelInfo]) -> str:
    """Name the demo model that covers the pair, so that a user can still try it."""
    demo = next((m for m in models if m.demo and m.translates(src, tgt)), None)
    if demo is None:
        return ""
    return (f" ({demo.id} is a demo model with a toy vocabulary, not for real "
            f"articles: use --model {demo.id} to try it)")


def _skipped_note(skipped: Skipped) -> str:
    """The unusable directories, said within the one error line instead of a warning each."""
    if not skipped:
        return ""
    _WARNED.update(skipped)
    return "; not usable, so ignored: " + ", ".join(f"{p} ({why})" for p, why in skipped)


def _single_hop(src: str, tgt: str, models: Sequence[ModelInfo]) -> Hop | None:
    """A bilingual model beats a multilingual one; among equals, the first found wins."""
    candidates = [m for m in models if m.translates(src, tgt)]
    candidates.sort(key=lambda m: m.multilingual)  # stable: keeps search-path order
    return Hop(candidates[0], src, tgt) if candidates else None


def _forced_route(src: str, tgt: str, models: Sequence[ModelInfo], name: str,
                  skipped: Skipped) -> Route:
    """``--model`` names an installed id or a model directory; it must cover the pair.

    A directory of that name that is not a usable model is the model meant: it is
    named as broken (exit 6), not reported as missing.
    """
    bad = next(((p, why) for p, why in skipped if p.name == name), None)
    if bad is not None:
        _WARNED.add(bad)
        raise _broken(name, *bad)
    chosen = [m for m in models if name in (m.id, m.path.name)]
    if not chosen and Path(name).expanduser().is_dir():
        try:
            chosen = [inspect_model(Path(name).expanduser())]
        except ModelError as err:
            raise ModelError(f"--model {name}: {err}") from err
    if not chosen:
        raise NoModelError(f"model {name!r} is not installed", f"tlsum models pull {name}")
    if chosen[0].format == "instruct":
        raise ModelError(f"--model {name}: an instruct model (it phrases questions), "
                         "not a translation model")
    if not chosen[0].translates(src, tgt):
        raise NoModelError(
            f"model {chosen[0].id!r} does not translate {src} to {tgt}", suggest_pull(src, tgt)
        )
    return Route((Hop(chosen[0], src, tgt),))


def route_for(
    src: str, tgt: str, *, models_dir: str | None = None, model: str | None = None,
    store_dirs: Sequence[Path] = (),
) -> Route:
    """Route using ``store_dirs`` when given (tests), else the default search path.

    Unusable directories that the route did not need are warned about once per process.
    """
    if nothing_to_do(src, tgt):
        return Route(())
    dirs = list(store_dirs) or model_dirs(models_dir)
    skipped: list[tuple[Path, str]] = []
    route = plan_route(src, tgt, find_models(dirs, skipped), model=model, skipped=skipped)
    for path, why in skipped:
        if (path, why) not in _WARNED:
            _WARNED.add((path, why))
            log.warning("ignoring %s, which is not a usable model: %s", path, why)
    return route
