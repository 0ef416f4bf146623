#!/usr/bin/env python3
"""Fails when a public function in the headers has no "Since: X.Y" in the
comment that documents it (the comment right above it, or above the group of
declarations it belongs to): the version a function appeared in is part of
its contract (ARCHITECTURE.md, rule 10).

usage: check-since.py HEADER..."""
import re
import sys

PROTO = re.compile(r'^(?!typedef)[a-z].*\b(xfrmif_\w+)\(')


def undocumented(path):
    """Yields the functions of one header without a Since: line."""
    comment = None
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith('/*'):
            block = [line]
            while '*/' not in lines[i]:
                i += 1
                block.append(lines[i])
            comment = '\n'.join(block)
        elif PROTO.match(line):
            if not comment or not re.search(r'Since: \d+\.\d+', comment):
                yield PROTO.match(line).group(1)
        elif line.startswith(('struct', 'enum', '#', '}')):
            comment = None  # a comment above a type documents the type
        i += 1


def main(headers):
    missing = [(h, f) for h in headers for f in undocumented(h)]
    for header, func in missing:
        print(f'{header}: {func} has no "Since: X.Y" in its comment')
    if missing:
        return 1
    print(f'ok: every public function in {len(headers)} headers says since when')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
