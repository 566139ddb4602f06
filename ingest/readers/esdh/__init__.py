"""Readers for Danish ESDH publication exports: eDoc, SBSYS eDagsorden and Acadre.

An export is a meeting XML (the "lead" file) plus the documents it names: item PDFs, minutes
DOCX/PDF, attachments. The XML says what the meeting is (body, date, items, numbers, titles,
access); the documents give the text. Nothing is imported here: `ingest.source` reads the
manifest while the readers import `ingest.source`.
"""
