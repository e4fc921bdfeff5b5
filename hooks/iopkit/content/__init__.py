"""Content: curriculum YAML read with positions, the model, loading and validation.

The lowest layer above protection: everything here works on files and data and knows
nothing of pages, sites or MkDocs. Problems found anywhere are reported through
`problems` as path:line:col with how to fix them.
"""
