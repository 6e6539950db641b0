"""Cover images for the demo, drawn with Pillow: a diagonal two-colour gradient with soft geometric shapes."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

Colour = tuple[int, int, int]

COVER_SIZE = (1200, 675)  # 16:9, the ratio the cards and the featured items use


def _diagonal_mask(size: tuple[int, int], *, flip: bool) -> Image.Image:
    vertical = Image.linear_gradient("L").resize(size)
    horizontal = Image.linear_gradient("L").rotate(90 if flip else -90).resize(size)
    return Image.blend(vertical, horizontal, 0.5)


def cover_image_bytes(
    *, colours: tuple[Colour, Colour], seed: int, size: tuple[int, int] = COVER_SIZE
) -> bytes:
    """A JPEG: deterministic for a given ``seed``, so re-running the demo loader draws the same picture."""
    rng = random.Random(seed)
    dark, light = colours
    width, height = size
    base = Image.composite(
        Image.new("RGB", size, light), Image.new("RGB", size, dark), _diagonal_mask(size, flip=bool(seed % 2))
    ).convert("RGBA")

    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(3, 5)):  # large translucent circles
        radius = rng.randint(height // 5, height // 2)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 255, 255, rng.randint(18, 40))
        )
    for _ in range(rng.randint(2, 3)):  # slanted bands, like the light on a machined surface
        x = rng.randint(-width // 4, width)
        band = rng.randint(40, 140)
        slant = rng.randint(height // 3, height)
        draw.polygon(
            [(x, height), (x + band, height), (x + band + slant, 0), (x + slant, 0)],
            fill=(*dark, rng.randint(40, 80)),
        )
    ring_r = rng.randint(height // 6, height // 3)
    ring_x, ring_y = rng.randint(ring_r, width - ring_r), rng.randint(ring_r, height - ring_r)
    draw.ellipse(
        (ring_x - ring_r, ring_y - ring_r, ring_x + ring_r, ring_y + ring_r),
        outline=(255, 255, 255, 90),
        width=max(4, ring_r // 12),
    )
    shapes = shapes.filter(ImageFilter.GaussianBlur(1.2))

    picture = Image.alpha_composite(base, shapes).convert("RGB")
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()
