#!/usr/bin/env python3
"""Fails when a C block quoted in docs/guide.md is no longer word for word in
the example file the guide names for it (the nearest `examples/*.c` mentioned
before the block), so the guide's worked examples stay the examples' code.
usage: check-guide.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
text = open(os.path.join(root, 'docs', 'guide.md')).read()
status = 0
count = 0
for m in re.finditer(r'```c\n(.*?)```', text, re.S):
    named = re.findall(r'examples/([a-z-]+\.c)', text[:m.start()])
    if not named:
        print('guide.md: a C block names no example file before it')
        status = 1
        continue
    path = os.path.join(root, 'examples', named[-1])
    count += 1
    if m.group(1) not in open(path).read():
        line = text[:m.start()].count('\n') + 1
        print(f'guide.md:{line}: block is not in examples/{named[-1]}')
        status = 1
if status == 0:
    print(f'ok: {count} quoted blocks match their examples')
sys.exit(status)
