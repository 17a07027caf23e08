"""Shared fixtures: the repository, and running ``python -m geo`` as a user does."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Keep the suite hermetic: the gazetteer index and geocoder cache go to a folder of
# this run, not the user's ~/.cache/geo (set before geo.settings is imported, and
# inherited by every `python -m geo` subprocess).
_OWN_CACHE = None if "GEO_CACHE_DIR" in os.environ else tempfile.mkdtemp(prefix="geo-test-cache-")
if _OWN_CACHE:
    os.environ["GEO_CACHE_DIR"] = _OWN_CACHE


def pytest_sessionfinish(session, exitstatus):
    if _OWN_CACHE:
        import shutil

        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"


def run_geo(*args, cwd: Path = ROOT, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``python -m geo ARGS`` in a subprocess, with this checkout first on the path."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"geo {' '.join(map(str, args))} exited {proc.returncode}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """One build of the seeds with the repository's data, shared by read-only tests."""
    out = tmp_path_factory.mktemp("seed-build")
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", out, "-q")
    return out
