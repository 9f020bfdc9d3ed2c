"""Writes tokenizer.json for a SigLIP folder that ships only spiece.model (the original SigLIP
uploads), so that clipstream can read its tokenizer. The result tokenises as transformers'
SiglipTokenizer does: lower case, ASCII punctuation removed, runs of whitespace collapsed, ends
stripped, then the SentencePiece unigram model with its own normaliser, and </s> appended.

    pip install tokenizers sentencepiece protobuf
    python scripts/siglip/siglip_tokenizer_json.py MODEL_DIR
"""
import json
import os
import re
import string
import sys

from sentencepiece import sentencepiece_model_pb2
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors


def convert(spiece_path):
    proto = sentencepiece_model_pb2.ModelProto()
    with open(spiece_path, "rb") as f:
        proto.ParseFromString(f.read())
    if proto.trainer_spec.model_type != 1:  # 1 = UNIGRAM
        raise SystemExit("spiece.model is not a unigram SentencePiece model")
    vocab = [(p.piece, p.score) for p in proto.pieces]
    tok = Tokenizer(models.Unigram(vocab, unk_id=proto.trainer_spec.unk_id,
                                   byte_fallback=proto.trainer_spec.byte_fallback))
    steps = [
        # SiglipTokenizer.tokenize reads a literal ▁ as a space, then canonicalize_text
        normalizers.Replace("\u2581", " "),
        normalizers.Lowercase(),
        normalizers.Replace(Regex("[" + re.escape(string.punctuation) + "]"), ""),
        normalizers.Replace(Regex(r"\s+"), " "),
        normalizers.Strip(),
    ]
    charsmap = proto.normalizer_spec.precompiled_charsmap
    if charsmap:
        steps.append(normalizers.Precompiled(charsmap))
    steps.append(normalizers.Replace(" ", "\u2581"))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    eos = proto.trainer_spec.eos_id
    eos_piece = proto.pieces[eos].piece
    tok.add_special_tokens([proto.pieces[i].piece for i in (proto.trainer_spec.pad_id, eos, proto.trainer_spec.unk_id)
                            if i >= 0])
    tok.post_processor = processors.TemplateProcessing(single="$A " + eos_piece, special_tokens=[(eos_piece, eos)])
    return tok


def main():
    folder = sys.argv[1]
    tok = convert(os.path.join(folder, "spiece.model"))
    tok.save(os.path.join(folder, "tokenizer.json"))
    print("wrote", os.path.join(folder, "tokenizer.json"))


if __name__ == "__main__":
    main()
