"""The wheel carries the lessons, so an installed `course` finds them from any folder; it and the
sdist are published under the app's own name, with the licence, and still install `course`."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DIST_NAME = "safe-to-be-close"
FILE_NAME = "safe_to_be_close"
"""The distribution's name as wheel and sdist file names spell it (PEP 491 / PEP 625)."""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel, built once for the module with the hatchling already installed."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob(f"{FILE_NAME}-*.whl")
    return zipfile.ZipFile(built)


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    """A file of the wheel's .dist-info folder, as text."""
    (path,) = [n for n in wheel.namelist() if n.split("/")[0].endswith(".dist-info") and n.split("/", 1)[1] == name]
    return wheel.read(path).decode("utf-8")


def test_the_wheel_ships_every_lesson_module(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    shipped = {f"course/lessons/{p.name}" for p in (REPO / "lessons").glob("*.toml")}
    assert shipped and shipped <= names
    assert {"course/screens/home.tcss", "course/screens/player.tcss", "course/web/app_index.html"} <= names


def test_the_wheel_is_named_safe_to_be_close_and_carries_the_licence(wheel: zipfile.ZipFile) -> None:
    metadata = HeaderParser().parsestr(dist_info(wheel, "METADATA"))
    assert metadata["Name"] == DIST_NAME
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert "Topic :: Education" in metadata.get_all("Classifier", [])
    assert dist_info(wheel, "licenses/LICENSE") == (REPO / "LICENSE").read_text(encoding="utf-8")


def test_the_wheel_still_installs_the_course_command(wheel: zipfile.ZipFile) -> None:
    scripts = dist_info(wheel, "entry_points.txt").split("[console_scripts]", 1)[1].split("\n[", 1)[0]
    assert "course = course.cli:main" in scripts.splitlines()


def test_the_sdist_carries_the_licence(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    build = "import sys; from hatchling.build import build_sdist; print(build_sdist(sys.argv[1]))"
    result = subprocess.run([sys.executable, "-c", build, str(tmp_path)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    (sdist,) = tmp_path.glob(f"{FILE_NAME}-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "pyproject.toml", "README.md"} <= names
