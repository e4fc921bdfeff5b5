"""iopkit: an intensive outpatient program's curriculum, as YAML, into two MkDocs sites."""
