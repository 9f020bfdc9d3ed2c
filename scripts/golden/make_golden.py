"""Writes the golden fixtures of the model-family tests: tiny random checkpoints in exact Hugging
Face layout, the test images and texts, and what transformers itself computes for them.

Run with a Python that has torch, transformers, pillow and safetensors (see README.md):

    python scripts/golden/make_golden.py src/test/resources/io/clipstream/golden

Everything is seeded, so a rerun with the same library versions rewrites identical files.
"""
import io
import json
import os
import sys

import numpy as np
import torch
import transformers
from PIL import Image
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import (AutoImageProcessor, AutoModel, AutoTokenizer, BertTokenizerFast,
                          ChineseCLIPConfig, CLIPConfig, PreTrainedTokenizerFast, SiglipConfig)

CORPUS = [
    "a photo of a cat", "a photo of a dog", "a red car on the road", "a small blue bird",
    "two cats sleeping on a sofa", "a bowl of fruit", "the sky at night with stars",
    "a person riding a bicycle", "a green tree in a field", "an old house by the sea",
]
TEXTS = [
    "a photo of a cat",
    "a red car",
    "zqxv unknownword blorp",
    "一只猫的照片",
    "a very long caption about a small blue bird sitting in a green tree in a field next to an old house"
    " by the sea at night with stars in the sky and two cats sleeping on a sofa",
    "",
]
CONTEXT = 16


def lcg_bytes(n, seed):
    out = bytearray(n)
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = (x >> 16) & 0xFF
    return bytes(out)


def write_images(folder):
    """Each test image as a file; returns the file names in order."""
    os.makedirs(folder, exist_ok=True)
    files = []

    def save(name, img, **params):
        img.save(os.path.join(folder, name), **params)
        files.append(name)

    rgba = Image.frombytes("RGBA", (24, 20), lcg_bytes(24 * 20 * 4, 3))
    px = rgba.load()
    for y in range(20):
        for x in range(24):
            r, g, b, a = px[x, y]
            px[x, y] = (r, g, b, 0 if x < 8 else (128 if x < 16 else 255))  # hidden colours under alpha 0
    save("transparent.png", rgba)
    pal = Image.frombytes("RGB", (20, 18), lcg_bytes(20 * 18 * 3, 5)).quantize(colors=12)
    pal.info["transparency"] = 2
    save("palette_trns.png", pal, transparency=2)
    save("grey.png", Image.frombytes("L", (19, 23), lcg_bytes(19 * 23, 7)))
    smooth = Image.new("RGB", (22, 22))
    smooth.putdata([((x * 11) & 255, (y * 11) & 255, ((x + y) * 5) & 255) for y in range(22) for x in range(22)])
    save("cmyk.jpg", smooth.convert("CMYK"), quality=95)
    save("wide.png", Image.frombytes("RGB", (61, 13), lcg_bytes(61 * 13 * 3, 11)))
    save("tall.png", Image.frombytes("RGB", (9, 47), lcg_bytes(9 * 47 * 3, 13)))
    return files


