#!/usr/bin/env python3
"""Export check (libxkbcommon's symbol-leak test as the model): the functions declared in the
public headers, the names in src/jwtcore.map and the dynamic symbols of libjwtcore.so must be the
same set, all prefixed jwtcore_; and every declaration carries a doc comment saying thread-safety
and @since."""
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(sys.argv[1])
lib = sys.argv[2]
failures = []

declared = {}
for header in sorted((root / "include" / "jwtcore").glob("*.h")):
    text = header.read_text()
    for m in re.finditer(r"(/\*\*(?:(?!\*/).)*\*/)?\s*^JWTCORE_API\s[^;{]*?\b(\w+)\s*\(", text, re.S | re.M):
        doc, name = m.group(1) or "", m.group(2)
        declared[name] = header.name
        if "thread" not in doc.lower():
            failures.append(f"{header.name}: {name} has no doc comment saying its thread-safety")
        if "@since" not in doc:
            failures.append(f"{header.name}: {name} has no @since in its doc comment")

map_text = (root / "src" / "jwtcore.map").read_text()
global_block = map_text.split("global:")[1].split("local:")[0]
mapped = set(re.findall(r"\b(jwtcore_\w+)\s*;", global_block))

nm = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True, check=True)
exported = set()
for line in nm.stdout.splitlines():
    parts = line.split()
    if len(parts) < 3:
        continue
    kind, name = parts[1], parts[2].split("@")[0]
    if kind == "A" and name.startswith("JWTCORE_"):
        continue  # the version node itself
    exported.add(name)

for name in sorted(exported):
    if not name.startswith("jwtcore_"):
        failures.append(f"nm -D exports a non-API symbol: {name}")
decl = set(declared)
for name in sorted(decl - mapped):
    failures.append(f"{name} is declared in {declared[name]} but missing from jwtcore.map")
for name in sorted(mapped - decl):
    failures.append(f"{name} is in jwtcore.map but declared in no public header")
for name in sorted(decl - exported):
    failures.append(f"{name} is declared but not exported by {lib}")
for name in sorted((exported - decl)):
    if name.startswith("jwtcore_"):
        failures.append(f"{name} is exported but declared in no public header")

if failures:
    print("\n".join(failures))
    print(f"export check: {len(failures)} problem(s)")
    sys.exit(1)
print(f"export check: {len(decl)} declared = {len(mapped)} mapped = {len(exported)} exported")
