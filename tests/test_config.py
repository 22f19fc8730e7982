from pathlib import Path

import pytest

from kiosk.config import ConfigError, Environment, load_settings, parse_override


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.environment is Environment.DEVELOPMENT
    assert settings.database_url == f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    assert settings.source is None


def test_file_then_overrides(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text(
        '[desk]\ncode = "HK07"\nname = "Bàn số 7"\n[devices]\ncapture_timeout_s = 12\n',
        encoding="utf-8")
    settings = load_settings(tmp_path, overrides=dict([parse_override("desk.code=HK09")]))
    assert settings["desk.code"] == "HK09"
    assert settings["desk.name"] == "Bàn số 7"
    assert settings["devices.capture_timeout_s"] == 12


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[desk]\ncolour = "blue"\n', "desk.colour"),
        ('[devices]\nface = "polaroid"\n', "devices.face = 'polaroid'"),
        ('[devices]\ncapture_timeout_s = -1\n', "devices.capture_timeout_s = -1"),
        ('environment = "prod"\n', "environment = 'prod'"),
        ("[desk\n", "not valid TOML"),
        ('[ui]\nlanguage = "fr"\n', "ui.language = 'fr'"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, toml: str, named: str) -> None:
    (tmp_path / "kiosk.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=named.replace("[", r"\[")):
        load_settings(tmp_path)


def test_production_refuses_simulated_devices(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="production refuses simulated"):
        load_settings(tmp_path, overrides={"environment": "production"})


def test_simulator_means_training_but_never_on_a_production_installation(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, simulator=True)
    assert settings.training and settings["registry.backend"] == "synthetic"
    (tmp_path / "kiosk.toml").write_text(
        'environment = "production"\n[devices]\nface = "opencv"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="own --data-dir"):
        load_settings(tmp_path, simulator=True)


def test_override_syntax_is_checked() -> None:
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_override("desk.code")


def test_interface_language_is_vietnamese_unless_english_is_chosen(tmp_path: Path) -> None:
    assert load_settings(tmp_path)["ui.language"] == "vi"
    (tmp_path / "kiosk.toml").write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    assert load_settings(tmp_path)["ui.language"] == "en"
    with pytest.raises(ConfigError, match=r"ui\.language = 'fr': phải là \"vi\" .* hoặc \"en\""):
        load_settings(tmp_path, overrides={"ui.language": "fr"})


def test_registry_sql_has_its_own_database_and_survives_simulator_mode(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, overrides={"registry.backend": "sql"})
    assert settings.registry_url == f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    assert settings.registry_url != settings.database_url
    assert load_settings(tmp_path, overrides={
        "registry.backend": "sql", "registry.url": "sqlite:////srv/r.db"}).registry_url \
        == "sqlite:////srv/r.db"
    (tmp_path / "kiosk.toml").write_text('[registry]\nbackend = "sql"\n', encoding="utf-8")
    assert load_settings(tmp_path, simulator=True)["registry.backend"] == "sql"
    (tmp_path / "kiosk.toml").write_text('[registry]\nbackend = "http"\nurl = "https://x"\n',
                                         encoding="utf-8")
    assert load_settings(tmp_path, simulator=True)["registry.backend"] == "synthetic"
    with pytest.raises(ConfigError, match=r"registry\.backend"):
        load_settings(tmp_path, overrides={"registry.backend": "oracle"})
