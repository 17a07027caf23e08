"""Layout: other languages live in files of their own (linted), not in Python strings."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

#: A line of a string literal that reads as markup, a template or script rather than prose.
_OTHER_LANGUAGE = re.compile(r"<[a-zA-Z/!]|\{%|\{\{|;\s*$|=>|\bfunction\b|\b(?:SELECT|INSERT|CREATE TABLE)\b")
MAX_EMBEDDED_LINES = 40


def embedded_lines(source: str) -> set[int]:
    """Source lines inside string literals (docstrings aside) that hold HTML, JS, CSS, SQL or Jinja."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    lines = source.splitlines()
    found = set()
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))
        if is_text and id(node) not in docstrings:
            found |= {n for n in range(node.lineno, node.end_lineno + 1) if _OTHER_LANGUAGE.search(lines[n - 1])}
    return found


def test_embedded_lines_counts_a_template_and_ignores_docstrings():
    source = 'def f():\n    """A <b>doc</b>; with => code."""\n    return """\n<div>\n{{ x }}\n</div>\n"""\n'
    assert embedded_lines(source) == {4, 5, 6}


@pytest.mark.parametrize("module", sorted(p.name for p in (ROOT / "geo").glob("*.py")))
def test_no_module_holds_more_than_40_lines_of_another_language(module):
    found = embedded_lines((ROOT / "geo" / module).read_text(encoding="utf-8"))
    assert len(found) <= MAX_EMBEDDED_LINES, f"geo/{module}: {len(found)} lines, e.g. {sorted(found)[:10]}"


def test_page_script_styles_and_templates_are_package_files():
    maps = (ROOT / "geo" / "maps.py").read_text(encoding="utf-8")
    for name in ("static/map.js", "static/map.css", "templates/draw.js.j2", "templates/legend.js.j2",
                 "templates/legend.html.j2", "static/screenshot-background.js"):
        assert (ROOT / "geo" / name).is_file(), name
    assert "geoMapInit(" not in maps and "L.control(" not in maps and "<h4>" not in maps
    assert "createPane(" not in (ROOT / "geo" / "screenshot.py").read_text(encoding="utf-8")


def _eslint(*args: str) -> subprocess.CompletedProcess:
    # --no-install: never fetch ESLint from the network during tests; `npm ci` installs it (README).
    return subprocess.run(["npx", "--no-install", "eslint", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def eslint():
    if shutil.which("npx") is None or _eslint("--version").returncode != 0:
        pytest.skip("ESLint is not installed: run `npm ci` in the repository root (see the README)")
    return _eslint


def test_eslint_passes_on_the_page_script(eslint):
    proc = eslint("geo/static")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_eslint_catches_a_mistake(eslint, tmp_path):
    # The configuration really lints: an undefined name and a redeclared variable are errors.
    bad = ROOT / "geo" / "static" / "_lint_probe.js"
    bad.write_text('(function () {\n"use strict";\nvar i = 1;\nvar i = 2;\nundefinedThing(i);\n})();\n')
    try:
        proc = eslint("geo/static/_lint_probe.js")
    finally:
        bad.unlink()
    assert proc.returncode == 1
    assert "no-redeclare" in proc.stdout and "no-undef" in proc.stdout


def test_legend_template_escapes_data_as_before_and_adds_no_whitespace():
    from geo.maps import legend_html

    data = {"attacks": [{"origin": "reviewed", "t0": None}], "relocations": [], "max_killed": 12, "max_people": 0,
            "colours": {'a "night" raid <b>& co\'s</b>': "#d62728"}, "places": [{"kind": "{{ site }}"}]}
    legend = legend_html(data)
    assert "<span>a &quot;night&quot; raid &lt;b&gt;&amp; co&#x27;s&lt;/b&gt;</span>" in legend  # html.escape
    assert "<span>{{ site }}</span>" in legend  # data is never compiled as a template
    assert "<h4>Review</h4>" in legend and "1 undated item(s)" in legend
    assert "\n" not in legend and "> <" not in legend
