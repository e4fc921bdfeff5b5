"""Words of the workbook's theme and script that no Jinja template of ours shows: the crisis
bar, the "Help now" link, the language switch, weekday names, every message the worksheet
script writes, the Listen buttons and the printed handouts' own words. They are extracted
for translators with the templates' words, and a language's workbook gets their translations
in config.extra (theme) and in assets/iopkit-workbook.js (script)."""

from __future__ import annotations

THEME_WORDS: tuple[str, ...] = (
    # crisis bar, Help now, language switch (theme/main.html, theme/partials/crisis-bar.html)
    "Need help now?", "Crisis help", "More help", "Help now", "and other crisis lines", "Call",
    "Text",
    "Languages",
    # the workbook's menu (render.py)
    "Home", "Group agreements", "Your first group", "Get help now", "Words to know",
    "My answers", "Your week",
    # the web app manifest (Add to Home Screen) and the My answers page
    "{name} workbook", "Workbook", "Practice this week",
    # the printed handout packets (printing/): their cover and the worksheets' QR codes
    "Pages to print", "Fill it in online:",
    # weekdays and clock times (track pages)
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "and",
    "a.m.", "p.m.",
    # the worksheet script (theme/assets/worksheets.js); it fills in {n}, {v} and {name}
    "Erase my answers", "Erase your answers on this worksheet? This cannot be undone.",
    "Copy", "Copied", "Erase", "Erase this earlier answer? This cannot be undone.",
    "Earlier answers",
    "This worksheet has changed since you wrote these. They are kept here for you to read, "
    "copy or erase.",
    "Saved a copy of {n} answer(s). Keep the file somewhere safe, such as your email or "
    "cloud storage.",
    "This file is not a saved copy of workbook answers. Nothing was changed.",
    "This saved copy is of a version this workbook cannot read ({v}). Nothing was changed.",
    "This saved copy belongs to another program's workbook. Nothing was changed.",
    "This saved copy belongs to another program's workbook ({name}). Nothing was changed.",
    "This saved copy is damaged, so it was not used. Nothing was changed.",
    "This file is not a saved copy of workbook answers, or it is cut short. Nothing was "
    "changed.",
    "This browser does not keep answers, so nothing could be restored.",
    "Restored {n} answer(s).",
    "Kept {n} answer(s) on this device that are newer than the copy.",
    "There are no answers saved in this browser on this phone or computer yet.",
    "A worksheet this workbook no longer has",
    "Your answers are only on this phone or computer, and you have not saved a copy this "
    "week. A copy keeps them safe if this browser loses them.",
    "Reminder", "Save a copy", "Not now",
    "This browser does not keep answers, so there is nothing to erase.",
    "Erase ALL your answers in this workbook on this device? This cannot be undone.",
    "Done. Your answers are erased from this device.",
    "There were no answers saved on this device.",
    # Listen, reading aloud (theme/assets/listen.js)
    "Read aloud", "Listen", "Pause", "Resume", "Stop", "Speed", "Slower", "Normal", "Faster",
)
