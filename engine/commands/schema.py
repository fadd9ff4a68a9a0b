"""`telaah schema`: print the plan-document JSON Schema exactly as shipped."""
from __future__ import annotations

import click

from ..validate import schema_text


@click.command()
def schema():
    """Cetak JSON Schema dokumen rencana / Print the plan-document JSON Schema."""
    click.echo(schema_text(), nl=False)
