#!/usr/bin/env python3
"""Counts passed/failed tests from one result file, printing "PASSED FAILED".

  ci_count.py meson BUILD_DIR      meson-logs/testlog.json: Catch2 suites count their test cases,
                                   other meson tests count one each; a Catch2 suite that ran no
                                   test case counts as a failure.
  ci_count.py junit FILE.xml       pytest --junitxml output
  ci_count.py gotest FILE.json     go test -json output
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def meson(build_dir):
    passed = failed = 0
    with open(f"{build_dir}/meson-logs/testlog.json") as f:
        for line in f:
            t = json.loads(line)
            out = t.get("stdout", "") or ""
            ok = t["result"] in ("OK", "EXPECTEDFAIL")
            m_all = re.search(r"All tests passed \((\d+) assertions? in (\d+) test cases?\)", out)
            m_some = re.search(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed", out)
            if m_all:
                n = int(m_all.group(2))
                passed += n if ok else 0
                failed += 0 if ok else max(n, 1)
            elif m_some:
                passed += int(m_some.group(2))
                failed += max(int(m_some.group(3)), 0 if ok else 1)
            elif "No tests ran" in out or "No test cases matched" in out:
                failed += 1
                print(f"suite {t['name']} ran no test", file=sys.stderr)
            else:
                passed += 1 if ok else 0
                failed += 0 if ok else 1
    return passed, failed


def junit(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return tests - bad - skipped, bad


def gotest(path):
    passed = failed = 0
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            ev = json.loads(line)
            if ev.get("Test") and "/" not in ev["Test"]:
                if ev.get("Action") == "pass":
                    passed += 1
                elif ev.get("Action") == "fail":
                    failed += 1
            elif not ev.get("Test") and ev.get("Action") == "fail":
                failed += 1  # package-level failure (build error, panic outside a test)
    return passed, failed


kind, arg = sys.argv[1], sys.argv[2]
p, f = {"meson": meson, "junit": junit, "gotest": gotest}[kind](arg)
print(p, f)
