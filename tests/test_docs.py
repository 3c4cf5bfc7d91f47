"""The README documents every setting (the table is `psb settings --markdown`)."""

from assistant.settings import Settings
from tests.conftest import REPO


def test_every_setting_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [f"PSB_{name.upper()}" for name in Settings.model_fields if f"`PSB_{name.upper()}`" not in readme]
    assert not missing, f"add to the README settings table (psb settings --markdown): {missing}"


def test_the_readme_table_is_current():
    """The README's table is exactly `psb settings --markdown`, defaults included."""
    from click.testing import CliRunner

    from assistant.cli import cli

    table = CliRunner().invoke(cli, ["settings", "--markdown"], env={k: None for k in _psb_env()}).stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert table.strip() in readme, "regenerate the README settings table with `psb settings --markdown`"


def _psb_env():
    import os

    return [k for k in os.environ if k.startswith("PSB_")]


def test_every_setting_has_a_description():
    assert all(field.description for field in Settings.model_fields.values())


def test_the_cli_reference_is_current():
    from assistant.cli_reference import reference

    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8").strip() == reference().strip(), \
        "regenerate with: python -m assistant.cli_reference > docs/cli.md"
