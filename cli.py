"""Command line entry point. Subcommands are imported lazily so `telaah --help` starts fast."""
from __future__ import annotations

import importlib

import click

# name -> (module under telaah.engine.commands, attribute, one-line help)
COMMANDS = {
    "check": ("check", "check", "Periksa dokumen rencana / Check plan documents."),
    "validate": ("validate", "validate", "Validasi skema dan model saja / Schema and model validation only."),
    "schema": ("schema", "schema", "Cetak JSON Schema dokumen / Print the plan-document JSON Schema."),
    "rules": ("rules", "rules", "Daftar aturan / List the rules."),
    "explain": ("rules", "explain", "Jelaskan satu aturan / Explain one rule."),
    "ikm": ("ikm", "ikm", "Hitung IKM dari data survei / Compute IKM from survey responses."),
    "sakip": ("sakip", "sakip", "Hitung nilai dan predikat SAKIP / Compute a SAKIP evaluation."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            mod = importlib.import_module(f"telaah.engine.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("telaah.engine.commands"):
                return None
            raise
        return getattr(mod, attr)

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="telaah")
def main():
    """telaah — telaah Renstra Perangkat Daerah (SAKIP / IKM)."""


if __name__ == "__main__":  # pragma: no cover
    main()
