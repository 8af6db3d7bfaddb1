# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sound/picture sync and timelines for the editor: registers ``sync`` on ``regie media``.

``regie media sync PICTURE... --sound WAV... [--mode auto|timecode|waveform] [--rate 25]
[--export FILE.otio|.fcpxml|.xml] [--json]`` pairs each camera clip with its sound file
(scene/take, else timecode overlap), syncs them (timecode checked by waveform in ``auto``)
and prints per clip the sound, the method, the offset in frames and seconds, the
confidence and the warnings; ``--export`` writes the synced timeline. Works on files, not
on a production folder. Media libraries are imported inside the command.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import EXIT_ERROR, JsonOption, command, lang, say
from regie.cli.media import media_app
from regie.cli.schedule import tr
from regie.core.errors import InputError, RegieError
from regie.core.text import t
from regie.media.sync import SyncMode

if TYPE_CHECKING:
    from regie.media.sync import SyncResult
    from regie.mediaio.sync_io import SyncReport

PicturesArgument = Annotated[
    list[Path],
    typer.Argument(metavar="IMAGE...", help="Rushes image (fichiers ou dossiers)."),
]
SoundOption = Annotated[
    list[Path],
    typer.Option(
        "--sound",
        "-s",
        metavar="WAV",
        help="Fichier son BWF ou dossier de sons (répéter l'option pour plusieurs).",
    ),
]
ModeOption = Annotated[
    SyncMode,
    typer.Option(
        "--mode",
        help="auto : timecode vérifié par la forme d'onde ; timecode ; waveform (forme d'onde).",
    ),
]
ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        "-e",
        metavar="FICHIER",
        help="Écrire la timeline synchronisée : .otio, .fcpxml (Final Cut Pro) ou .xml (FCP7).",
    ),
]
RateOption = Annotated[
    str | None,
    typer.Option(
        "--rate",
        help="Cadence image à utiliser (25, 24000/1001, 29.97…) ; défaut : celle des rushes.",
    ),
]


def parse_rate(text: str | None) -> Fraction | None:
    """``25``, ``25/1``, ``30000/1001``, ``29.97`` (→ 30000/1001) or ``None``."""
    if text is None:
        return None
    from regie.mediaio.bwf_fields import speed_rate

    rate = speed_rate(text)
    if rate is None or rate <= 0:
        raise InputError(
            t("'{rate}' is not a frame rate", rate=text),
            where="--rate",
            hint=t("Write it like 25, 24000/1001 or 29.97"),
        )
    return rate


def result_json(result: SyncResult) -> dict[str, Any]:
    from regie.media.sync import sound_start

    picture, sound = result.picture, result.sound
    start = sound_start(
        sound, picture.rate, drop_frame=bool(picture.start and picture.start.drop_frame)
    )
    correlation = result.correlation
    return {
        "picture": picture.name,
        "picture_path": picture.path,
        "picture_start": str(picture.start) if picture.start else None,
        "rate": str(picture.rate),
        "sound": sound.name,
        "sound_path": sound.path,
        "sound_start": str(start) if start else None,
        "scene": sound.scene,
        "take": sound.take,
        "tape": sound.tape,
        "tracks": list(sound.track_names),
        "method": result.method.value,
        "offset_frames": result.offset_frames,
        "offset_s": round(result.offset_s, 6),
        "timecode_offset_frames": result.timecode_offset_frames,
        "waveform_offset_frames": result.waveform_offset_frames,
        "disagreement_frames": result.disagreement_frames,
        "confidence": None if result.confidence is None else round(result.confidence, 4),
        "peak": None if correlation is None else round(correlation.peak, 4),
        "warnings": [tr(w) for w in result.warnings],
    }


def report_json(report: SyncReport, mode: SyncMode, export: Path | None) -> dict[str, Any]:
    from regie.documents.i18n import error_messages

    reasons = {id(p.picture): p.reason.value for p in report.matching.pairs}
    results = [result_json(r) | {"match": reasons.get(id(r.picture))} for r in report.results]
    worded = error_messages(lang())
    return {
        "mode": mode.value,
        "results": results,
        "failures": [
            {"picture": f.picture.name, "sound": f.sound.name, "error": f.error.to_dict(worded)}
            for f in report.failures
        ],
        "unmatched_pictures": [p.name for p in report.matching.unmatched_pictures],
        "unused_sounds": [s.name for s in report.matching.unused_sounds],
        "export": str(export) if export else None,
    }


