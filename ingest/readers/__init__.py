"""One module a source format; `registry` picks the reader for a file."""
