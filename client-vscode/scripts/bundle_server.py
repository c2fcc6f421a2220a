"""Vendor the byok-lsp server and its dependencies into client-vscode/bundled/libs.

The .vsix then runs the server with any CPython 3.10+ on linux x86_64, without a pip install:
``PYTHONPATH=bundled/libs python -m byok_lsp serve``. Dependencies are resolved for the oldest
supported Python (3.10, so the backports it needs are included) and manylinux x86_64. Compiled
modules that are not abi3 (tree-sitter's core) get their binaries for 3.11-3.14 added beside the
3.10 one; CPython picks the file matching its own ABI. A version whose wheel is missing is reported
and left to the extension's fallback (a byok-lsp installed in the interpreter).

Usage: python bundle_server.py  (any Python >= 3.9 with pip; re-running with unchanged inputs is a no-op)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLIENT = HERE.parent
REPO = CLIENT.parent
BUNDLED = CLIENT / "bundled"
LIBS = BUNDLED / "libs"
STAMP = BUNDLED / ".stamp"
MANIFEST = BUNDLED / "manifest.json"

BASE_PYTHON = (3, 10)
EXTRA_PYTHONS = [(3, 11), (3, 12), (3, 13), (3, 14)]
PLATFORMS = [
    "manylinux_2_28_x86_64",
    "manylinux_2_17_x86_64",
    "manylinux2014_x86_64",
    "manylinux_2_5_x86_64",
    "manylinux1_x86_64",
]


def log(message: str) -> None:
    print(f"[bundle-server] {message}", file=sys.stderr, flush=True)


def pip(*args: str) -> None:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q", *args]
    done = subprocess.run(cmd, capture_output=True, text=True)
    # Machine-wide pip configs may list find-links folders that do not exist: pure noise here.
    noise = "is ignored: it is neither a file nor a directory"
    for line in (done.stdout + done.stderr).splitlines():
        if done.returncode != 0 or noise not in line:
            print(line, file=sys.stderr)
    done.check_returncode()


def source_files() -> list[Path]:
    files = [REPO / "pyproject.toml", Path(__file__).resolve()]
    readme = REPO / "README.md"
    if readme.exists():
        files.append(readme)
    for path in sorted((REPO / "server").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
            files.append(path)
    return files


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for path in source_files():
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_wheel(tmp: Path) -> Path:
    """Build from a copy, so setuptools' build/ and egg-info never land in the repository."""
    src = tmp / "src"
    src.mkdir()
    shutil.copy2(REPO / "pyproject.toml", src)
    readme = REPO / "README.md"
    if readme.exists():
        shutil.copy2(readme, src)
    else:  # pyproject names a readme; the server's own README may not be written yet
        (src / "README.md").write_text("byok-lsp\n")
    shutil.copytree(REPO / "server", src / "server", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
    out = tmp / "wheel"
    pip("wheel", "--no-deps", "-w", str(out), str(src))
    (wheel,) = out.glob("byok_lsp-*.whl")
    return wheel


def target_args(version: tuple[int, int]) -> list[str]:
    args = ["--only-binary=:all:", "--implementation", "cp", "--python-version", f"{version[0]}.{version[1]}"]
    args += ["--abi", f"cp{version[0]}{version[1]}"]
    for platform in PLATFORMS:
        args += ["--platform", platform]
    return args


def version_specific_dists(libs: Path) -> dict[str, str]:
    """name -> version of installed dists that ship a non-abi3 CPython extension module."""
    found: dict[str, str] = {}
    for info in libs.glob("*.dist-info"):
        record = info / "RECORD"
        if not record.exists():
            continue
        if any(".cpython-" in line.split(",", 1)[0] for line in record.read_text().splitlines()):
            meta = (info / "METADATA").read_text().splitlines()
            name = next(line.split(":", 1)[1].strip() for line in meta if line.startswith("Name:"))
            version = next(line.split(":", 1)[1].strip() for line in meta if line.startswith("Version:"))
            found[name] = version
    return found


def add_binaries(libs: Path, tmp: Path, version: tuple[int, int]) -> bool:
    tag = f"cpython-{version[0]}{version[1]}-"
    ok = True
    for name, dist_version in version_specific_dists(libs).items():
        dest = tmp / f"py{version[0]}{version[1]}-{name}"
        try:
            pip("download", "--no-deps", "-d", str(dest), *target_args(version), f"{name}=={dist_version}")
        except subprocess.CalledProcessError:
            log(f"no {name} {dist_version} wheel for Python {version[0]}.{version[1]}: that Python falls back to an installed byok-lsp")
            ok = False
            continue
        for wheel in dest.glob("*.whl"):
            with zipfile.ZipFile(wheel) as archive:
                for member in archive.namelist():
                    if tag in member and member.endswith(".so") and (libs / member).parent.is_dir():
                        (libs / member).write_bytes(archive.read(member))
    return ok


def smoke_test(libs: Path) -> None:
    """Import the bundle with site-packages off (-S), so an installed byok-lsp cannot answer instead."""
    if sys.version_info < BASE_PYTHON:
        log(f"skipping the import check: this Python ({sys.version.split()[0]}) is older than the bundle's floor")
        return
    code = (
        "import byok_lsp, pygls, lsprotocol, tree_sitter, tree_sitter_python, sys;"
        "tree_sitter.Parser(tree_sitter.Language(tree_sitter_python.language()));"
        f"assert byok_lsp.__file__.startswith({str(libs)!r}), byok_lsp.__file__;"
        "print(byok_lsp.__version__)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(libs)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    out = subprocess.run([sys.executable, "-S", "-c", code], env=env, check=True, capture_output=True, text=True)
    log(f"bundle imports on Python {sys.version.split()[0]}: byok-lsp {out.stdout.strip()}")


def compile_bytecode(libs: Path) -> str | None:
    """Ship bytecode for the bundling Python's version. Without it every server start on that
    version compiles ~20 MB of sources first (lsprotocol.types alone: 130 ms instead of 83 ms), and
    keeps doing so where the extension folder is read-only or PYTHONDONTWRITEBYTECODE is set.
    unchecked-hash: installing the .vsix rewrites file times, which would void timestamp-checked
    .pyc files; the bundle never changes after it is built. Other versions compile as before."""
    if sys.version_info < BASE_PYTHON:
        return None
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j0", "--invalidation-mode", "unchecked-hash", str(libs)],
                   check=True, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def main() -> int:
    digest = inputs_digest()
    if LIBS.is_dir() and STAMP.exists() and STAMP.read_text().strip() == digest:
        log("bundled/libs is up to date")
        return 0
    with tempfile.TemporaryDirectory(prefix="byok-bundle-") as name:
        tmp = Path(name)
        wheel = build_wheel(tmp)
        staging = tmp / "libs"
        log(f"installing {wheel.name} and its dependencies for CPython {BASE_PYTHON[0]}.{BASE_PYTHON[1]}+ manylinux x86_64")
        pip("install", "--no-compile", "--target", str(staging), *target_args(BASE_PYTHON), str(wheel))
        pythons = [f"{BASE_PYTHON[0]}.{BASE_PYTHON[1]}"]
        for version in EXTRA_PYTHONS:
            if add_binaries(staging, tmp, version):
                pythons.append(f"{version[0]}.{version[1]}")
        shutil.rmtree(staging / "bin", ignore_errors=True)
        for cache in staging.rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(LIBS, ignore_errors=True)
        BUNDLED.mkdir(exist_ok=True)
        shutil.move(str(staging), LIBS)
    bytecode = compile_bytecode(LIBS)
    smoke_test(LIBS)
    MANIFEST.write_text(json.dumps({"platform": "linux-x64", "pythons": pythons, "bytecode": bytecode}, indent=2) + "\n")
    STAMP.write_text(digest + "\n")
    size = sum(p.stat().st_size for p in LIBS.rglob("*") if p.is_file())
    log(f"bundled/libs ready: {size / 1e6:.1f} MB, CPython {', '.join(pythons)}, bytecode for {bytecode or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