_METHODS = {"timecode": ("timecode", "timecode"), "waveform": ("forme d'onde", "waveform")}


def _print(report: SyncReport) -> None:
    rows = []
    for r in report.results:
        confidence = "—" if r.confidence is None else f"{r.confidence:.2f}"
        rows.append(
            (
                r.picture.name,
                r.sound.name,
                say(*_METHODS[r.method.value]),
                f"{r.offset_frames:+d}",
                f"{r.offset_s:+.3f}",
                confidence,
                "\n".join(tr(w) for w in r.warnings) or None,
            )
        )
    output.table(
        say("Synchronisation son/image", "Sound/picture sync"),
        [
            say("Image", "Picture"),
            say("Son", "Sound"),
            say("Méthode", "Method"),
            say("Décalage (images)", "Offset (frames)"),
            say("Décalage (s)", "Offset (s)"),
            say("Confiance", "Confidence"),
            say("Avertissements", "Warnings"),
        ],
        rows,
        keep=(0, 1, 3, 4),
    )
    for failure in report.failures:
        output.warn(f"{failure.picture.name} / {failure.sound.name} : {tr_error(failure.error)}")
    for picture in report.matching.unmatched_pictures:
        output.warn(say(f"{picture.name} : aucun son trouvé", f"{picture.name}: no sound found"))
    for sound in report.matching.unused_sounds:
        output.warn(say(f"{sound.name} : son non utilisé", f"{sound.name}: sound not used"))


def tr_error(error: RegieError) -> str:
    from regie.documents.i18n import error_messages

    return error.localized(error_messages(lang()))


@command(
    media_app,
    "sync",
    "Synchroniser le son et l'image (timecode BWF, forme d'onde) et exporter la timeline.",
)
def sync(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    pictures: PicturesArgument,
    sound: SoundOption,
    mode: ModeOption = SyncMode.AUTO,
    export: ExportOption = None,
    rate: RateOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.mediaio.sync_io import (
        PICTURE_SUFFIXES,
        SOUND_SUFFIXES,
        media_files,
        sync_many,
    )

    fps = parse_rate(rate)
    fmt = None
    if export is not None:
        from regie.documents.timeline import format_for

        fmt = format_for(export)  # a bad suffix is refused before any decoding
    picture_paths = media_files(pictures, PICTURE_SUFFIXES)
    sound_paths = media_files(sound, SOUND_SUFFIXES)
    for path, option in [(p, "IMAGE") for p in picture_paths] + [
        (s, "--sound") for s in sound_paths
    ]:
        if not path.is_file():
            raise InputError(
                t("the file {path} does not exist", path=path),
                where=option,
                hint=t("Check the path"),
            )
    if not picture_paths or not sound_paths:
        raise InputError(
            t("no camera clip or no sound file to sync"),
            where="IMAGE / --sound",
            hint=t("Give clips (.mov, .mxf, .mp4) and Broadcast WAV files, or their folders"),
        )
    report = sync_many(picture_paths, sound_paths, mode, rate=fps)
    if report.failures and not report.results:
        raise report.failures[0].error
    if export is not None and fmt is not None:
        from regie.documents.timeline import build_timeline, timeline_bytes

        timeline = build_timeline(
            report.results,
            name=export.stem,
            unsynced=[f.picture for f in report.failures]
            + list(report.matching.unmatched_pictures),
        )
        output.write_file(export, timeline_bytes(timeline, fmt))
    if json_output:
        output.print_json(report_json(report, mode, export))
    else:
        _print(report)
        if export is not None:
            output.success(say(f"Timeline écrite : {export}", f"Timeline written: {export}"))
    if report.failures:
        raise typer.Exit(EXIT_ERROR)
