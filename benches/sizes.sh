#!/usr/bin/env bash
# The largest source files and the longest functions in src/ (lines, test modules
# included in a file's count; a function runs from its `fn` line to its closing brace).
#
#   bash benches/sizes.sh        # the five of each
#   N=20 bash benches/sizes.sh   # more
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-5}" exec python3 - <<'PY'
import os, re
n = int(os.environ["N"])
files, fns = [], []
for root, _, names in os.walk("src"):
    for name in names:
        if not name.endswith(".rs"):
            continue
        path = os.path.join(root, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        files.append((len(lines) - (lines[-1] == ""), path))
        i = 0
        while i < len(lines):
            m = re.match(r"\s*(?:pub(?:\([a-z]+\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)", lines[i])
            if not m:
                i += 1
                continue
            depth, opened, j = 0, False, i
            while j < len(lines):
                code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])\'|//.*', "", lines[j])
                depth += code.count("{") - code.count("}")
                opened = opened or "{" in code
                if opened and depth <= 0 or (not opened and code.rstrip().endswith(";")):
                    break
                j += 1
            if opened:
                fns.append((j - i + 1, "%s:%d %s" % (path, i + 1, m.group(1))))
            i += 1
print("largest files:")
for count, path in sorted(files, reverse=True)[:n]:
    print("  %5d  %s" % (count, path))
print("longest functions:")
for count, where in sorted(fns, reverse=True)[:n]:
    print("  %5d  %s" % (count, where))
PY
