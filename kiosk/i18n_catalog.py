"""The window's strings as translators see them, shared by scripts/update-translations and
tests/ui/test_i18n.py: every literal given to ``t()`` in kiosk/ui, the translation context,
the languages translated to, and how a .ts is compiled to .qm.

Standard library and kiosk.config only, no Qt: the script runs on any Python 3.11.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import UI_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "kiosk" / "ui"
I18N = ROOT / "resources" / "i18n"
CONTEXT = "kiosk"  # the context t() (kiosk/ui/i18n.py) translates in
TARGETS = UI_LANGUAGES[1:]  # a kiosk_<language>.ts for each interface language but the source
LRELEASE_ARGS = ("-silent", "-nounfinished")


@dataclass(frozen=True)
class Place:
    file: str  # relative to the repository, with forward slashes
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def strings_given_to_t(sources: Path = SOURCES
                       ) -> tuple[dict[str, list[Place]], list[str]]:
    """Every t("...") literal in ``sources`` with where it is, and the t() calls that are not
    one plain literal (an f-string, a variable or a ``+`` inside t() can never be
    translated)."""
    found: dict[str, list[Place]] = {}
    bad: list[str] = []
    for path in sorted(sources.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t"):
                continue
            argument = node.args[0] if len(node.args) == 1 and not node.keywords else None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.setdefault(argument.value, []).append(Place(where, node.lineno))
            else:
                bad.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found, bad


def lrelease() -> str | None:
    """pyside6-lrelease (the pip PySide6 package ships it): beside the running Python, in
    .venv/bin, then on PATH."""
    places = [Path(sys.executable).parent, ROOT / ".venv" / "bin"]
    search = os.pathsep.join([*map(str, places), os.environ.get("PATH", "")])
    return shutil.which("pyside6-lrelease", path=search)


def compile_ts(tool: str, ts: Path, qm: Path) -> None:
    """Compile ``ts`` to ``qm`` with ``tool`` (lrelease), leaving unfinished entries out."""
    subprocess.run([tool, *LRELEASE_ARGS, str(ts), "-qm", str(qm)], check=True, timeout=60)
