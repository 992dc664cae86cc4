"""The README documents every command, option and setting, and its commands are real."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from sitrep.cli import cli
from sitrep.settings import SETTINGS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_quick_start_has_exactly_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "sitrep extract examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci


def test_bundled_example_exists():
    command = _quick_start_commands()[0]
    path = command.split("sitrep extract ", 1)[1].split()[0]
    assert (REPO / path).is_file()


def _commands(group: click.Group, prefix: str = "sitrep") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        out.append((full, command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, full))
    return out


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_and_option_is_documented(name, command):
    assert f"`{name}" in README, f"{name} is not documented"
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert opt in README, f"{name} {opt} is not documented"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    assert f"| `{setting.name}` |" in README
