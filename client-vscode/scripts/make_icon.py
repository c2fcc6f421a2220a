"""Draw the extension's 128x128 icon (client-vscode/media/icon.png): a key whose bow holds a
check mark, on a rounded dark tile. Reproducible, so a change to the icon is a change here.

    python -m pip install pillow && python client-vscode/scripts/make_icon.py

Drawn at 4x and downscaled for smooth edges. Needs only Pillow (no fonts).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 128
SCALE = 4
OUT = Path(__file__).resolve().parents[1] / "media" / "icon.png"

TILE = (30, 34, 48, 255)  # dark slate: readable on light and dark marketplace backgrounds
KEY = (246, 190, 59, 255)  # amber key
CHECK = (46, 204, 113, 255)  # green check: "the setup is verified"


def draw() -> Image.Image:
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 128  # drawing units of the 128-px grid
    d.rounded_rectangle((4 * u, 4 * u, 124 * u, 124 * u), radius=24 * u, fill=TILE)
    # the key's bow: a ring
    cx, cy, r = 44 * u, 50 * u, 24 * u
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=KEY)
    d.ellipse((cx - 13 * u, cy - 13 * u, cx + 13 * u, cy + 13 * u), fill=TILE)
    # the shaft, down and to the right, with two teeth
    d.line((cx + 15 * u, cy + 15 * u, 100 * u, 106 * u), fill=KEY, width=int(12 * u))
    d.line((78 * u, 84 * u, 90 * u, 72 * u), fill=KEY, width=int(10 * u))
    d.line((92 * u, 98 * u, 104 * u, 86 * u), fill=KEY, width=int(10 * u))
    # the check mark inside the bow
    d.line((cx - 9 * u, cy + 1 * u, cx - 2 * u, cy + 8 * u, cx + 10 * u, cy - 7 * u), fill=CHECK, width=int(6 * u), joint="curve")
    return img.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    draw().save(OUT, optimize=True)
    print(f"{OUT} ({OUT.stat().st_size} bytes)")
