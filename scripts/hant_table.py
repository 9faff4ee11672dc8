#!/usr/bin/env python3
"""Writes src/i18n/hant.txt: how the interface's Simplified Chinese becomes
Traditional Chinese as Taiwan writes it (OpenCC's s2twp: 連線, 伺服器, 傳送,
資料, 預設…, the words of the course note in Traditional characters; see
../shared/GLOSSARY.md), for every string the sources hold.

Run by hand when Chinese text changes (`pip install opencc`); the build only
reads the table. The page converts at run time, with the table in
hant-*.js (loaded only when Traditional is shown), and the CLI with the same
table (src/i18n/hant.rs), so both read:

  phrases, one per line: SIMPLIFIED<TAB>TRADITIONAL (longest first wins)
  a line "--"
  characters, pairs run together: 个個为為…

Phrases come from where a character-for-character mapping would differ from
OpenCC's conversion of a whole string in the sources (a word changes: 数据 →
資料, 连接 → 連線), cut to the smallest window that decides it.
"""
import difflib
import glob
import re
import sys

import opencc

# Where the course note in Traditional characters (seed 003) has a word of
# its own, it wins over Taiwan's usage (GLOSSARY.md): it keeps 超時.
SEED_003 = {"超时": "超時", "报文": "報文"}

HAN = re.compile(r"[\u4e00-\u9fff]")
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def literals():
    for path in sorted(glob.glob("src/**/*.rs", recursive=True)):
        if path.endswith("hant.rs"):
            continue
        with open(path, encoding="utf-8") as f:
            for lit in LITERAL.findall(f.read()):
                if HAN.search(lit):
                    yield lit[1:-1]


def main():
    tw = opencc.OpenCC("s2twp")
    texts = sorted(set(literals()))
    chars = {}
    for text in texts:
        for c in text:
            if HAN.match(c) and c not in chars:
                t = tw.convert(c)
                if len(t) == 1 and t != c:
                    chars[c] = t
    phrases = dict(SEED_003)

    def convert(text):
        out, i = [], 0
        keys = sorted(phrases, key=len, reverse=True)
        while i < len(text):
            for k in keys:
                if text.startswith(k, i):
                    out.append(phrases[k])
                    i += len(k)
                    break
            else:
                out.append(chars.get(text[i], text[i]))
                i += 1
        return "".join(out)

    def wanted(text):
        # OpenCC on the text, with seed 003's own words kept.
        for s, t in SEED_003.items():
            text = text.replace(s, "\x00" + t + "\x01")
        parts = re.split("(\x00[^\x01]*\x01)", text)
        return "".join(p[1:-1] if p.startswith("\x00") else tw.convert(p) for p in parts)

    for round_ in range(12):
        wrong = 0
        for text in texts:
            want, got = wanted(text), convert(text)
            if want == got:
                continue
            wrong += 1
            matcher = difflib.SequenceMatcher(a=got, b=want, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    continue
                # The window that decides it: the changed run and its Han neighbours.
                a, b = i1, max(i2, i1 + 1)
                # Wider each round a window did not settle it.
                while a > 0 and HAN.match(text[a - 1]) and b - a < 2 + round_:
                    a -= 1
                while b < len(text) and HAN.match(text[b]) and b - a < 3 + round_:
                    b += 1
                key = text[a:b]
                value = wanted(key)
                if HAN.search(key) and value != convert(key):
                    phrases[key] = value
        if not wrong:
            break
    left = [t for t in texts if wanted(t) != convert(t)]
    for t in left:
        print("still differs:", t, "→", convert(t), "≠", wanted(t), file=sys.stderr)
    with open("src/i18n/hant.txt", "w", encoding="utf-8") as f:
        for k in sorted(phrases, key=lambda k: (-len(k), k)):
            f.write(f"{k}\t{phrases[k]}\n")
        f.write("--\n")
        f.write("".join(c + chars[c] for c in sorted(chars)) + "\n")
    print(f"{len(phrases)} phrases, {len(chars)} characters; {len(left)} strings still differ", file=sys.stderr)


if __name__ == "__main__":
    main()
