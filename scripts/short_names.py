#!/usr/bin/env python3
"""Short names for the names wasm-bindgen gives the glue between a wasm file
and its JavaScript (issue 21, first-load size).

wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and some
exports `wasm_bindgen__convert__closures_____invoke__h<16 hex>`: the page's
141 imports carry their hash twice (in the wasm's import section and in the
JavaScript's import object), and hashes do not compress — 5.2 KB of the
first load, gzipped. This renames them, in the wasm and in its JavaScript
alike, to `a`, `b`, … `ba`, …; the module name `./X_bg.js` becomes `a` too.
Names the page calls across modules (a module's own exports, such as
`mount` or `compare_replay`) are left alone: only wasm-bindgen's plumbing
is renamed.

    python3 scripts/short_names.py FILE_bg.wasm FILE.js   (in place)
"""
import re
import sys

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The plumbing: names only the glue itself uses.
PLUMBING = re.compile(r"^(__wbg|__wbindgen|__externref|wasm_bindgen__)")


def read_leb(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def leb(value):
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | 0x80 if value else low)
        if not value:
            return bytes(out)


def name(text):
    raw = text.encode()
    return leb(len(raw)) + raw


def read_name(data, at):
    length, at = read_leb(data, at)
    return data[at:at + length].decode(), at + length


def short(k):
    """The k-th short name: a … Z, aa, ab, …"""
    out = ""
    while True:
        out = LETTERS[k % len(LETTERS)] + out
        k = k // len(LETTERS) - 1
        if k < 0:
            return out


def skip_limits(data, at):
    flags = data[at]
    _, at = read_leb(data, at + 1)
    return read_leb(data, at)[1] if flags & 1 else at


def rename(wasm):
    """The wasm with its plumbing renamed, and {old name: new name}."""
    if wasm[:8] != b"\0asm\x01\0\0\0":
        raise ValueError("not a wasm module (version 1)")
    out, at, names, module = bytearray(wasm[:8]), 8, {}, None
    fresh = lambda old: names.setdefault(old, short(len(names)))
    while at < len(wasm):
        section = wasm[at]
        size, start = read_leb(wasm, at + 1)
        body, at = wasm[start:start + size], start + size
        if section == 2:  # imports: module, field, kind, descriptor
            count, p = read_leb(body, 0)
            new = bytearray(leb(count))
            for _ in range(count):
                mod, p = read_name(body, p)
                field, p = read_name(body, p)
                kind, d = body[p], p + 1
                if kind == 0:
                    _, p = read_leb(body, d)
                elif kind == 1:
                    p = skip_limits(body, d + 1)
                elif kind == 2:
                    p = skip_limits(body, d)
                elif kind == 3:
                    p = d + 2
                else:
                    raise ValueError(f"unknown import kind {kind}")
                if mod.endswith("_bg.js"):
                    module = module or mod
                    mod = "a"
                if PLUMBING.match(field):
                    field = fresh(field)
                new += name(mod) + name(field) + body[d - 1:p]
            body = bytes(new)
        elif section == 7:  # exports: name, kind, index
            count, p = read_leb(body, 0)
            new = bytearray(leb(count))
            for _ in range(count):
                field, p = read_name(body, p)
                kind = body[p]
                _, end = read_leb(body, p + 1)
                new += name(fresh(field) if PLUMBING.match(field) else field) + body[p:end]
                p = end
            body = bytes(new)
        out += bytes([section]) + leb(len(body)) + body
    return bytes(out), names, module


def rewrite_js(js, names, module):
    for old, new in names.items():
        js, count = re.subn(r"\b" + re.escape(old) + r"\b", new, js)
        if count == 0:
            raise ValueError(f"{old} is not in the JavaScript")
    if module:
        quoted = f'"{module}"'
        if quoted not in js:
            raise ValueError(f"the JavaScript does not import {module}")
        js = js.replace(quoted, '"a"')
    return js


def main(wasm_path, js_path):
    with open(wasm_path, "rb") as f:
        wasm, names, module = rename(f.read())
    with open(js_path, encoding="utf-8") as f:
        js = rewrite_js(f.read(), names, module)
    with open(wasm_path, "wb") as f:
        f.write(wasm)
    with open(js_path, "w", encoding="utf-8") as f:
        f.write(js)
    return len(names)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(f"short_names.py: {main(sys.argv[1], sys.argv[2])} names shortened")
