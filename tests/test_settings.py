from __future__ import annotations

import pytest

from sitrep.errors import SettingsError
from sitrep.settings import SETTINGS, Settings, load_settings


def test_defaults_match_table():
    settings = load_settings(user_file=None, environ={})
    for setting in SETTINGS:
        assert getattr(settings, setting.name) == setting.default


def test_environment_overrides_file(tmp_path):
    user = tmp_path / "settings.toml"
    user.write_text('model = "from_file"\nbatch_size = 8\n', encoding="utf-8")
    settings = load_settings(user_file=user, environ={"SITREP_BATCH_SIZE": "4"})
    assert settings.model == "from_file"
    assert settings.batch_size == 4


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SITREP_BATCH_SIZE": "zero"}, "batch_size"),
        ({"SITREP_BATCH_SIZE": "0"}, "at least 1"),
        ({"SITREP_MIN_CONFIDENCE": "2"}, "between 0 and 1"),
    ],
)
def test_bad_values_fail_loudly(tmp_path, environ, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(user_file=tmp_path / "absent.toml", environ=environ)


def test_unknown_key_in_file_is_an_error(tmp_path):
    user = tmp_path / "settings.toml"
    user.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        load_settings(user_file=user, environ={})


def test_replace_casts_and_checks():
    assert Settings().replace(batch_size="3").batch_size == 3
    with pytest.raises(SettingsError):
        Settings().replace(batch_size=-1)


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("0", False), ("yes", True), ("off", False)])
def test_boolean_settings_parse(raw, value):
    assert load_settings(user_file=None, environ={"SITREP_VERBAL_EVENTS": raw}).verbal_events is value


def test_boolean_setting_rejects_junk():
    with pytest.raises(SettingsError, match="true or false"):
        load_settings(user_file=None, environ={"SITREP_VERBAL_EVENTS": "maybe"})
