#!/usr/bin/env python3
"""Images/s of Python's usual CLIP preprocessing paths on a folder of photos, one thread.

The yardsticks for `clipstream bench preprocess --images DIR` on the same files:
  pil-decode         Pillow (libjpeg-turbo) decode to RGB only
  pil-transformers   as transformers' CLIPImageProcessor does it with PIL and numpy
  pil-lean           open, convert, resize, crop, normalise
  pil-draft          the same with JPEG draft mode (DCT-domain downscaling)
  cv2-decode         OpenCV decode only (IMREAD_COLOR)
  cv2-reduced        OpenCV reduced decoding (IMREAD_REDUCED_COLOR_2) + resize + crop + normalise

Needs Pillow, numpy and opencv-python-headless. Example:
  clipstream bench preprocess --save-photos /tmp/photos
  python3 bench/preprocess_compare.py /tmp/photos --seconds 8
"""
import argparse
import hashlib
import io
import json
import os
import sys
import time

import cv2
import numpy as np
from PIL import Image

MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)


def target(w, h, edge):
    short, long = (w, h) if w <= h else (h, w)
    new_long = int(edge * long / short)
    return (edge, new_long) if w <= h else (new_long, edge)


def crop_normalise(arr, crop):
    hh, ww = arr.shape[:2]
    top, left = (hh - crop) // 2, (ww - crop) // 2
    arr = arr[top:top + crop, left:left + crop]
    x = (arr.astype(np.float64) * (1 / 255)).astype(np.float32)
    x = (x - MEAN) / STD
    return x.transpose(2, 0, 1).astype("<f4")


def pil_decode(data, edge, crop):
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def pil_transformers(data, edge, crop):
    # transformers: PIL image -> numpy, back to PIL for the resize, numpy for the rest
    img = Image.open(io.BytesIO(data)).convert("RGB")
    arr = np.array(img)
    img = Image.fromarray(arr)
    arr = np.array(img.resize(target(img.width, img.height, edge), Image.BICUBIC))
    return crop_normalise(arr, crop)


def pil_lean(data, edge, crop):
    img = Image.open(io.BytesIO(data)).convert("RGB")
    return crop_normalise(np.asarray(img.resize(target(img.width, img.height, edge), Image.BICUBIC)), crop)


def pil_draft(data, edge, crop):
    img = Image.open(io.BytesIO(data))
    w, h = img.size
    img.draft("RGB", (max(1, w * edge // min(w, h)), max(1, h * edge // min(w, h))))
    img = img.convert("RGB")
    return crop_normalise(np.asarray(img.resize(target(img.width, img.height, edge), Image.BICUBIC)), crop)


def cv2_decode(data, edge, crop):
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)


def cv2_reduced(data, edge, crop):
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_COLOR_2)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    h, w = rgb.shape[:2]
    return crop_normalise(cv2.resize(rgb, target(w, h, edge), interpolation=cv2.INTER_AREA), crop)


PATHS = [pil_decode, pil_transformers, pil_lean, pil_draft, cv2_decode, cv2_reduced]


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def rate(fn, photos, seconds, edge, crop):
    for data in photos[:20]:
        fn(data, edge, crop)
    done = 0
    start = time.perf_counter()
    cpu0 = time.thread_time()
    while time.perf_counter() - start < seconds:
        fn(photos[done % len(photos)], edge, crop)
        done += 1
    wall = time.perf_counter() - start
    return done / wall, done / (time.thread_time() - cpu0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("images", help="folder of photos")
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--edge", type=int, default=224)
    ap.add_argument("--crop", type=int, default=224)
    ap.add_argument("--only", nargs="*", help="names of the paths to run (default: all)")
    ap.add_argument("--hashes", help="write the SHA-256 of pil-transformers' float32 tensor per file to this JSON file")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    names = sorted(f for f in os.listdir(args.images) if os.path.isfile(os.path.join(args.images, f)))
    photos = [open(os.path.join(args.images, f), "rb").read() for f in names]
    print(f"python {sys.version.split()[0]}, Pillow {Image.__version__}, OpenCV {cv2.__version__}, numpy {np.__version__}; "
          f"{len(photos)} photos, {sum(map(len, photos)) / len(photos) / 1024:.1f} KB mean, one thread")
    if args.hashes:
        out = {n: hashlib.sha256(pil_transformers(d, args.edge, args.crop).tobytes()).hexdigest() for n, d in zip(names, photos)}
        with open(args.hashes, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
    for fn in PATHS:
        name = fn.__name__.replace("_", "-")
        if args.only and name not in args.only:
            continue
        wall, cpu = rate(fn, photos, args.seconds, args.edge, args.crop)
        print(f"{name:18s} {wall:8.1f} images/s  ({cpu:8.1f} per CPU second) [load average {load()}]", flush=True)


if __name__ == "__main__":
    main()
