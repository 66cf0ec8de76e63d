"""Several processes on one data folder, and a process killed mid-save: nothing committed is lost."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from commands import child_env
from terminal import FIXTURE_COURSE

from course.progress import DB_NAME, ProgressStore

CHANGES = 500

# Opens the store, says "ready", waits for "go" on stdin so both writers really overlap, then
# moves through CHANGES steps of one module, completing the step it leaves and saving a
# reflection on it each time.
STEPPER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from course.progress import ProgressStore

    folder, module, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = ProgressStore.in_folder(Path(folder))
    print("ready", flush=True)
    sys.stdin.readline()
    for n in range(count):
        store.move_to(module, f"{prefix}{n + 1}", completed=f"{prefix}{n}")
        store.save_reflection(module, f"{prefix}{n}", f"text {n}")
    store.close()
    print("done", flush=True)
    """
)

# Saves forever, printing each index once move_to has returned (so once it is committed).
ENDLESS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from course.progress import ProgressStore

    store = ProgressStore.in_folder(Path(sys.argv[1]))
    n = 0
    while True:
        store.move_to("m", f"s{n + 1}", completed=f"s{n}")
        if n % 7 == 0:
            store.save_reflection("m", f"s{n}", f"words {n} " * 20)
        print(n, flush=True)
        n += 1
    """
)


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def release(writers: list[subprocess.Popen[str]]) -> None:
    """Wait until every writer has said "ready", then tell them all "go" at once."""
    for writer in writers:
        assert writer.stdout is not None and writer.stdin is not None
        line = writer.stdout.readline()
        if line.strip() != "ready":
            writer.wait(timeout=30)
            pytest.fail(f"a writer failed before it was ready: {writer.stderr.read() if writer.stderr else ''}")
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()


@pytest.mark.parametrize(
    "modules",
    [("shared", "shared"), ("first", "second")],
    ids=["same-module", "different-modules"],
)
def test_two_processes_changing_steps_keep_every_change(data_dir: Path, modules: tuple[str, str]) -> None:
    # The database exists already: opening a brand-new one at the same moment is its own test below.
    ProgressStore.in_folder(data_dir).close()
    writers = [start(STEPPER, str(data_dir), module, prefix, str(CHANGES)) for module, prefix in zip(modules, "ab")]
    try:
        release(writers)
        results = [writer.communicate(timeout=120) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()

    for writer, (out, err) in zip(writers, results):
        assert "database is locked" not in err
        assert writer.returncode == 0, err
        assert out.strip() == "done"

    store = ProgressStore.in_folder(data_dir)
    expected: dict[str, set[str]] = {}
    for module, prefix in zip(modules, "ab"):
        expected.setdefault(module, set()).update(f"{prefix}{n}" for n in range(CHANGES))
    for module, steps in expected.items():
        assert store.completed(module) == steps
        position = store.position(module)
        assert position is not None
        finals = {f"{prefix}{CHANGES}" for m, prefix in zip(modules, "ab") if m == module}
        assert position.step_id in finals  # the last move of whichever writer finished last
    for module, prefix in zip(modules, "ab"):
        assert store.reflection(module, f"{prefix}{CHANGES - 1}") == f"text {CHANGES - 1}"
    store.close()

    # The two writers really did overlap: each committed while the other was still going.
    with sqlite3.connect(data_dir / DB_NAME) as db:
        spans = [
            db.execute(
                "SELECT min(completed_at), max(completed_at) FROM completed_steps WHERE step_id LIKE ?",
                (f"{prefix}%",),
            ).fetchone()
            for prefix in "ab"
        ]
    db.close()
    (a_first, a_last), (b_first, b_last) = spans
    assert a_first < b_last and b_first < a_last, f"the writers ran one after the other: {spans}"


@pytest.mark.parametrize("kill_after", [200, 1200])
def test_a_process_killed_mid_save_leaves_a_sound_database_with_every_committed_change(
    data_dir: Path, kill_after: int
) -> None:
    """1200 saves also run through SQLite's automatic checkpoint (every 1000 WAL pages)."""
    writer = start(ENDLESS, str(data_dir))
    printed: list[int] = []
    try:
        assert writer.stdout is not None
        deadline = time.monotonic() + 90
        while len(printed) < kill_after:
            line = writer.stdout.readline()
            assert line, f"the writer stopped early: {writer.stderr.read() if writer.stderr else ''}"
            printed.append(int(line))
            assert time.monotonic() < deadline, "the writer is far too slow"
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        # Read through the stream, not communicate(): lines readline() already buffered count too.
        rest = writer.stdout.read()
        err = writer.stderr.read() if writer.stderr else ""
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert "Traceback" not in err
    # Lines already in the pipe when the kill landed were committed too.
    printed += [int(line) for line in rest.split()]
    assert printed == list(range(len(printed)))

    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()

    store = ProgressStore.in_folder(data_dir)
    assert store.notice == "", "a database left by a killed process must not be set aside"
    completed = store.completed("m")
    missing = {f"s{n}" for n in printed} - completed
    assert not missing, f"{len(missing)} committed changes were lost, e.g. {sorted(missing)[:5]}"
    # At most the one save in flight when the kill landed may have gone beyond what was printed.
    assert len(completed) in (len(printed), len(printed) + 1)
    position = store.position("m")
    assert position is not None and int(position.step_id[1:]) >= len(printed)
    last = printed[-1] - printed[-1] % 7
    assert store.reflection("m", f"s{last}") == f"words {last} " * 20
    # And the store keeps working on the recovered database.
    store.move_to("m", "after", completed="after-kill")
    assert "after-kill" in store.completed("m")
    store.close()



