"""telaah: a rules-based evaluation engine for Indonesian Renstra Perangkat Daerah."""

__version__ = "0.1.0"
