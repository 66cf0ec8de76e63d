"""Where the learner's data lives, created owner-only on first use."""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_DATA_DIR = "COURSE_DATA_DIR"
PROFILES = "profiles"
PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


class DataDirError(Exception):
    """The data folder cannot be created or written."""


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: the override, else $COURSE_DATA_DIR, else the platform's user data dir."""
    if override:
        folder = Path(override).expanduser()
    elif os.environ.get(ENV_DATA_DIR):
        folder = Path(os.environ[ENV_DATA_DIR]).expanduser()
    else:
        from platformdirs import user_data_path

        folder = user_data_path("course", appauthor=False)
    return folder


class ProfileNameError(ValueError):
    """A profile name that cannot be a folder name."""


def profile_dir(base: Path, profile: str | None) -> Path:
    """Where one learner's data lives: the base folder, or their own folder beneath it."""
    if profile is None:
        return base
    if not PROFILE_NAME.match(profile):
        raise ProfileNameError(
            f"{profile!r}: not a usable profile name (use up to 32 letters, digits, - or _)"
        )
    return base / PROFILES / profile


def ensure_private_dir(folder: Path) -> Path:
    """Create the folder if needed and make it owner-only (0700), whatever the umask."""
    missing = [folder, *(p for p in folder.parents if not p.exists())] if not folder.exists() else []
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for created in missing:  # mkdir gives parents the umask's mode, not ours
            os.chmod(created, 0o700)
        if not missing:
            # An existing folder loses group and other access but gains nothing: a folder the
            # owner made read-only stays read-only, and is reported below.
            current = folder.stat().st_mode & 0o777
            if current & 0o077:
                os.chmod(folder, current & 0o700)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataDirError(
            f"{folder}: cannot use this data folder: {reason}"
            " (pass --data-dir with a folder you can write to)"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DataDirError(
            f"{folder}: this data folder is not writable (pass --data-dir with a folder you can write to)"
        )
    return folder
