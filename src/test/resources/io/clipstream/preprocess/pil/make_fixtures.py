"""Writes the PIL reference fixtures of the preprocess tests into the current folder.

Run from this folder with a Python that has Pillow and numpy (see README.md). Inputs come from a
fixed linear congruential generator, so the same files come out on every run.
"""
import hashlib
import json
import os
import struct
import subprocess
import zlib

import numpy as np
from PIL import Image


def lcg_bytes(n, seed):
    out = bytearray(n)
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = (x >> 16) & 0xFF
    return bytes(out)


def noise(w, h, mode, seed):
    return Image.frombytes(mode, (w, h), lcg_bytes(w * h * len(mode), seed))


def blocks(w, h, seed):
    """Flat blocks with hard edges: a resampler's negative lobes overshoot at every edge."""
    cells = lcg_bytes(3 * 16, seed)
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            c = ((y * 4) // h) * 4 + (x * 4) // w
            px[x, y] = (cells[3 * c], cells[3 * c + 1], cells[3 * c + 2])
    return img


def convert_to_rgb(image):
    """transformers.image_transforms.convert_to_rgb (4.57 and 5.x): PIL's convert, alpha dropped."""
    if image.mode == "RGB":
        return image
    return image.convert("RGB")


def over_white(image):
    """The model folder setting "clipstream": {"alpha_background": [255, 255, 255]}: every pixel
    with transparency (alpha channel, palette transparency or colour key) over white."""
    if image.mode == "RGB" and "transparency" not in image.info:
        return image
    image_rgba = image.convert("RGBA")
    background = Image.new("RGBA", image_rgba.size, (255, 255, 255))
    return Image.alpha_composite(background, image_rgba).convert("RGB")


def png16_rgba(path, w, h, seed):
    """A 16-bit RGBA PNG (Pillow cannot write one), samples big-endian as PNG stores them."""
    data = lcg_bytes(w * h * 8, seed)
    raw = b"".join(b"\x00" + data[y * w * 8:(y + 1) * w * 8] for y in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


FILTERS = {"bicubic": Image.BICUBIC, "bilinear": Image.BILINEAR, "lanczos": Image.LANCZOS,
           "box": Image.BOX, "hamming": Image.HAMMING}

# resize cases: input name, input size, output size, filter
RESIZE = [
    ("noise97x61", (97, 61), (224, 141), "bicubic"),
    ("noise97x61", (97, 61), (41, 26), "bicubic"),
    ("noise97x61", (97, 61), (97, 13), "bicubic"),
    ("noise97x61", (97, 61), (30, 61), "bicubic"),
    ("noise97x61", (97, 61), (50, 200), "bicubic"),
    ("noise97x61", (97, 61), (224, 141), "bilinear"),
    ("noise97x61", (97, 61), (41, 26), "bilinear"),
    ("noise97x61", (97, 61), (41, 26), "lanczos"),
    ("noise97x61", (97, 61), (41, 26), "box"),
    ("noise97x61", (97, 61), (41, 26), "hamming"),
    ("blocks300x200", (300, 200), (33, 22), "bicubic"),
    ("blocks300x200", (300, 200), (224, 149), "bicubic"),
    ("blocks300x200", (300, 200), (7, 3), "bicubic"),
    ("blocks1024x768", (1024, 768), (298, 224), "bicubic"),
    ("blocks1024x768", (1024, 768), (298, 224), "bilinear"),
    ("noise5x3", (5, 3), (224, 134), "bicubic"),
    ("noise1x1", (1, 1), (3, 2), "bicubic"),
]


def clip_pixels(image, edge, crop, mean, std, white=False):
    """transformers' CLIPImageProcessor.preprocess with PIL, numpy and the default flags."""
    img = over_white(image) if white else convert_to_rgb(image)
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = edge, int(edge * long / short)
    size = (new_short, new_long) if w <= h else (new_long, new_short)
    arr = np.array(img.resize(size, Image.BICUBIC))
    hh, ww = arr.shape[:2]
    top, left = (hh - crop) // 2, (ww - crop) // 2
    if top >= 0 and left >= 0:
        arr = arr[top:top + crop, left:left + crop]
    else:  # transformers pads with zeros around a too small image, centred, then crops
        nh, nw = max(crop, hh), max(crop, ww)
        pad = np.zeros((nh, nw, 3), dtype=arr.dtype)
        tp, lp = -(-(nh - hh) // 2), -(-(nw - ww) // 2)
        pad[tp:tp + hh, lp:lp + ww] = arr
        t, l = top + tp, left + lp
        arr = pad[max(0, t):min(nh, t + crop), max(0, l):min(nw, l + crop)]
    x = (arr.astype(np.float64) * (1 / 255)).astype(np.float32)
    x = (x - np.array(mean, dtype=np.float32)) / np.array(std, dtype=np.float32)
    x = x.transpose(2, 0, 1).astype("<f4")
    return x


def main():
    manifest = {"resize": [], "convert": [], "convert_white": [], "decode": [], "pipeline": [],
                "pipeline_sha256": []}
    inputs = {
        "noise97x61": noise(97, 61, "RGB", 7),
        "blocks300x200": blocks(300, 200, 11),
        "blocks1024x768": blocks(1024, 768, 29),
        "noise5x3": noise(5, 3, "RGB", 3),
        "noise1x1": noise(1, 1, "RGB", 5),
    }
    for name, img in inputs.items():
        img.save(name + ".png")
    for name, _, (w, h), flt in RESIZE:
        out = inputs[name].resize((w, h), FILTERS[flt])
        file = "resize_%s_%dx%d_%s.png" % (name, w, h, flt)
        out.save(file)
        manifest["resize"].append({"input": name + ".png", "width": w, "height": h,
                                   "filter": flt, "expected": file})

    # convert_to_rgb: every 8-bit r with every alpha, and the usual PNG modes
    ramp = Image.new("RGBA", (256, 256))
    ramp.putdata([(x, 255 - x, (x * 7) & 255, y) for y in range(256) for x in range(256)])
    noisy = noise(40, 30, "RGBA", 13)
    la = noise(40, 30, "LA", 17)
    grey = noise(40, 30, "L", 19)
    pal = noise(40, 30, "RGB", 23).quantize(colors=16)
    pal.info["transparency"] = 3
    rgb_key = Image.new("RGB", (6, 4), (10, 20, 30))  # tRNS colour key: every (10, 20, 30) is transparent
    rgb_key.putpixel((1, 0), (200, 100, 50))
    rgb_key.info["transparency"] = (10, 20, 30)
    grey_key = Image.new("L", (6, 4), 7)
    grey_key.putpixel((2, 1), 99)
    grey_key.info["transparency"] = 7
    png16_rgba("rgba16_noise.png", 20, 15, 37)
    for file, img in [("rgba_ramp.png", ramp), ("rgba_noise.png", noisy), ("la_noise.png", la),
                      ("grey_noise.png", grey), ("palette_trns.png", pal), ("rgb_colour_key.png", rgb_key),
                      ("grey_colour_key.png", grey_key), ("rgba16_noise.png", None)]:
        if img is not None and not os.path.exists(file):
            img.save(file)  # kept when present: palette quantisation differs between Pillow versions
        reread = Image.open(file)
        expected = "rgb_of_" + file
        convert_to_rgb(reread).save(expected)
        manifest["convert"].append({"input": file, "mode": reread.mode, "expected": expected})
        white = "white_of_" + file
        over_white(Image.open(file)).save(white)
        manifest["convert_white"].append({"input": file, "mode": reread.mode, "expected": white})

    # decoding: the same picture in several encodings, as PIL decodes them (then convert_to_rgb)
    photo = Image.new("RGB", (97, 61))
    grain = lcg_bytes(97 * 61 * 3, 31)
    photo.putdata([((x * 5 + grain[3 * i] // 6) & 255, (y * 4 + grain[3 * i + 1] // 6) & 255,
                    ((x + y) * 2 + grain[3 * i + 2] // 4) & 255)
                   for i, (x, y) in enumerate((x, y) for y in range(61) for x in range(97))])
    encodings = [
        ("photo_420.jpg", dict(quality=90)),
        ("photo_444.jpg", dict(quality=90, subsampling=0)),
        ("photo_progressive.jpg", dict(quality=90, progressive=True)),
        ("photo_cmyk.jpg", dict(quality=90)),
        ("photo_lossless.webp", dict(lossless=True)),
        ("photo_lossy.webp", dict(quality=90)),
        ("photo.gif", dict()),
        ("photo.bmp", dict()),
    ]
    for file, params in encodings:
        if not os.path.exists(file):  # kept when present: encoders differ between library versions
            (photo.convert("CMYK") if "cmyk" in file else photo).save(file, **params)
    # ImageMagick stores CMYK as YCCK (Adobe transform 2), a path of its own in JPEG decoders
    if not os.path.exists("photo_ycck.jpg"):
        subprocess.run(["convert", "photo_444.jpg", "-colorspace", "CMYK", "-quality", "90", "photo_ycck.jpg"],
                       check=True)
    for file in [f for f, _ in encodings] + ["photo_ycck.jpg"]:
        decoded = Image.open(file)
        expected = "decoded_" + file.replace(".", "_") + ".png"
        convert_to_rgb(decoded).save(expected)
        manifest["decode"].append({"input": file, "mode": decoded.mode,
                                   "adobe_transform": decoded.info.get("adobe_transform"),
                                   "expected": expected})

    # the whole CLIPImageProcessor on a few configurations, as transformers computes it with numpy
    mean = [0.48145466, 0.4578275, 0.40821073]
    std = [0.26862954, 0.26130258, 0.27577711]
    for src, edge, crop, white in [("rgba_noise.png", 32, 32, False), ("rgba_noise.png", 32, 32, True),
                                   ("noise97x61.png", 40, 32, False), ("noise5x3.png", 24, 16, False),
                                   ("blocks300x200.png", 20, 24, False)]:
        x = clip_pixels(Image.open(src), edge, crop, mean, std, white)
        file = "pipeline_%s_edge%d_crop%d%s.f32" % (src[:-4], edge, crop, "_white" if white else "")
        x.tofile(file)
        case = {"input": src, "shortest_edge": edge, "crop": crop, "expected": file}
        if white:
            case["alpha_background"] = [255, 255, 255]
        manifest["pipeline"].append(case)

    # the default CLIP configuration (224) at full size; a SHA-256 of the float32 bytes keeps it small
    for src in ["blocks1024x768.png", "noise97x61.png", "rgba_noise.png", "la_noise.png"]:
        x = clip_pixels(Image.open(src), 224, 224, mean, std)
        manifest["pipeline_sha256"].append({"input": src, "shortest_edge": 224, "crop": 224,
                                            "sha256": hashlib.sha256(x.tobytes()).hexdigest()})

    with open("manifest.json", "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
