"""1,000 personalised 本人通知 letters: BreachDesk versus the way an office does it today (Word mail merge → PDF).

Run:  python bench/letters.py [--count 1000] [--skip-libreoffice]

Prints, for one run on this machine:
  * BreachDesk: one print PDF of N letters, and N separate PDFs written to disk (time, ms per letter), once with
    plain names and once with 𠮷 in every tenth name (the names fallback face and the text-map fix in play);
  * the bare ReportLab floor: a simple fixed letter drawn N times on one canvas (docs/tech-notes.md: ~1.5 ms);
  * LibreOffice headless converting the same letters from .docx as Word's mail merge leaves them (one section per
    letter, formatted like BreachDesk's, see docx_letters.py): one N-letter .docx to one PDF, and N one-letter
    .docx files to N PDFs in a single soffice call (its cheapest per-file route);
  * the ratios, measured in this run, and the peak memory (max RSS) of this process and of soffice.
Targets (issue 7): one PDF ≤ 3 s and ≥ 3× faster than LibreOffice; separate PDFs ≥ 10× faster; peak ≤ 300 MB.

LibreOffice: `apt-get install -y libreoffice-writer-nogui` (Debian/Ubuntu). Without `soffice` on the PATH that part
is skipped with a message. The .docx files are written with zipfile (no python-docx); LibreOffice gets the same
BIZ UD fonts through a private fontconfig file, and a throw-away profile warmed by one untimed conversion.
Numbers only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.documents.context import ContactDesk, DocumentContext, IncidentInfo, Recipient  # noqa: E402
from app.domain.facts import DataItem, Event, Facts, Role  # noqa: E402
from app.domain.office import OfficeProfile  # noqa: E402
from app.domain.report import Cause, DataInvolved, Overview, ReportDraft, SecondaryDamage  # noqa: E402
from bench.docx_letters import write_docx  # noqa: E402

ITEM_SETS = (
    ("name", "address"),
    ("name", "email", "phone"),
    ("name", "card_number_full"),
    ("name", "diagnosis"),
)


def sample_context() -> DocumentContext:
    from app.rules import assess

    facts = Facts(
        role=Role.CONTROLLER,
        event=Event.LEAK,
        learned_date=dt.date(2027, 7, 1),
        possibility_only=True,
        data_items=(
            DataItem.NAME,
            DataItem.ADDRESS,
            DataItem.EMAIL,
            DataItem.PHONE,
            DataItem.CARD_NUMBER_FULL,
        ),
        affected_count=1000,
    )
    report = ReportDraft(
        overview=Overview(
            occurred_date=dt.date(2027, 6, 28),
            learned_date=dt.date(2027, 7, 1),
            what_happened="当社の会員向けウェブサイトが第三者による不正アクセスを受け、会員情報が閲覧されたおそれがあります。",
        ),
        data=DataInvolved(items="氏名、住所、メールアドレス、電話番号、クレジットカード番号"),
        cause=Cause(description="ウェブサイトのソフトウェアの脆弱性を突かれたためです。"),
        secondary_damage=SecondaryDamage(present=False),
    )
    return DocumentContext(
        office=OfficeProfile(
            name="株式会社サンプル商事", representative="代表取締役　山田 一郎", phone="03-1234-5678"
        ),
        incident=IncidentInfo(1, "2027-0001", "会員サイトへの不正アクセス", facts, assess(facts)),
        issued_on=dt.date(2027, 7, 5),
        report=report,
        contact=ContactDesk("お客様相談室", "0120-000-111", "平日 9:00〜17:00", "support@example.co.jp"),
    )


SURNAMES = [
    "佐藤",
    "鈴木",
    "髙橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山﨑",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
    "福田",
    "太田",
    "西村",
    "藤井",
    "金子",
    "岡本",
    "藤原",
    "三浦",
]
GIVEN = [
    "一郎",
    "花子",
    "健太",
    "美咲",
    "翔太",
    "陽菜",
    "大輔",
    "結衣",
    "拓也",
    "さくら",
    "直樹",
    "愛",
    "亮",
    "優子",
    "誠",
    "恵",
    "浩二",
    "真由美",
    "剛",
    "彩",
    "悠斗",
    "葵",
    "蓮",
    "凛",
    "湊",
    "紬",
    "樹",
    "澪",
    "智子",
    "和夫",
    "幸子",
    "隆",
    "京子",
    "勝",
    "節子",
    "修",
    "洋子",
    "茂",
    "久美子",
    "進",
]
PLACES = (
    "東京都千代田区丸の内",
    "大阪府大阪市北区梅田",
    "愛知県名古屋市中区栄",
    "北海道札幌市中央区北一条西",
    "福岡県福岡市博多区博多駅前",
    "神奈川県横浜市西区みなとみらい",
    "京都府京都市下京区烏丸通",
    "宮城県仙台市青葉区一番町",
    "広島県広島市中区紙屋町",
    "沖縄県那覇市久茂地",
)


def surname(n: int, rare_every: int) -> str:
    """Every `rare_every`-th person is a 𠮷野/𠮷田…: 𠮷 prints in the names fallback face (issue 15)."""
    name = SURNAMES[n % len(SURNAMES)]
    return "𠮷" + name[1:] if rare_every and n % rare_every == 0 else name


def people(count: int, rare_every: int = 0) -> list[Recipient]:
    """Varied names and addresses, so each file needs its own small subset of name glyphs, as in real lists."""
    return [
        Recipient(
            key=f"C{n:05d}",
            name=f"{surname(n, rare_every)} {GIVEN[(n * 7) % len(GIVEN)]}",
            postal_code=f"{100 + n % 900:03d}-{n % 10000:04d}",
            address1=f"{PLACES[n % len(PLACES)]}{1 + n % 3}丁目{n % 50 + 1}番{n % 9 + 1}号",
            address2=f"サンプルマンション{n % 40 + 101}号室",
            items=ITEM_SETS[n % len(ITEM_SETS)],
            line=n + 1,
        )
        for n in range(count)
    ]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def timed(label: str, count: int, run) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"  {label:<46} {seconds:8.2f} s  {seconds / count * 1000:7.2f} ms/letter")
    return seconds


def bare_floor(count: int) -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from app.documents.render.fonts import MINCHO, register_fonts

    register_fonts()
    canvas = Canvas(io.BytesIO(), pageCompression=1, initialFontName=MINCHO)
    line = "このたび、当社がお預かりしているお客様の個人情報が漏えいしたおそれがあることが判明いたしました。"[
        :40
    ]
    for n in range(count):
        canvas.setFont(MINCHO, 11)
        canvas.drawString(70, 780, f"〒100-{n:04d}")
        canvas.drawString(70, 765, f"東京都千代田区千代田{n}番地")
        text = canvas.beginText(70, 700)
        text.setFont(MINCHO, 10.5)
        for _ in range(38):
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()


def soffice_env(work: Path) -> dict[str, str]:
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{ROOT / "resources" / "fonts"}</dir>'
        f"<cachedir>{work / 'fc-cache'}</cachedir></fontconfig>"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def soffice(args: list[str], work: Path, env: dict[str, str]) -> None:
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", *args],
        check=True, capture_output=True, env=env, timeout=3600,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--skip-libreoffice", action="store_true")
    args = parser.parse_args()
    count = args.count

    from app.documents.mailmerge.merge import MergeMode, plan, write
    from app.documents.render.letters import render_letters

    ctx = sample_context()
    print(f"{count} personalised letters, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="breachdesk-bench-") as tmp:
        work = Path(tmp)
        runs: dict[str, tuple[float, float]] = {}
        for label, rare_every in (("plain names", 0), ("𠮷 in every tenth name", 10)):
            recipients = people(count, rare_every)
            print(f"BreachDesk, {label}")
            folder = work / f"ours-{rare_every}"
            merged = plan(ctx, recipients, MergeMode.COMBINED)
            if len(merged.letters) != count:
                print(
                    f"  only {len(merged.letters)} of {count} letters can print: the figures are not comparable"
                )
            ours_one = timed(
                "one print PDF (check + compose + render + write)",
                count,
                lambda people_=recipients, to=folder: write(
                    ctx, plan(ctx, people_, MergeMode.COMBINED), to / "letters.pdf"
                ),
            )
            size = (folder / "letters.pdf").stat().st_size
            print(f"  {'':<46} {size / 1e6:8.1f} MB")
            ours_many = timed(
                "separate PDFs (check + compose + render + write)",
                count,
                lambda people_=recipients, to=folder: write(
                    ctx, plan(ctx, people_, MergeMode.SEPARATE), to / "separate"
                ),
            )
            letters = merged.letters
            timed(
                "  of which rendering the print PDF alone",
                count,
                lambda laid=letters: render_letters(ctx, laid),
            )
            runs[label] = (ours_one, ours_many)
        letters = plan(ctx, people(count), MergeMode.COMBINED).letters
        timed("bare ReportLab floor (fixed simple letter)", count, lambda: bare_floor(count))
        ours_peak = peak_mb()
        print(f"  peak memory of this process (max RSS)        {ours_peak:8.0f} MB")

        if args.skip_libreoffice or shutil.which("soffice") is None:
            if not args.skip_libreoffice:
                print(
                    "\nLibreOffice: soffice not found — install it with `apt-get install -y libreoffice-writer-nogui`;"
                )
                print("the comparison is skipped.")
            return
        print("LibreOffice headless (the office's way: Word mail merge, then PDF)")
        env = soffice_env(work)
        warm = work / "warm.docx"
        write_docx(warm, list(letters[:1]))
        soffice(["--outdir", str(work / "warm"), str(warm)], work, env)  # profile and font cache, untimed
        docx_one = work / "lo-one" / "letters.docx"
        docx_one.parent.mkdir()
        lo_one = timed(
            "build the mail-merged .docx (zipfile)", count, lambda: write_docx(docx_one, list(letters))
        )
        lo_one += timed(
            "one .docx → one PDF",
            count,
            lambda: soffice(["--outdir", str(work / "lo-one-pdf"), str(docx_one)], work, env),
        )
        many = work / "lo-many"
        many.mkdir()

        def many_docx() -> None:
            for n, letter in enumerate(letters, start=1):
                write_docx(many / f"{n:04d}.docx", [letter])

        lo_many = timed(f"build {count} .docx files", count, many_docx)
        files = sorted(str(p) for p in many.glob("*.docx"))
        lo_many += timed(
            f"{count} .docx → {count} PDFs (one soffice call)",
            count,
            lambda: soffice(["--outdir", str(work / "lo-many-pdf"), *files], work, env),
        )
        print(f"  peak memory of soffice (max RSS)               {peak_mb(resource.RUSAGE_CHILDREN):8.0f} MB")
        print("Ratios (LibreOffice time / BreachDesk time, same run)")
        for label, (ours_one, ours_many) in runs.items():
            print(f"  {label}")
            print(
                f"    one print PDF:   {lo_one / ours_one:6.1f}×   (target ≥ 3×; BreachDesk {ours_one:.2f} s, target ≤ 3 s)"
            )
            print(f"    separate PDFs:   {lo_many / ours_many:6.1f}×   (target ≥ 10×)")
        print(f"  BreachDesk peak memory {ours_peak:.0f} MB (target ≤ 300 MB)")


if __name__ == "__main__":
    main()
