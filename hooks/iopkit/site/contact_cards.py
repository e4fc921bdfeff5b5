"""The crisis lines as a vCard file (RFC 2426, vCard 3.0): "Save these numbers" on the Get
help page hands it to the phone, which offers to add them to its contacts."""

from __future__ import annotations

from ..content.model import CrisisResource

_TEL = {"call": "VOICE", "tty": "TEXTPHONE", "text": "TEXT"}


def _escape(text: str) -> str:
    """vCard text values escape backslashes, commas, semicolons and line breaks."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _folded(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    pieces: list[str] = []
    start = 0
    while start < len(raw):
        end = min(start + (75 if not pieces else 74), len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        pieces.append(raw[start:end].decode("utf-8"))
        start = end
    return "\r\n ".join(pieces)


def contact_cards(resources: list[CrisisResource]) -> str:
    """One card per resource that has a number, with each of its numbers."""
    lines: list[str] = []
    for resource in resources:
        numbers = [c for c in resource.contacts if c.method in _TEL]
        if not numbers:
            continue
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(resource.name)}",
                  f"N:;{_escape(resource.name)};;;", "ORG:Crisis and help lines"]
        for contact in numbers:
            lines.append(f"TEL;TYPE={_TEL[contact.method]}:{contact.dialed}")
        lines += [f"NOTE:{_escape(resource.when)}", "END:VCARD"]
    return "".join(_folded(line) + "\r\n" for line in lines)
