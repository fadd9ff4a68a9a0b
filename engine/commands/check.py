"""`telaah check FILE...`: the main job — every rule on every plan file, reported in any format.

Exit codes: 0 no finding at or above the fail level; 1 findings; 2 usage, input or internal error.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import InputError
from ..findings import SEVERITY_RANK, FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(message, err=True)
    raise SystemExit(EXIT_ERROR)


def _split_codes(values) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _outputs(specs, formats) -> list[tuple[str, str]]:
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition("=")
        if not sep or not path or fmt not in formats:
            raise click.BadParameter(f"'{spec}': tulis FORMAT=PATH, FORMAT salah satu dari {', '.join(formats)}", param_hint="--output")
        out.append((fmt, path))
    return out


def _progress_bar(total: int, lang: str):
    """A one-line progress bar on stderr, redrawn after each file."""
    label = "memeriksa" if lang == "id" else "checking"
    state = {"done": 0}

    def show(_done: int, _group_total: int) -> None:
        state["done"] += 1
        filled = 30 * state["done"] // total
        click.echo(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {state['done']}/{total}", err=True, nl=False)

    return show


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.errors for r in results):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    limit = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK.get(f.severity, 0) <= limit for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _options_for(path: str, explicit_config, flags: dict, packs: tuple[str, ...], cache: dict):
    from ..config import load_config, override
    from ..pipeline import CheckOptions, known_codes

    codes = known_codes(CheckOptions(packs=packs))
    config = load_config(Path(path), Path(explicit_config) if explicit_config else None, codes)
    key = (config, tuple(sorted(flags.items())))
    if key not in cache:
        cfg = override(config, **flags)
        for code in (cfg.select or ()) + (cfg.ignore or ()):
            if not any(k.startswith(code) for k in codes):
                raise InputError(f"kode aturan tidak dikenal: {code}", f"unknown rule code: {code}", file="--select/--ignore")
        cache[key] = CheckOptions(config=cfg, packs=packs, lang=cfg.lang, limits=cfg.limits)
    return cache[key]


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("--format", "fmt", default="text", show_default=True, metavar="FORMAT",
              help="Format keluaran ke stdout / Output format on stdout: text, json, sarif, junit, github, markdown, html.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Tulis juga format lain ke berkas (boleh berulang) / Also write FORMAT to PATH (repeatable).")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Bahasa pesan / Message language (default id).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Tingkat temuan yang membuat exit 1 / Lowest severity that makes exit code 1 (default error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 walau ada temuan / Exit 0 even with findings.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Berkas konfigurasi / Configuration file (default: nearest telaah.toml or pyproject.toml).")
@click.option("--rules", "packs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Paket aturan tambahan / Extra rule pack directory (repeatable).")
@click.option("--select", multiple=True, help="Hanya kode ini (awalan, dipisah koma) / Only these code prefixes.")
@click.option("--ignore", multiple=True, help="Lewati kode ini / Skip these code prefixes.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Proses pekerja / Worker processes (default: all cores).")
@click.option("--show-config", is_flag=True, help="Cetak konfigurasi efektif / Print the effective configuration.")
@click.option("--show-suppressed", is_flag=True, help="Tampilkan temuan yang diabaikan / List suppressed findings.")
@click.option("--color/--no-color", default=None, help="Warna / Colour (default: only on a terminal).")
def check(paths, fmt, outputs, lang, fail_on, exit_zero, config_path, packs, select, ignore, jobs,
          show_config, show_suppressed, color):
    """Periksa dokumen rencana / Check plan documents.

    FILE may be a file, a directory (searched for *.json, *.yaml, *.yml) or a glob pattern.
    """
    from ..files import expand
    from ..output import OutputError, refuse_inputs, write_atomic
    from ..pipeline import check_files, rules_for
    from ..registry import RulesError
    from ..reporters import FORMATS, render

    ui_lang = lang or "id"
    if fmt not in FORMATS:
        _fail(f"format tidak dikenal: '{fmt}' (pilih: {', '.join(FORMATS)})")
    try:
        targets = _outputs(outputs, FORMATS)
    except click.BadParameter as exc:
        _fail(exc.format_message())
    flags = {"lang": lang, "fail_on": fail_on, "select": _split_codes(select), "ignore": _split_codes(ignore)}
    packs = tuple(str(Path(p)) for p in packs)
    try:
        files, problems = expand(paths)
        cache: dict = {}
        per_file = {path: _options_for(path, config_path, flags, packs, cache) for path in files}
    except RulesError as exc:
        _fail("\n".join(exc.lines(ui_lang)))
    except InputError as exc:
        _fail(exc.format(ui_lang))
    try:
        for _, target in targets:
            refuse_inputs(target, [*files, *([config_path] if config_path else [])], lang=ui_lang)
    except OutputError as exc:
        _fail(str(exc))
    if show_config:
        configs = {json.dumps(o.config.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) for o in per_file.values()}
        if not configs:
            from ..config import Config, override
            configs = {json.dumps(override(Config(), **flags).to_dict(), ensure_ascii=False, indent=2, sort_keys=True)}
        click.echo("\n".join(sorted(configs)))
        raise SystemExit(EXIT_OK)

    results: list[FileResult] = [FileResult(path=e.file, valid=False, errors=[e.format(ui_lang)]) for e in problems]
    groups: dict = {}
    for path, options in per_file.items():
        groups.setdefault(options, []).append(path)
    checked: dict[str, FileResult] = {}
    progress = _progress_bar(len(files), ui_lang) if len(files) > 1 and sys.stderr.isatty() else None
    for options, group in groups.items():
        for result in check_files(group, options, jobs=jobs if len(group) > 1 else 1, progress=progress):
            checked[result.path] = result
    if progress is not None:
        click.echo("", err=True)
    results += [checked[path] for path in files]
    for result in results:
        result.show_suppressed = show_suppressed
    rules = sorted({r.code: r for o in per_file.values() for r in rules_for(o)}.values(), key=lambda r: r.code)
    use_color = sys.stdout.isatty() if color is None else color
    report_lang = next(iter(per_file.values())).lang if per_file else ui_lang
    try:
        for target_fmt, target in targets:
            write_atomic(target, render(target_fmt, results, rules, lang=report_lang), lang=report_lang)
        click.echo(render(fmt, results, rules, lang=report_lang, color=use_color), nl=False)
    except OutputError as exc:
        _fail(str(exc))
    code = exit_code(results, next(iter(per_file.values())).config.fail_on if per_file else (fail_on or "error"))
    raise SystemExit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)
