"""Editing: tools for content editors. Lint and its rules, readability and wording
measures, the content report, scaffolding for new files and the JSON Schemas."""
