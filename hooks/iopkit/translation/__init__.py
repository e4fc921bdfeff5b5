"""Translation: the Client Workbook's text as gettext catalogs (Babel), for translators."""
