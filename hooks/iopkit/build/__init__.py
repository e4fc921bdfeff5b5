"""Build: running MkDocs on the rendered sites.

The MkDocs hook (the only code that imports MkDocs), and building or serving both sites
as MkDocs subprocesses, atomically.
"""
