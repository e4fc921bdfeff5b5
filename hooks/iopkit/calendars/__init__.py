"""Calendars: a track laid onto real dates, as Markdown, CSV or iCalendar."""
