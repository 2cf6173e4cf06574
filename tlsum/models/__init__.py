"""Translation models on disk: the store, the registry of downloadable models, and formats.

    paths     model ids, the manifest file name, the hub endpoint (below everything else)
    format    what kind of model a directory holds (argos, OPUS-MT, NLLB, M2M-100)
    archive   safe unpacking of downloaded archives
    download  resumable, verified HTTP downloads
    registry  models/registry.toml and the argos package index: what can be pulled
    store     the installed models and their manifests
    install   pull, import and convert: every way into the store

The translate stage reads models through ``format``; the CLI manages them through
``store`` and ``install``. A new model format goes in ``format``.
"""