def bpe_tokenizer():
    """A tiny byte-level BPE in CLIP's shape (lower-casing, words ending in </w>, start and end of
    text around every text), built from a fixed vocabulary and merge list so that reruns agree."""
    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    vocab = {}
    for ch in alphabet:
        vocab[ch] = len(vocab)
    for ch in alphabet:
        vocab[ch + "</w>"] = len(vocab)
    merges = [("p", "h"), ("ph", "o"), ("t", "o</w>"), ("pho", "to</w>"), ("c", "a"), ("ca", "t</w>"),
              ("o", "f</w>"), ("r", "e"), ("re", "d</w>"), ("ca", "r</w>"), ("d", "o"), ("do", "g</w>"),
              ("t", "h"), ("th", "e</w>"), ("i", "n"), ("in", "g</w>")]
    for left, right in merges:
        vocab.setdefault(left + right, len(vocab))
    vocab["<|startoftext|>"] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges, end_of_word_suffix="</w>"))
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens(["<|startoftext|>", "<|endoftext|>"])
    bos, eos = vocab["<|startoftext|>"], vocab["<|endoftext|>"]
    tok.post_processor = processors.TemplateProcessing(
        single="<|startoftext|> $A <|endoftext|>", special_tokens=[("<|startoftext|>", bos), ("<|endoftext|>", eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|startoftext|>", eos_token="<|endoftext|>",
                                   pad_token="<|endoftext|>", unk_token="<|endoftext|>", model_max_length=CONTEXT)
    return fast, eos


def unigram_tokenizer():
    """A tiny SentencePiece-style unigram in SigLIP's shape (end of text appended, padding with the
    end of text token), built from fixed pieces and scores so that reruns agree."""
    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581", -2.0)]
    pieces += [(c, -4.0 - i * 0.01) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")]
    pieces += [("\u2581" + w, -3.0 - i * 0.1) for i, w in enumerate(
        ["a", "photo", "of", "cat", "dog", "red", "car", "the", "small", "blue", "bird", "in"])]
    pieces += [("ing", -3.5), ("er", -3.6), ("s", -3.7)]
    tok = Tokenizer(models.Unigram(pieces, unk_id=2, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.Lowercase(), normalizers.Replace(" ", "\u2581")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    tok.add_special_tokens(["<pad>", "</s>", "<unk>"])
    eos = 1
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="</s>", pad_token="</s>", unk_token="<unk>",
                                   model_max_length=CONTEXT)
    return fast, eos


def wordpiece_tokenizer(folder):
    """BERT WordPiece from a vocab.txt with CJK characters, as Chinese-CLIP ships it."""
    words = sorted({w for line in CORPUS for w in line.split()})
    extra = ["##s", "##ing", "##ed", "##a", "##t", "一", "只", "猫", "的", "照", "片", "狗", "c", "x"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words + [t for t in extra if t not in words]
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "vocab.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    fast = BertTokenizerFast(vocab=path, do_lower_case=True, tokenize_chinese_chars=True, model_max_length=CONTEXT)
    # the pure-Python BERT tokenizer on vocab.txt alone must give the same ids
    from transformers.models.bert.tokenization_bert_legacy import BertTokenizerLegacy as VocabOnlyBertTokenizer
    slow = VocabOnlyBertTokenizer(path, do_lower_case=True, tokenize_chinese_chars=True, model_max_length=CONTEXT)
    for text in TEXTS:
        a = fast(text, truncation=True, max_length=CONTEXT)["input_ids"]
        b = slow(text, truncation=True, max_length=CONTEXT)["input_ids"]
        assert a == b, (text, a, b)
    return fast, vocab


def tower(hidden=8, layers=2, heads=2, inner=16, **extra):
    return dict(hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads, intermediate_size=inner,
                **extra)


def perturb(model, seed):
    """transformers' init is nearly flat at these sizes; spread every weight so each term matters."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name in ("logit_scale", "logit_bias"):
                continue
            if name.endswith("weight") and p.dim() == 1:  # layer norms
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.3 * torch.randn(p.shape, generator=g))


def build(family, folder):
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(0)
    if family == "clip":
        tok, eos = bpe_tokenizer()
        config = CLIPConfig(text_config=tower(vocab_size=len(tok), max_position_embeddings=CONTEXT,
                                              eos_token_id=eos, bos_token_id=tok.bos_token_id, pad_token_id=eos,
                                              hidden_act="quick_gelu"),
                            vision_config=tower(image_size=16, patch_size=4, hidden_act="quick_gelu"),
                            projection_dim=8)
        processor = {"image_processor_type": "CLIPImageProcessor", "size": {"shortest_edge": 16},
                     "crop_size": {"height": 16, "width": 16}, "do_center_crop": True, "do_resize": True,
                     "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True, "do_convert_rgb": True,
                     "image_mean": [0.48145466, 0.4578275, 0.40821073],
                     "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3}
    elif family == "siglip":
        tok, eos = unigram_tokenizer()
        config = SiglipConfig(text_config=tower(vocab_size=len(tok), max_position_embeddings=CONTEXT,
                                                eos_token_id=eos, pad_token_id=eos, bos_token_id=None,
                                                projection_size=8),
                              vision_config=tower(image_size=16, patch_size=4))
        processor = {"image_processor_type": "SiglipImageProcessor", "size": {"height": 16, "width": 16},
                     "do_resize": True, "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True,
                     "do_convert_rgb": True, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5],
                     "resample": 3}
    elif family == "chinese_clip":
        tok, _ = wordpiece_tokenizer(folder)
        config = ChineseCLIPConfig(text_config=tower(vocab_size=len(tok), max_position_embeddings=CONTEXT,
                                                     type_vocab_size=2, pad_token_id=0, hidden_act="gelu"),
                                   vision_config=tower(image_size=16, patch_size=4, hidden_act="quick_gelu"),
                                   projection_dim=8)
        processor = {"image_processor_type": "ChineseCLIPImageProcessor", "size": {"shortest_edge": 16},
                     "crop_size": {"height": 16, "width": 16}, "do_center_crop": True, "do_resize": True,
                     "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True, "do_convert_rgb": True,
                     "image_mean": [0.48145466, 0.4578275, 0.40821073],
                     "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3}
    else:
        raise ValueError(family)
    model = AutoModel.from_config(config).eval()
    perturb(model, 1)
    if family == "siglip":
        with torch.no_grad():
            model.logit_scale.fill_(2.3)
            model.logit_bias.fill_(-1.5)
    model.save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
        json.dump(processor, f, indent=2)
        f.write("\n")
    return model


def run(family, folder, images_dir, image_files):
    model = AutoModel.from_pretrained(folder).eval()
    tok = AutoTokenizer.from_pretrained(folder)
    proc = AutoImageProcessor.from_pretrained(folder, backend="pil")
    images = [Image.open(os.path.join(images_dir, f)) for f in image_files]
    pixels = proc(images=images, return_tensors="pt")["pixel_values"]
    if family == "siglip":
        enc = tok(TEXTS, padding="max_length", truncation=True, max_length=CONTEXT, return_tensors="pt")
        inputs = dict(input_ids=enc["input_ids"])  # as the google checkpoints are used: no attention mask
    else:
        enc = tok(TEXTS, padding=True, truncation=True, max_length=CONTEXT, return_tensors="pt")
        inputs = dict(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"])
        if family == "chinese_clip":
            inputs["token_type_ids"] = enc["token_type_ids"]
    with torch.no_grad():
        out = model(pixel_values=pixels, **inputs)
    logits = out.logits_per_image
    probs = torch.sigmoid(logits) if family == "siglip" else logits.softmax(dim=1)
    mask = enc["attention_mask"].tolist()
    ids = [[i for i, m in zip(row, mrow) if m] for row, mrow in zip(enc["input_ids"].tolist(), mask)]
    pixels.numpy().astype("<f4").tofile(os.path.join(folder, "..", "pixel_values.f32"))
    return {
        "family": family,
        "transformers": transformers.__version__, "torch": torch.__version__,
        "images": image_files,
        "texts": TEXTS,
        "token_ids": ids,
        "pixel_values": "pixel_values.f32",
        "image_embeds": out.image_embeds.tolist(),
        "text_embeds": out.text_embeds.tolist(),
        "logits_per_image": logits.tolist(),
        "probabilities": probs.tolist(),
        "probability_rule": "sigmoid" if family == "siglip" else "softmax over texts",
    }


SPM_TEXTS = TEXTS + ["A Photo, of a CAT!!", "  spaces   and\ttabs  ", "red-car's \"quote\"", "a \u2581 b", "Caf\u00e9 1,000.50 $"]


def train_spiece(folder, normalization):
    import sentencepiece as spm
    corpus = os.path.join(folder, "corpus.txt")
    with open(corpus, "w") as f:
        f.write("\n".join(CORPUS * 10) + "\n")
    spm.SentencePieceTrainer.train(input=corpus, model_prefix=os.path.join(folder, "spiece"), vocab_size=40,
                                   model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1, num_threads=1,
                                   normalization_rule_name=normalization, minloglevel=2)
    os.remove(corpus)
    os.remove(os.path.join(folder, "spiece.vocab"))
    return os.path.join(folder, "spiece.model")


def siglip_ids(spiece, texts):
    """What transformers' SiglipTokenizer gives, and what the converted tokenizer.json gives."""
    from transformers import SiglipTokenizer
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "siglip"))
    import siglip_tokenizer_json
    slow = SiglipTokenizer(vocab_file=spiece, model_max_length=CONTEXT)
    fast = siglip_tokenizer_json.convert(spiece)
    want = [slow(t, truncation=True, max_length=CONTEXT)["input_ids"] for t in texts]
    got = []
    for t in texts:
        ids = fast.encode(t).ids
        got.append(ids[:CONTEXT - 1] + [ids[-1]] if len(ids) > CONTEXT else ids)
    return want, got, fast


def siglip_sentencepiece(folder):
    """A SentencePiece-only SigLIP tokenizer (spiece.model, as the original uploads ship), what
    transformers' SiglipTokenizer makes of the texts, and tokenizer.json written from it by
    scripts/siglip/siglip_tokenizer_json.py, which must give the same ids.

    The conversion is checked here on a model with SentencePiece's usual nmt_nfkc normaliser (as
    the SigLIP uploads have); the committed one uses the identity normaliser, whose map would
    otherwise make the files 500 KB, and so leaves out texts that start with whitespace (the
    identity normaliser keeps a lone leading piece there that nmt_nfkc removes)."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        want, got, _ = siglip_ids(train_spiece(tmp, "nmt_nfkc"), SPM_TEXTS)
        assert got == want, list(zip(SPM_TEXTS, got, want))
    os.makedirs(folder, exist_ok=True)
    texts = [t for t in SPM_TEXTS if t == t.lstrip()]
    want, got, fast = siglip_ids(train_spiece(folder, "identity"), texts)
    assert got == want, list(zip(texts, got, want))
    fast.save(os.path.join(folder, "tokenizer.json"))
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"transformers": transformers.__version__, "texts": texts, "token_ids": want,
                   "context": CONTEXT}, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    images_dir = os.path.join(root, "images")
    image_files = write_images(images_dir)
    for family in ["clip", "siglip", "chinese_clip"]:
        folder = os.path.join(root, family, "model")
        build(family, folder)
        expected = run(family, folder, images_dir, image_files)
        with open(os.path.join(root, family, "expected.json"), "w") as f:
            json.dump(expected, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(family, "written")
    siglip_sentencepiece(os.path.join(root, "siglip_sentencepiece"))
    print("siglip_sentencepiece written")


if __name__ == "__main__":
    main()
