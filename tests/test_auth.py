"""Accounts, roles, bcrypt verification and the rule that an open app stays on loopback."""

from __future__ import annotations

import json

import bcrypt
import pytest
from click.testing import CliRunner

from assistant.errors import AccountsError
from assistant.auth import STAFF, Accounts, check_exposure, hash_password, is_loopback
from assistant.cli import cli
from assistant.settings import Settings


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {"reader": hash_password("r-pass", rounds=4), "staff": hash_password("s-pass", rounds=4)}


def test_accounts_from_the_users_string(tmp_path, hashes):
    settings = Settings(data_dir=tmp_path, users=f"rita:reader:{hashes['reader']}, sam:staff:{hashes['staff']}", _env_file=None)
    accounts = Accounts.from_settings(settings)
    assert not accounts.open and accounts.names == ["rita", "sam"]
    assert accounts.verify("rita", "r-pass").role == "reader"
    assert accounts.verify("sam", "s-pass").is_staff
    assert accounts.verify("sam", "s-pass").is_staff  # second time from the cache
    assert accounts.verify("rita", "s-pass") is None
    assert accounts.verify("nobody", "r-pass") is None
    assert accounts.verify("rita", "") is None
    assert accounts.role_of("sam") == STAFF and accounts.role_of("nobody") is None and accounts.role_of(None) is None
    assert accounts.gradio_auth("rita", "r-pass") and not accounts.gradio_auth("rita", "nope")


def test_accounts_from_a_users_file(tmp_path, hashes):
    path = tmp_path / "users.json"
    path.write_text(json.dumps({"ann": {"password_hash": hashes["staff"], "role": "staff"}}))
    accounts = Accounts.from_settings(Settings(data_dir=tmp_path, users_file=path, _env_file=None))
    assert accounts.verify("ann", "s-pass").is_staff


@pytest.mark.parametrize(
    ("users", "message"),
    [
        ("rita:admin:$2b$04$abc", "role 'admin'"),
        ("rita:reader:plaintext", "no bcrypt hash"),
        ("just-a-name", "is not 'name:role:bcrypt-hash'"),
    ],
)
def test_bad_accounts_are_refused_with_advice(tmp_path, users, message):
    with pytest.raises(AccountsError, match=message):
        Accounts.from_settings(Settings(data_dir=tmp_path, users=users, _env_file=None))


def test_missing_or_malformed_users_file(tmp_path):
    with pytest.raises(AccountsError, match="does not exist"):
        Accounts.from_settings(Settings(data_dir=tmp_path, users_file=tmp_path / "none.json", _env_file=None))
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(AccountsError, match="JSON object"):
        Accounts.from_settings(Settings(data_dir=tmp_path, users_file=bad, _env_file=None))


def test_open_mode_is_staff_but_only_on_loopback(tmp_path):
    accounts = Accounts.from_settings(Settings(data_dir=tmp_path, _env_file=None))
    assert accounts.open and accounts.role_of(None) == STAFF and accounts.account(None).is_staff
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host)
        check_exposure(accounts, host)
    for host in ("0.0.0.0", "192.168.1.10", "example.org", "::"):
        with pytest.raises(AccountsError, match="refusing to serve"):
            check_exposure(accounts, host)


def test_with_accounts_any_host_is_allowed(tmp_path, hashes):
    accounts = Accounts({"sam": ("staff", hashes["staff"])})
    check_exposure(accounts, "0.0.0.0")


def test_create_app_refuses_an_open_public_server(tmp_path):
    from assistant.server import create_app

    with pytest.raises(AccountsError, match="PSB_USERS"):
        create_app(Settings(data_dir=tmp_path, _env_file=None), host="0.0.0.0")


def test_hash_password_command():
    result = CliRunner().invoke(cli, ["users", "hash-password", "--name", "sam", "--role", "staff", "--password", "open sesame"])
    assert result.exit_code == 0, result.output
    name, role, hashed = result.output.strip().split(":", 2)
    assert (name, role) == ("sam", "staff")
    assert bcrypt.checkpw(b"open sesame", hashed.encode())
    assert Accounts({"sam": (role, hashed)}).verify("sam", "open sesame")


def test_hash_password_refuses_overlong_passwords():
    with pytest.raises(ValueError, match="72 bytes"):
        hash_password("x" * 100)
