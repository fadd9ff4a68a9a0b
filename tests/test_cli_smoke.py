from click.testing import CliRunner

from telaah.cli import main


def test_help_lists_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("check", "validate", "schema", "rules", "explain", "ikm", "sakip"):
        assert name in result.output
