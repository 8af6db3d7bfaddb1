# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie serve``: the web UI over the folder's database, with the folder's secret key."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Annotated

import typer

from regie.cli import output
from regie.cli.context import folder, rule_dirs, say

if TYPE_CHECKING:
    from regie.services.folders import FolderConfig

HostOption = Annotated[str, typer.Option("--host", help="Adresse d'écoute.")]
PortOption = Annotated[int, typer.Option("--port", help="Port d'écoute.")]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_server(config: FolderConfig, host: str, port: int, *, insecure_cookies: bool) -> None:
    """Serve until interrupted (Ctrl+C)."""
    import uvicorn

    from regie.jobs import broker_url_setting, runner_for
    from regie.services.folders import secret_key
    from regie.web.app import create_app

    app = create_app(
        config.resolved_database_url,
        secret_key=secret_key(config),
        secure_cookies=not insecure_cookies,
        rule_dirs=rule_dirs(config),
        job_runner=runner_for(broker_url_setting(config.root)),
        folder=config.root,
    )
    if insecure_cookies and not is_loopback(host):
        output.warn(
            say(
                "Attention : cookies de session sans HTTPS sur une adresse du réseau ; "
                "placez regie derrière un proxy HTTPS.",
                "Warning: session cookies without HTTPS on a network address; put regie "
                "behind an HTTPS proxy.",
            )
        )
    shown = f"[{host}]" if ":" in host else host
    output.line(
        say(
            f"regie sur http://{shown}:{port}/ — Ctrl+C pour arrêter.",
            f"regie on http://{shown}:{port}/ — Ctrl+C to stop.",
        )
    )
    uvicorn.run(app, host=host, port=port, log_level="info")


def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    insecure_cookies: Annotated[
        bool,
        typer.Option(
            "--insecure-cookies",
            help="Cookies de session sans l'attribut Secure (HTTP simple hors localhost).",
        ),
    ] = False,
) -> None:
    """Lancer l'interface web du dossier de production."""
    from regie.services import accounts

    config = folder()
    db = config.database()
    try:
        db.check_schema()
        members = accounts.list_members(db, config.slug, actor=None)
    finally:
        db.dispose()
    if not members:
        output.warn(
            say(
                "Aucun compte dans cette production : créez-en un avec "
                "`regie user add EMAIL --name NOM --role producer`.",
                "No account in this production yet: create one with "
                "`regie user add EMAIL --name NAME --role producer`.",
            )
        )
    run_server(config, host, port, insecure_cookies=insecure_cookies)
