# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie location scout|photo|permit|conflicts|report`` on the planned sample
production of ``test_schedule_world`` (shoot from Monday 1 March 2027)."""

from __future__ import annotations

import io

import pdfplumber
from PIL import Image

from tests.cli.conftest import Folder
from tests.cli.test_schedule_world import MONDAY, plan_phare


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_scout_photo_permits_conflicts_and_report(imported: Folder, tmp_path: object) -> None:
    plan_phare(imported)
    assert imported("board", "new").exit_code == 0
    scouted = imported.json(
        "location", "scout", "Jetée", "--type", "public_road", "--prm", "non", "--kva", "12,5",
        "--generator", "--parking", "Quai nord", "--noise", "noisy",
        "--contact", "Jeanne Le Goff ; capitainerie ; 02 98 00 00 00", "--scouted-on", "2027-01-10",
    )  # fmt: skip
    assert (scouted["kind"], scouted["prm_access"], scouted["power_kva"]) == (
        "public_road", False, "12.5",
    )  # fmt: skip
    assert scouted["contacts"] == [
        {"name": "Jeanne Le Goff", "role": "capitainerie", "phone": "02 98 00 00 00", "email": ""}
    ]
    again = imported.json("location", "scout", "Jetée", "--access", "Par la digue")
    assert (again["access"], again["parking"], again["version"]) == ("Par la digue", "Quai nord", 2)

    photo = imported.write("jetee.png", _png())
    added = imported.json("location", "photo", "Jetée", str(photo), "--caption", "Vue du large")
    assert (added["content_type"], added["width"], added["caption"]) == (
        "image/png",
        300,
        "Vue du large",
    )
    bad = imported("location", "photo", "Jetée", str(imported.write("faux.jpg", b"not a jpeg")))
    assert bad.exit_code == 2
    assert "faux.jpg" in bad.stderr

    conflicts = imported.json("location", "conflicts")
    assert [f["code"] for f in conflicts["findings"]] == ["permit.missing"]  # a public road
    permit = imported.json(
        "location", "permit", "add", "Jetée", "police_road", "--name", "Préfecture de police",
        "--covers", f"{MONDAY}:{MONDAY}",
    )  # fmt: skip
    assert permit["status"] == "planned"
    assert permit["deadline"] == "2027-02-08"  # 21 calendar days before Monday 1 March
    listed = imported.json("location", "permit", "list")
    assert [p["id"] for p in listed] == [permit["id"]]
    assert imported.json("location", "conflicts", "--on", "2027-02-08")["findings"] == []
    late = imported.json("location", "conflicts", "--on", "2027-02-09")["findings"]
    assert [(f["code"], f["days"], f["permit"]) for f in late] == [
        ("permit.late", ["2027-03-01"], permit["id"])
    ]
    assert "Préfecture de police" in late[0]["message_en"]
    shown = imported("location", "conflicts", "--on", "2027-02-09")
    assert "Préfecture de police" in shown.stdout
    granted = imported.json("location", "permit", "set", str(permit["id"]), "--status", "granted")
    assert (granted["status"], granted["version"]) == ("granted", 2)
    assert imported.json("location", "conflicts", "--on", "2027-02-09")["findings"] == []
    early = imported(
        "location", "permit", "add", "Jetée", "rail", "--covers", "2027-02-01:2027-02-02"
    )
    assert early.exit_code == 2
    assert "01/02/2027" in early.stderr  # before the first shoot day, French dates
    unknown = imported("location", "permit", "add", "Jetée", "ministère")
    assert unknown.exit_code == 2
    assert "police_road" in unknown.stderr
    authorities = imported.json("location", "permit", "authorities")
    assert {a["authority"] for a in authorities} >= {"town_hall", "rail", "drone"}

    out = tmp_path / "reperages.pdf"  # type: ignore[operator]
    assert imported("location", "report", "-o", str(out)).exit_code == 0
    with pdfplumber.open(out) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
        images = sum(len(p.images) for p in document.pages)
    assert "Jetée" in text
    assert "Quai nord" in text
    assert "Préfecture de police" in text
    assert "Phare" not in text.replace("Le Phare des Oubliés", "")  # not scouted: left out
    assert images == 1
