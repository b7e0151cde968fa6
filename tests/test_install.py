"""A facilitator's install: the wheel with the kit, in a fresh environment, no repository.

Slow: the wheel is built once, then a new virtual environment takes it with the kit's
dependencies at the versions of ``constraints.txt`` (a few minutes, most of it pip;
less with pip's cache). It runs in ``make test`` like every other test.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

import jnt_fresque

from .conftest import ROOT

pytestmark = pytest.mark.slow

INSTALL_SECONDS = 1800  # pip, on a cold cache
HEALTH_SECONDS = 90  # until the app answers its health check

# Run in the installed environment: import every module of the package, wherever
# the package is (a module moved or added is found all the same).
WALK = """
import importlib, json, pkgutil, traceback
import jnt_fresque

failed = {}

def onerror(name):
    failed[name] = traceback.format_exc()

names = []
for info in pkgutil.walk_packages(jnt_fresque.__path__, "jnt_fresque.", onerror=onerror):
    names.append(info.name)
    try:
        importlib.import_module(info.name)
    except BaseException:
        failed[info.name] = traceback.format_exc()
print(json.dumps({"file": jnt_fresque.__file__, "modules": names, "failed": failed}))
"""


@dataclass
class Installed:
    """A fresh virtual environment holding the wheel with its ``kit`` extra."""

    wheel: Path
    root: Path
    bin: Path
    env: dict[str, str]

    @property
    def python(self) -> Path:
        return self.bin / ("python.exe" if os.name == "nt" else "python")

    @property
    def script(self) -> Path:
        return self.bin / ("jnt-fresque.exe" if os.name == "nt" else "jnt-fresque")

    def run(
        self, *args: str | Path, cwd: Path, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args], cwd=cwd, env=self.env, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip


def _environment(bin_dir: Path) -> dict[str, str]:
    """This process's environment, less whatever would reach back into the repository."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["JNT_FRESQUE_LANG"] = "fr"
    return env


