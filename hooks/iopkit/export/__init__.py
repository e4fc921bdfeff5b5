"""Export: the validated curriculum as JSON, and each site as a MkDocs project that
needs no hooks."""
