#!/usr/bin/env bash
# The crate's import graph, read from the source (no cargo-modules needed):
#
#   bash benches/imports.sh          # summary: upward edges, import cycles
#   bash benches/imports.sh -v       # also each module and the crate modules it uses
#
# It reads every `use crate::…` / `use super::…` tree and every inline `crate::…`
# path in src/ (the binary's `pathfolio::…` paths count as `crate::…`), leaving out
# `#[cfg(test)]` modules. An edge is "upward" when a module uses a top-level module
# of a later stage than its own; the stages are the LAYERS table below, which is the
# layering rule of docs/architecture.md. Cycles are strongly connected groups of
# top-level modules, and of sibling modules inside one top-level module (a child
# using its parent's mod.rs, and the parent using it, is not counted).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "$@" <<'PY'
import os, re, sys

# Stage of each top-level module: a module may use its own stage and earlier ones.
LAYERS = [
    ["text", "diag"],
    ["load"],
    ["model"],
    ["site"],
    ["markdown"],
    ["audience"],
    ["media"],
    ["validate"],
    ["compute"],
    ["render"],
    ["write"],
    ["pipeline"],
    ["serve", "archive", "export", "import", "report", "scaffold", "exposure"],
    ["cmd", "cli", "main", "lib"],
]
RANK = {m: i for i, layer in enumerate(LAYERS) for m in layer}
verbose = "-v" in sys.argv[1:]

def module_of(path):
    rel = os.path.relpath(path, "src")[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    return tuple(rel)

def strip(text):
    # Cut the test module (at the end of a file by this crate's habit) and comments.
    m = re.search(r"^\s*#\[cfg\(test\)\]\s*\n\s*mod\s", text, re.M)
    if m:
        text = text[: m.start()]
    out = []
    for line in text.split("\n"):
        i = line.find("//")
        while i != -1 and line[:i].count('"') % 2 == 1:
            i = line.find("//", i + 2)
        out.append(line if i == -1 else line[:i])
    return "\n".join(out)

def expand(tree):
    """`a::{b, c::{d, e}}` → [a::b, a::c::d, a::c::e]."""
    tree = re.sub(r"\s+", "", tree)
    depth, start, parts = 0, 0, []
    for i, ch in enumerate(tree):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(tree[start:i]); start = i + 1
    parts.append(tree[start:])
    result = []
    for p in parts:
        if not p:
            continue
        b = p.find("{")
        if b == -1:
            result.append(re.sub(r"\bas\w+$", "", p))
        else:
            prefix = p[:b]
            for inner in expand(p[b + 1 : p.rfind("}")]):
                result.append(prefix + inner)
    return result

files = []
for root, _, names in os.walk("src"):
    for n in names:
        if n.endswith(".rs"):
            files.append(os.path.join(root, n))
modules = {module_of(f) for f in files}
binary = {("main",), ("cli",)} | {m for m in modules if m[0] == "cmd"}

def resolve(mod, is_dir, segs):
    base = list(mod) if is_dir else list(mod[:-1])  # the module `super`/`self` refer from
    here = list(mod)
    path = []
    first = True
    for s in segs:
        if first and s in ("crate", "pathfolio"):
            path = []
        elif first and s == "self":
            path = here
        elif s == "super":
            path = (path if not first else here)[:-1]
        else:
            path = path + [s]
        first = False
    # the longest prefix that is a module
    for k in range(len(path), 0, -1):
        if tuple(path[:k]) in modules:
            return tuple(path[:k])
    return None

edges = {}
for f in sorted(files):
    mod = module_of(f)
    is_dir = f.endswith("mod.rs")
    text = strip(open(f, encoding="utf-8").read())
    uses = []
    in_binary = mod in binary
    root_words = "crate|super|self" + ("|pathfolio" if in_binary else "")
    for m in re.finditer(r"\buse\s+((?:%s)::[^;]*);" % root_words, text, re.S):
        uses += expand(m.group(1))
    text = re.sub(r"\buse\s+[^;]*;", "", text, flags=re.S)
    inline_words = "crate|super" + ("|pathfolio" if in_binary else "")
    for m in re.finditer(r"\b((?:%s)(?:::\w+)+)" % inline_words, text):
        uses.append(m.group(1))
    targets = set()
    for u in uses:
        t = resolve(mod, is_dir, u.split("::"))
        if t and t != mod:
            targets.add(t)
    edges[mod] = targets

def top(m):
    return m[0] if m else "lib"

def sccs(nodes, succ):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in succ.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop(); on.discard(w); group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))
    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out

# Top-level graph.
top_succ = {}
for m, ts in edges.items():
    for t in ts:
        if top(t) != top(m):
            top_succ.setdefault(top(m), set()).add(top(t))
upward = []
for m, ts in sorted(edges.items()):
    for t in sorted(ts):
        a, b = top(m), top(t)
        if a != b and RANK.get(b, 99) > RANK.get(a, 99):
            upward.append(("::".join(m) or "lib", "::".join(t)))

# Sibling graphs inside each top-level module (children at depth 2).
child_cycles = []
for parent in sorted({m[0] for m in modules if m}):
    succ = {}
    for m, ts in edges.items():
        if len(m) >= 2 and m[0] == parent:
            for t in ts:
                if len(t) >= 2 and t[0] == parent and t[1] != m[1]:
                    succ.setdefault(m[1], set()).add(t[1])
    for g in sccs(set(succ) | {x for s in succ.values() for x in s}, succ):
        child_cycles.append(parent + "::{" + ", ".join(g) + "}")

top_cycles = sccs(set(top_succ) | {x for s in top_succ.values() for x in s}, top_succ)

if verbose:
    print("## modules and the crate modules they use")
    for m in sorted(edges):
        print("%-28s %s" % ("::".join(m) or "lib", ", ".join(sorted("::".join(t) for t in edges[m]))))
    print()
    print("## top-level modules")
    for m in sorted(top_succ):
        print("%-12s → %s" % (m, ", ".join(sorted(top_succ[m]))))
    print()
print("upward edges: %d" % len(upward))
for a, b in upward:
    print("  %s → %s" % (a, b))
print("import cycles between top-level modules: %d" % len(top_cycles))
for g in top_cycles:
    print("  {" + ", ".join(g) + "}")
print("import cycles between sibling modules: %d" % len(child_cycles))
for g in child_cycles:
    print("  " + g)
PY
