"""Printed documents, made from the built sites: the facilitator manual, a client handout
packet per module and language, and a week at a glance per track (PDF, with WeasyPrint).

The pages come from what MkDocs built (each page's article, already sanitized and cut to
its audience), so paper says what the screen says and nothing a client's site lacks.
"""
