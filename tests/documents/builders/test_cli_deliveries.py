"""`main.py letters` holds back single letters (exit 4) and records what happened to each notice afterwards."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import build_parser, run_command
from app.db.database import Database
from app.paths import DataPaths
from tests.documents.builders.factories import seed_incident
from tests.documents.helpers import page_texts

HEADER = "顧客番号,氏名,郵便番号,住所1,住所2,メール\r\n"
ROWS = [
    "C1,髙橋 一郎,100-0001,東京都千代田区千代田1-1,,ichiro@example.jp\r\n",
    "C2,\ue000田 次郎,100-0002,東京都千代田区千代田1-2,,jiro@example.jp\r\n",
    "C3,山﨑 花子,100-0003,東京都千代田区千代田1-3,,hanako@example.jp\r\n",
]


@pytest.fixture
def register(data_paths: DataPaths) -> DataPaths:
    db = Database.open(data_paths)
    try:
        seed_incident(db)
    finally:
        db.close()
    return data_paths


def run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(paths.root), *argv])
    code = run_command(args, out, err)
    return code, out.getvalue(), err.getvalue()


def flat(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "").replace(" ", "").replace("\u3000", "")


def test_one_unprintable_name_holds_back_only_its_letter_with_exit_4(
    register: DataPaths, tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    target = tmp_path / "letters.pdf"
    code, out, err = run(
        register,
        "letters",
        "--incident",
        "1",
        "--recipients",
        str(path),
        "--out",
        str(target),
        "--record-sent",
    )
    assert code == 4, err
    assert "1通の通知を保留しました" in err
    assert "3行目（C2）：「U+E000」を印刷できる字体がありません。" in err
    assert "\ue000" not in err and "次郎" not in err
    text = flat(target.read_bytes())
    assert "髙橋一郎様" in text and "山﨑花子様" in text and "次郎" not in text
    code, out, _err = run(register, "letters", "status", "--incident", "1")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines() if "\t" in line] == ["C1", "C3"]


def test_a_name_with_a_question_mark_waits_for_allow_suspect_names(
    register: DataPaths, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes((HEADER + ROWS[0] + ROWS[1].replace("\ue000", "?")).encode("cp932"))
    code, _out, err = run(
        register, "letters", "--incident", "1", "--recipients", str(path), "--out", str(tmp_path / "a")
    )
    assert code == 4
    assert (
        "3行目（C2）：氏名に「?」があります。文字化け（Excelでの保存時に失われた文字）の可能性があります。"
        in err
    )
    assert "--allow-suspect-names" in err
    code, _out, err = run(
        register, "letters", "--incident", "1", "--recipients", str(path), "--out", str(tmp_path / "b"),
        "--allow-suspect-names",
    )  # fmt: skip
    assert code == 0, err
    assert "?田次郎様" in flat((tmp_path / "b" / next((tmp_path / "b").iterdir()).name).read_bytes())


def test_returned_bounced_resent_status_and_copy(register: DataPaths, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + ROWS[0] + ROWS[2], encoding="utf-8")
    code, _out, err = run(
        register, "letters", "--incident", "1", "--recipients", str(path), "--out", str(tmp_path / "mail"),
        "--mode", "eml", "--record-sent",
    )  # fmt: skip
    assert code == 0, err
    assert (
        run(register, "letters", "bounced", "--incident", "1", "--key", "C1", "--note", "550 user unknown")[0]
        == 0
    )
    code, out, _err = run(register, "letters", "returned", "--incident", "1", "--key", "C3")
    assert code == 0 and "C3 について「返送（宛先不明）」を記録しました。" in out

    code, out, _err = run(register, "letters", "status", "--incident", "1")
    assert code == 0
    assert "C1\tメール不達" in out and "C3\t返送（宛先不明）" in out
    assert "返送・不達で再送していない人：2人" in out
    assert (
        "2人に通知が届いていません。代替措置（公表または問い合わせ窓口の設置）の対象として数えます。" in out
    )

    run(register, "letters", "resent", "--incident", "1", "--key", "C1")
    code, out, _err = run(register, "letters", "status", "--incident", "1")
    assert "返送・不達で再送していない人：1人" in out

    code, out, _err = run(register, "letters", "copy", "--incident", "1", "--key", "C3")
    assert code == 0 and out.startswith("山﨑 花子") and "お知らせ】" in out
    code, _out, err = run(register, "letters", "copy", "--incident", "1", "--key", "C7")
    assert code == 2 and "C7" in err
    code, _out, err = run(register, "letters", "returned", "--incident", "1")
    assert code == 2 and "--key" in err


def test_help_names_the_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["letters", "--help"])
    text = capsys.readouterr().out
    for word in ("returned", "bounced", "status", "copy", "--allow-suspect-names", "--key"):
        assert word in text
