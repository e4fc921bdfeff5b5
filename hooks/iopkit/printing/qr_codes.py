"""QR codes that lead from a printed worksheet back to its fillable page."""

from __future__ import annotations

import segno


def qr_image(address: str) -> str:
    """An SVG QR code of `address` as a data: URI, to print at about an inch. Error
    correction M survives a crease or a coffee ring on a photocopy."""
    return segno.make(address, error="m", micro=False).svg_data_uri(scale=4, border=4)


def short_address(address: str) -> str:
    """The address as printed beside the code, for typing: no scheme, no #anchor."""
    return address.split("://", 1)[-1].split("#", 1)[0]
