"""Readers for each source format, and the pipeline that stores what they read."""