def open_new_stores(base: Path, rounds: int, barrier: Any, results: Any) -> None:
    """In a child process: open a brand-new store each round, at the same moment as the others;
    report (failures, first failure) once at the end, so the result pipe never fills up."""
    failures, first = 0, ""
    for round_ in range(rounds):
        barrier.wait(timeout=30)
        try:
            ProgressStore.in_folder(base / f"round{round_}").close()
        except Exception as error:
            failures += 1
            first = first or f"round {round_}: {type(error).__name__}: {error}"
    results.put((failures, first))


def test_processes_opening_a_new_data_folder_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    """Copies of the course started together on a first run (a double-click, a shell loop, a
    facilitator's script) must all open the new database: none may fail as "busy"."""
    processes, rounds = 3, 150
    context = multiprocessing.get_context("fork")  # real processes, so real file locks between them
    barrier = context.Barrier(processes)
    results = context.Queue()
    children = [
        context.Process(target=open_new_stores, args=(tmp_path, rounds, barrier, results))
        for _ in range(processes)
    ]
    for child in children:
        child.start()
    reports = [results.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=30)
    assert [child.exitcode for child in children] == [0] * processes
    failed = sum(count for count, _ in reports)
    example = next((first for _, first in reports if first), "")
    assert failed == 0, f"{failed} of {processes * rounds} opens of a new database failed, e.g. {example}"


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    db.execute("COMMIT")
    db.close()
    """
)


def test_opening_waits_for_a_moment_of_another_process_writing_a_new_database(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the race above comes down to, made certain: another process holds the write lock of a
    new (not yet WAL) database for half a second. The store sets a 10 s busy timeout, so opening
    should wait that half second and go on, not fail at once as "busy"."""
    from course.cli import main

    data_dir.mkdir(mode=0o700)
    holder = start(HOLDER, str(data_dir / DB_NAME), "0.5")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        began = time.monotonic()
        status = main(["--lessons", str(FIXTURE_COURSE), "list"])
        waited = time.monotonic() - began
    finally:
        holder.communicate(timeout=30)
    err = capsys.readouterr().err
    assert status == 0, f"gave up after {waited:.2f}s instead of waiting: {err.strip()}"
