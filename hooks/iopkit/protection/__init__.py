"""Protection: keeping script out of what readers get.

Refusing script in content (at validation, with a line), sanitizing built HTML, the
workbook's Content-Security-Policy and its lean search index. Depends on nothing else in
the package, so every layer may use it.
"""
