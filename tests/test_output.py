"""tco.io.output: atomic writes that never land on an input."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tco.errors import InputError
from tco.io import output


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file_is_written_with_the_umask_mode(tmp_path: Path):
    target = tmp_path / "r.json"
    output.write_text(str(target), "{}\n")
    assert target.read_text() == "{}\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert _leftovers(tmp_path) == []


def test_replacing_keeps_the_old_mode(tmp_path: Path):
    target = tmp_path / "r.txt"
    target.write_text("old")
    target.chmod(0o640)
    output.write_text(str(target), "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def _failing_writer(f):
    f.write(b"half of a report")
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path: Path):
    target = tmp_path / "r.json"
    old = '{"a": 1}\n' * 5000
    target.write_text(old)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        output.write(str(target), _failing_writer)
    assert target.read_text() == old
    assert _leftovers(tmp_path) == []


def test_a_failed_write_to_a_new_path_leaves_nothing(tmp_path: Path):
    with pytest.raises(InputError):
        output.write(str(tmp_path / "new.json"), _failing_writer)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_nothing(tmp_path: Path):
    def interrupted(f):
        f.write(b"x")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        output.write(str(tmp_path / "new.json"), interrupted)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("how", ["same path", "hard link", "symbolic link",
                                 "relative spelling"])
def test_an_input_is_never_overwritten(tmp_path: Path, how: str, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scenario = tmp_path / "fleet.toml"
    scenario.write_text("keep me")
    out = {"same path": "fleet.toml", "hard link": "link.json",
           "symbolic link": "sym.json", "relative spelling": "./x/../fleet.toml"}[how]
    (tmp_path / "x").mkdir()
    if how == "hard link":
        os.link(scenario, tmp_path / out)
    if how == "symbolic link":
        os.symlink(scenario, tmp_path / out)
    with pytest.raises(InputError, match="is one of the inputs"):
        output.write_text(out, "report", ["fleet.toml"])
    assert scenario.read_text() == "keep me"


def test_a_symbolic_link_output_replaces_the_file_it_points_to(tmp_path: Path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    output.write_text(str(link), "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_exclusive_refuses_an_existing_file(tmp_path: Path):
    target = tmp_path / "scenario.toml"
    target.write_text("mine")
    with pytest.raises(InputError, match="already exists"):
        output.write_text(str(target), "starter", exclusive=True)
    assert target.read_text() == "mine"
    output.write_text(str(tmp_path / "other.toml"), "starter", exclusive=True)
    assert (tmp_path / "other.toml").read_text() == "starter"
    assert _leftovers(tmp_path) == []


def test_a_directory_is_refused(tmp_path: Path):
    with pytest.raises(InputError, match="is a directory"):
        output.write_text(str(tmp_path), "x")


def test_a_device_is_written_to_not_replaced():
    output.write_text(os.devnull, "into the void")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_one_error():
    with pytest.raises(InputError, match="cannot write"):
        output.write_text("/dev/full", "x" * 100_000)


def test_same_place():
    assert output.same_place("a/../b.png", "b.png")
    assert not output.same_place("a.png", "b.png")
