"""Writes the format fixtures of ImageDecoderTest into the current folder (see README.md).

The source picture is 32x24 pixels in four flat quadrants, so a lossy decoder's output can be
checked colour by colour with a tolerance. Needs Pillow, ImageMagick's convert and libwebp's cwebp.
"""
import subprocess

from PIL import Image

QUADRANTS = [(200, 60, 40), (50, 160, 80), (40, 70, 180), (230, 230, 230)]


def quadrants():
    img = Image.new("RGB", (32, 24))
    px = img.load()
    for y in range(24):
        for x in range(32):
            px[x, y] = QUADRANTS[(y // 12) * 2 + x // 16]
    return img


def main():
    quadrants().save("quadrants.png")
    rgba = quadrants().convert("RGBA")
    px = rgba.load()
    for y in range(24):
        for x in range(16):
            r, g, b, _ = px[x, y]
            px[x, y] = (r, g, b, 0)  # left half fully transparent
    rgba.save("quadrants_alpha.png")
    run = lambda *cmd: subprocess.run(cmd, check=True)
    run("convert", "quadrants.png", "-colorspace", "CMYK", "-quality", "95", "cmyk.jpg")
    run("convert", "quadrants.png", "-interlace", "JPEG", "-quality", "95", "progressive.jpg")
    # attaches a ROMM RGB profile without converting the pixels: the stored values stay the quadrants'
    romm = "/usr/share/color/icc/ghostscript/rommrgb.icc"
    run("convert", "quadrants.png", "-quality", "95", "-profile", romm, "romm_profile.jpg")
    run("convert", "quadrants.png", "-profile", romm, "romm_profile.png")
    run("cwebp", "-quiet", "-q", "95", "quadrants.png", "-o", "lossy.webp")
    run("cwebp", "-quiet", "-lossless", "quadrants.png", "-o", "lossless.webp")
    run("cwebp", "-quiet", "-lossless", "-exact", "quadrants_alpha.png", "-o", "alpha.webp")
    run("rm", "quadrants_alpha.png")


if __name__ == "__main__":
    main()
