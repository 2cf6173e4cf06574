"""The bundled toy models as a test needs them: named, or copied in as ordinary models.

A toy is a demo model (``"demo": true``): routing never picks it on its own. A test of
routing itself (pivots, the smallest fix) copies one into a store with the demo mark
removed, as if a user had installed a real model for that pair.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

MODELS = Path(__file__).resolve().parent.parent / "models"


def installed_copy(store: Path, toy: str = "toy-ru-en", **manifest: Any) -> Path:
    """``models/<toy>`` copied into ``store`` as an ordinary model (``manifest`` overrides)."""
    new_id = str(manifest.get("id", toy))
    path = store / new_id
    shutil.copytree(MODELS / toy, path)
    manifest_path = path / "tlsum-model.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    data.update(manifest, demo=False)
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    return path
