"""The archive as a library: domain model, store, retrieval and answering.

Imports neither `ingest` nor `api` (see tests/test_layering.py).
"""
