"""Names every part of the model code agrees on: model ids, the manifest file, the hub.

They sit below the store, the registry and the downloader so that none of those has to
import another just to spell a name.
"""

from __future__ import annotations

import os
import re

from tlsum.errors import ModelStoreError

MANIFEST_NAME = "tlsum-model.json"
DEFAULT_HF_ENDPOINT = "https://huggingface.co"
_ID_RE = re.compile(r"[^A-Za-z0-9._-]+")


def clean_id(name: str) -> str:
    """A model id safe as one directory name (``Helsinki-NLP/x`` -> ``Helsinki-NLP-x``)."""
    cleaned = _ID_RE.sub("-", name).strip(".-")
    if not cleaned:
        raise ModelStoreError(f"{name!r} is not usable as a model name")
    return cleaned


def hf_endpoint() -> str:
    """The model hub base URL (``TLSUM_HF_ENDPOINT``, like huggingface_hub's ``HF_ENDPOINT``)."""
    return (os.environ.get("TLSUM_HF_ENDPOINT") or DEFAULT_HF_ENDPOINT).rstrip("/")
