"""Where the learner's data lives, created owner-only on first use."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "COURSE_DATA_DIR"


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


def ensure_private_dir(folder: Path) -> Path:
    """Create the folder if needed and make it owner-only (0700), whatever the umask."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
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
