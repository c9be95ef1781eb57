"""Production settings: `homeward check --deploy` is clean, and nothing is guessed."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _homeward(args, tmp_path, **env):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECRET_KEY"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="homeward.settings_production",
        HOMEWARD_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        **env,
    )
    return subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "-m", "homeward.cli", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _homeward(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="homeward.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_secret_key_or_hosts(tmp_path, missing):
    env = {"SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "homeward.example.org"}
    del env[missing]

    result = _homeward(["check"], tmp_path, **env)

    assert result.returncode != 0
    assert f"Production needs the {missing} environment variable" in result.stderr


def test_production_settings_force_https_and_safe_headers(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(60))
    monkeypatch.setenv("ALLOWED_HOSTS", "homeward.example.org")
    monkeypatch.setenv("SECURE_SSL", "false")
    production = importlib.import_module("homeward.settings_production")
    production = importlib.reload(production)

    assert production.DEBUG is False
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.X_FRAME_OPTIONS == "DENY"
    assert production.SECURE_REFERRER_POLICY == "same-origin"
