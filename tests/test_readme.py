"""The README as a front door: its command section says what ``--help`` says, its commands run,
its links resolve.

``python tests/test_readme.py`` rewrites the README's command block from ``--help`` (run it after
adding an option or a command).
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_USAGE_BLOCK = re.compile(r"(<!-- cli-usage:[^\n]*-->\n)(.*?)(<!-- /cli-usage -->)", re.S)


def _wide(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=10_000)  # one line per command, whatever the terminal


def usage_block() -> str:
    """The README's command block: each command's usage (from argparse) under its one-line help.

    The options every pipeline command shares are written once, as ``[OPTIONS]``.
    """
    sys.path.insert(0, str(ROOT))
    from geo import cli

    common = argparse.ArgumentParser(prog="X", add_help=False, formatter_class=_wide)
    cli._add_inputs(common)
    shared = common.format_usage().strip().removeprefix("usage: X ")
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    lines, sharing = [], []
    for name, command in sub.choices.items():
        command.formatter_class = _wide
        usage = command.format_usage().strip().removeprefix("usage: ").replace(" [-h]", "")
        if shared in usage:
            sharing.append(name)
        lines += [f"# {helps[name]}", "python -m " + usage.replace(shared, "[OPTIONS]")]
    lines += [f"# OPTIONS of {', '.join(sharing)}:", shared]
    return "```\n" + "\n".join(lines) + "\n```\n"


def test_readme_command_section_is_what_help_says():
    m = _USAGE_BLOCK.search(README.read_text(encoding="utf-8"))
    assert m, "README.md lost its <!-- cli-usage --> block"
    assert m.group(2) == usage_block(), "README's command block is stale: run python tests/test_readme.py"


def test_usage_block_sees_a_new_option():
    # The comparison could fail: a changed parser gives a different block.
    from geo import cli

    before = usage_block()
    original = cli._add_inputs

    def with_extra(p):
        original(p)
        p.add_argument("--made-up-option", metavar="N")

    cli._add_inputs = with_extra
    try:
        assert "[--made-up-option N]" in usage_block() and usage_block() != before
    finally:
        cli._add_inputs = original


def readme_commands(text: str) -> list[str]:
    """Every ``python -m geo …`` command in the README's ``sh`` blocks, in order (chains split on ``&&``)."""
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("python -m geo"):
                    commands.append(part)
    return commands


def test_readme_commands_are_found():
    found = readme_commands(README.read_text(encoding="utf-8"))
    assert found[0] == "python -m geo build"  # the first command, then the examples
    assert len(found) >= 5 and all(c.startswith("python -m geo ") for c in found)


def test_every_readme_command_runs_on_the_seeds(tmp_path):
    """Run them as written, in order, in a copy of the repository's inputs (the way a user would)."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copytree(ROOT / "data", work / "data")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "python"  # `python` is this interpreter (a symlink would lose the virtualenv)
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    for command in readme_commands(README.read_text(encoding="utf-8")):
        if command.startswith("python -m geo screenshot") and shutil.which("chromium") is None:
            pytest.skip("no Chromium for the screenshot command")
        proc = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True,
                              timeout=600)
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr
        # what each command says it wrote is there
        for written in re.findall(r"^wrote (.*)$", proc.stdout, re.M):
            for path in re.findall(r"(?:^|, )([^,\s]+)", written):  # "a, b, c and 5 text(s) in maps/texts"
                assert (work / path).is_file(), (command, path)
    assert (work / "maps" / "index.html").is_file() and (work / "exports" / "all.geojson").is_file()


def _links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", t)]


@pytest.mark.parametrize("page", ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))])
def test_relative_links_resolve(page):
    base = (ROOT / page).parent
    for target in _links(ROOT / page):
        file = target.split("#", 1)[0]
        if file:
            assert (base / file).exists(), f"{page}: {target}"


def test_readme_fits_on_a_few_screens():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, "README.md is the front door: move reference and figures to docs/"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    m = _USAGE_BLOCK.search(text)
    if not m:
        sys.exit("README.md has no <!-- cli-usage --> block")
    README.write_text(text[:m.start(2)] + usage_block() + text[m.end(2):], encoding="utf-8")
    print(f"updated {README.relative_to(ROOT)}: {shlex.quote('<!-- cli-usage -->')} block")