def _check(run: subprocess.CompletedProcess[str], what: str) -> None:
    assert run.returncode == 0, f"{what} failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    _check(build, "building the wheel")
    [wheel] = dist.glob("jnt_fresque-*.whl")

    root = tmp_path_factory.mktemp("venv")
    made = subprocess.run(
        [sys.executable, "-m", "venv", str(root)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    _check(made, "creating the virtual environment")
    bin_dir = root / ("Scripts" if os.name == "nt" else "bin")
    done = Installed(wheel, root, bin_dir, _environment(bin_dir))
    pip = done.run(
        done.python, "-m", "pip", "install", "--quiet", "--no-compile",
        "--disable-pip-version-check", "-c", ROOT / "constraints.txt", f"{wheel}[kit]",
        cwd=root, timeout=INSTALL_SECONDS,
    )  # fmt: skip
    _check(pip, "pip install the wheel with [kit]")
    return done


def _name(requirement: str) -> str:
    """The normalised project name at the start of a requirement (PEP 503)."""
    found = re.match(r"[A-Za-z0-9._-]+", requirement.strip())
    assert found, requirement
    return re.sub(r"[-_.]+", "-", found.group()).lower()


def _pins() -> dict[str, str]:
    """constraints.txt as {name: version}; every line but comments a bare ``name==version``."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", line), line
        name, version = line.split("==")
        pins[_name(name)] = version
    return pins


def test_constraints_pin_every_dependency_of_the_project() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra if _name(r) != _name(project["name"])}
    missing = wanted - set(_pins())
    assert not missing, f"not in constraints.txt (run make lock): {sorted(missing)}"


def test_the_kit_installs_only_pinned_versions(installed: Installed, tmp_path: Path) -> None:
    listed = installed.run(installed.python, "-m", "pip", "list", "--format", "json", cwd=tmp_path)
    _check(listed, "pip list")
    pins = _pins()
    tools = {"pip", "setuptools", "wheel", "jnt-fresque"}
    installed_versions = {_name(p["name"]): p["version"] for p in json.loads(listed.stdout)}
    unpinned = {
        name: version
        for name, version in installed_versions.items()
        if name not in tools and pins.get(name) != version
    }
    assert not unpinned, f"installed, but not as constraints.txt pins them: {unpinned}"


def _wheel_modules(wheel: Path) -> set[str]:
    """The modules the wheel carries (every .py file under folders with an __init__.py)."""
    files = {PurePosixPath(n) for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".py")}
    found = set()
    for path in files:
        parts = path.with_suffix("").parts
        if parts[0] != "jnt_fresque" or not all(
            PurePosixPath(*parts[:n], "__init__.py") in files for n in range(1, len(parts))
        ):
            continue  # not a module of the package (alembic scripts, bundled apps)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1:
            found.add(".".join(parts))
    return found


def test_every_module_imports_from_the_installed_wheel(
    installed: Installed, tmp_path: Path
) -> None:
    run = installed.run(installed.python, "-c", WALK, cwd=tmp_path)
    _check(run, "walking the package")
    walked = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(walked["file"]).is_relative_to(installed.root), walked["file"]
    assert walked["failed"] == {}, "\n".join(
        f"{name}:\n{error}" for name, error in walked["failed"].items()
    )
    # Nothing was passed over: the walk found every module the wheel carries.
    assert set(walked["modules"]) == _wheel_modules(installed.wheel)


def test_python_m_and_the_script_both_run_the_command(installed: Installed, tmp_path: Path) -> None:
    expected = f"jnt-fresque {jnt_fresque.__version__}"
    by_module = installed.run(installed.python, "-m", "jnt_fresque", "--version", cwd=tmp_path)
    _check(by_module, "python -m jnt_fresque --version")
    assert by_module.stdout.strip() == expected
    by_script = installed.run(installed.script, "--version", cwd=tmp_path)
    _check(by_script, "jnt-fresque --version")
    assert by_script.stdout.strip() == expected

    decks = installed.run(
        installed.python, "-m", "jnt_fresque", "decks", "--format", "json", cwd=tmp_path
    )
    _check(decks, "python -m jnt_fresque decks")
    assert {"cas-usage", "donnees"} <= {d["id"] for d in json.loads(decks.stdout)}

    wrong = installed.run(installed.python, "-m", "jnt_fresque", "no-such-command", cwd=tmp_path)
    assert wrong.returncode == 2, wrong.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _health(url: str) -> str | None:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode("utf-8", "replace").strip()
    except OSError:
        return None


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a process of another user took the id
        return True
    return True


@pytest.fixture
def atelier(
    installed: Installed, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], str, Path]]:
    """``jnt-fresque atelier`` on 127.0.0.1, a free port and a new SQLite file; stopped after."""
    port = _free_port()
    log = tmp_path / "atelier.log"
    args = [
        str(installed.script), "atelier", "--port", str(port), "--address", "127.0.0.1",
        "--db", str(tmp_path / "atelier.sqlite"), "--title", "Essai d’installation",
    ]  # fmt: skip
    # The server is opened headless (server.headless=true): no browser to stop.
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, cwd=tmp_path, env=installed.env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=os.name != "nt",
        )  # fmt: skip
    try:
        yield process, f"http://127.0.0.1:{port}", log
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
        if os.name != "nt" and _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)  # whatever the command left behind


def test_the_workshop_app_serves_and_stops(
    atelier: tuple[subprocess.Popen[bytes], str, Path],
) -> None:
    process, url, log = atelier
    deadline = time.monotonic() + HEALTH_SECONDS
    answer = None
    while answer != "ok":
        assert process.poll() is None, (
            f"jnt-fresque atelier stopped ({process.returncode}):\n{log.read_text(errors='replace')}"
        )
        assert time.monotonic() < deadline, (
            f"{url} not healthy within {HEALTH_SECONDS} s:\n{log.read_text(errors='replace')}"
        )
        time.sleep(0.5)
        answer = _health(url)
    shown = log.read_text(encoding="utf-8", errors="replace")
    assert "session=" in shown  # the join address, with the new session's code

    # Stopping the command stops the server it started, leaving nothing behind.
    process.terminate()
    process.wait(timeout=30)
    if os.name != "nt":
        deadline = time.monotonic() + 15
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(process.pid), "the Streamlit server outlived jnt-fresque atelier"
    assert _health(url) is None
