#!/usr/bin/env python3
"""Prints the test counts of a meson test run, suite by suite, and a final
'N passed, N failed' line. A Check program counts its test cases, a TAP
test its ok/not ok lines, anything else counts once."""
import json
import re
import sys

CHECK = re.compile(r"^\d+%: Checks: (\d+), Failures: (\d+), Errors: (\d+)", re.M)
TAP = re.compile(r"^(not ok|ok)\b", re.M)


def count(entry):
    out = entry.get("stdout") or ""
    checks = CHECK.findall(out)
    if checks:
        total = sum(int(c[0]) for c in checks)
        bad = sum(int(c[1]) + int(c[2]) for c in checks)
        bad = max(bad, 0 if entry["result"] == "OK" else 1)
        return total - min(bad, total), bad
    taps = TAP.findall(out)
    if taps:
        bad = sum(1 for t in taps if t == "not ok")
        if entry["result"] != "OK" and bad == 0:
            bad = 1
        return len(taps) - sum(1 for t in taps if t == "not ok"), bad
    return (1, 0) if entry["result"] in ("OK", "SKIP") else (0, 1)


def main(paths):
    suites = {}
    for path in paths:
        run = path.rsplit("/", 1)[-1].split(".")[0].split("-")[0]
        with open(path) as f:
            entries = [json.loads(line) for line in f if line.strip()]
        for entry in entries:
            # "libxfrmif:unit / ctx" -> "unit"
            suite = entry["name"].split(":", 1)[-1].split(" / ")[0]
            if run != "all":
                suite = f"{suite} ({run})"
            p, b = count(entry)
            tally = suites.setdefault(suite, [0, 0])
            tally[0] += p
            tally[1] += b
    passed = sum(s[0] for s in suites.values())
    failed = sum(s[1] for s in suites.values())
    for name in sorted(suites):
        print(f"suite {name}: {suites[name][0]} passed, {suites[name][1]} failed")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
