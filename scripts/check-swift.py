#!/usr/bin/env python3
"""Parses every .swift file of the Swift face with tree-sitter-swift and fails on a
syntax error (no Swift compiler on these machines).

Known false positives of the grammar: the `#if swift(>=5.8)` /
`@_documentation(visibility: private)` / `#endif` lines that uniffi emits. They are
blanked before parsing, keeping line numbers. `--self-test` proves the checker still
fails on a real syntax error.
"""
import pathlib
import re
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

PARSER = Parser(Language(tree_sitter_swift.language()))
BLANK = re.compile(r"^\s*(#if swift\(>=5\.8\)|@_documentation\(visibility: private\)|#endif)\s*$")


def errors(source: str) -> list[str]:
    lines = ["" if BLANK.match(line) else line for line in source.split("\n")]
    tree = PARSER.parse("\n".join(lines).encode())
    found = []

    def walk(node):
        if node.type == "ERROR" or node.is_missing:
            row, col = node.start_point
            found.append(f"line {row + 1}, column {col + 1}: {'missing ' + node.type if node.is_missing else 'syntax error'}")
            return
        for child in node.children:
            walk(child)

    walk(tree.root_node)
    return found


def main() -> int:
    if "--self-test" in sys.argv:
        good = "func f() -> Int { return 1 }\n#if swift(>=5.8)\n@_documentation(visibility: private)\n#endif\npublic struct S {}\n"
        bad = "func f( -> Int { return 1 }\n"
        assert errors(good) == [], errors(good)
        assert errors(bad), "the checker did not notice a syntax error"
        print("swift checker self-test: 2 passed, 0 failed")
        return 0
    root = pathlib.Path(__file__).resolve().parent.parent / "swift"
    files = sorted(root.rglob("*.swift"))
    failed = 0
    for path in files:
        problems = errors(path.read_text(encoding="utf-8"))
        for p in problems[:10]:
            print(f"{path.relative_to(root.parent)}: {p}")
        failed += bool(problems)
    print(f"swift parse: {len(files) - failed} passed, {failed} failed")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main())
