"""The README's test command on a fresh machine: `./run` installs the Debian packages the suite needs
when it runs as root, and otherwise stops at once naming them. The machine is simulated: a PATH
with none of those commands, `id` answering root or not, and an `apt-get` that records its calls."""
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# commands the tests start, and their packages
NEEDED = {"chromium": "chromium", "redis-server": "redis-server", "pg_ctlcluster": "postgresql"}


def fake_command(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


@pytest.fixture()
def bare_machine(tmp_path):
    """A PATH with Python and coreutils' dirname only; `uid` sets what `id -u` answers."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "python3"):
        real = subprocess.run(["bash", "-c", f"command -v {tool}"], capture_output=True, text=True).stdout.strip()
        (bin_dir / tool).symlink_to(real)
    apt_log = tmp_path / "apt-get.log"
    fake_command(bin_dir, "apt-get", f'echo "$*" >> {apt_log}')

    def run(uid: int, present=()):
        fake_command(bin_dir, "id", f"echo {uid}")
        for command in present:
            fake_command(bin_dir, command, "true")
        result = subprocess.run(["/bin/bash", str(PROJECT / "run"), "test-packages"], capture_output=True, text=True,
                                env={"PATH": str(bin_dir), "HOME": str(tmp_path)}, timeout=30)
        calls = apt_log.read_text().splitlines() if apt_log.exists() else []
        return result, calls
    return run


def test_without_root_it_stops_at_once_naming_the_packages(bare_machine):
    result, calls = bare_machine(uid=1000)
    assert result.returncode == 1 and calls == []
    (line,) = result.stderr.splitlines()
    assert "apt-get install" in line and all(package in line.split() for package in NEEDED.values())


def test_as_root_it_installs_the_missing_packages(bare_machine):
    result, calls = bare_machine(uid=0, present=("chromium",))
    assert result.returncode == 0, result.stderr
    assert calls[0] == "update -qq"
    installed = calls[1].split()
    assert installed[0] == "install" and {"redis-server", "postgresql"} <= set(installed) and "chromium" not in installed


def test_nothing_is_installed_when_everything_is_there(bare_machine):
    result, calls = bare_machine(uid=0, present=NEEDED)
    assert result.returncode == 0 and calls == [] and result.stderr == ""
