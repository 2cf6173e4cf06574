"""Safe unpacking: hostile archives are refused before anything is written."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from tlsum.errors import UnsafeArchiveError
from tlsum.models.archive import Limits, archive_stem, safe_relpath, single_root, unpack


def make_zip(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    """A zip with regular files and (Unix-mode) symlink entries."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def make_tar(path: Path, members: dict[str, bytes], *, symlinks: dict[str, str] | None = None,
             hardlinks: dict[str, str] | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for kind, links in ((tarfile.SYMTYPE, symlinks), (tarfile.LNKTYPE, hardlinks)):
            for name, target in (links or {}).items():
                info = tarfile.TarInfo(name)
                info.type, info.linkname = kind, target
                tf.addfile(info)
    return path


def assert_refused(archive: Path, dest: Path, match: str, limits: Limits | None = None) -> None:
    with pytest.raises(UnsafeArchiveError, match=match):
        unpack(archive, dest, limits)
    assert list(dest.iterdir()) == [], "nothing may be written when an archive is refused"


def test_argos_layout_unpacks_to_its_single_root(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "translate-ru_en-1_0.argosmodel", {
        "translate-ru_en-1_0/model/model.bin": b"\x00" * 100,
        "translate-ru_en-1_0/sentencepiece.model": b"spm",
        "translate-ru_en-1_0/metadata.json": b'{"from_code": "ru", "to_code": "en"}',
    })
    root = single_root(unpack(archive, tmp_path / "out"))
    assert root.name == "translate-ru_en-1_0"
    assert (root / "model" / "model.bin").read_bytes() == b"\x00" * 100
    assert archive_stem(archive) == "translate-ru_en-1_0"
    assert archive_stem(Path("x.tar.gz")) == "x"


def test_zip_slip_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "evil.zip", {"ok.txt": b"fine", "../../evil.txt": b"pwned"})
    (tmp_path / "out").mkdir()
    assert_refused(archive, tmp_path / "out", "escapes")
    assert not (tmp_path / "evil.txt").exists()


def test_absolute_member_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "abs.zip", {"/tmp/tlsum-abs-evil.txt": b"x"})
    (tmp_path / "out").mkdir()
    assert_refused(archive, tmp_path / "out", "absolute")


def test_zip_symlink_pointing_out_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "link.zip", {"model/model.bin": b"x"},
                       links={"model/passwd": "../../../etc/passwd"})
    (tmp_path / "out").mkdir()
    assert_refused(archive, tmp_path / "out", "points outside")


def test_tar_symlink_and_hardlink_out_are_refused(tmp_path: Path) -> None:
    for i, kwargs in enumerate(({"symlinks": {"a/s": "/etc/passwd"}},
                                {"symlinks": {"a/s": "../../x"}},
                                {"hardlinks": {"a/h": "../outside"}})):
        archive = make_tar(tmp_path / f"t{i}.tar.gz", {"a/f": b"data"}, **kwargs)
        (tmp_path / f"out{i}").mkdir()
        with pytest.raises(UnsafeArchiveError):
            unpack(archive, tmp_path / f"out{i}")
        assert list((tmp_path / f"out{i}").iterdir()) == []


def test_link_inside_the_archive_is_kept(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "ok.tar.gz", {"m/model.bin": b"weights"},
                       symlinks={"m/alias.bin": "model.bin"},
                       hardlinks={"m/copy.bin": "m/model.bin"})
    out = unpack(archive, tmp_path / "out")
    assert (out / "m" / "alias.bin").is_symlink()
    assert (out / "m" / "alias.bin").read_bytes() == b"weights"
    assert (out / "m" / "copy.bin").read_bytes() == b"weights"


def test_total_size_and_file_count_are_bounded(tmp_path: Path) -> None:
    bomb = make_zip(tmp_path / "bomb.zip", {"zeros.bin": b"\x00" * 5_000_000})
    assert bomb.stat().st_size < 50_000  # tiny on disk, 5 MB unpacked
    (tmp_path / "o1").mkdir()
    assert_refused(bomb, tmp_path / "o1", "more than", Limits(max_bytes=1_000_000))
    many = make_zip(tmp_path / "many.zip", {f"f{i}": b"" for i in range(20)})
    (tmp_path / "o2").mkdir()
    assert_refused(many, tmp_path / "o2", "more than 10 files", Limits(max_files=10))


def test_not_an_archive(tmp_path: Path) -> None:
    junk = tmp_path / "x.zip"
    junk.write_bytes(b"this is not a zip")
    with pytest.raises(UnsafeArchiveError, match="not a zip or tar"):
        unpack(junk, tmp_path / "out")


def test_safe_relpath_normalizes_and_refuses() -> None:
    assert safe_relpath("a/./b//c") == "a/b/c"
    assert safe_relpath("a\\b") == "a/b"
    for bad in ("../x", "a/../../x", "/etc/passwd", "C:/x", "..\\x"):
        with pytest.raises(UnsafeArchiveError):
            safe_relpath(bad)
