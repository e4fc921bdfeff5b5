"""Site: one audience's pages from a validated curriculum.

The site registry, audience selection (on the data), page paths, and rendering with the
Jinja templates in templates/. Knows nothing of MkDocs.
"""
