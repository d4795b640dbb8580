"""No secret in the repository: no private keys, no real-looking SECRET_KEY or password
assignments, no .env file, in any file git tracks (or would track: untracked, not ignored)."""
from __future__ import annotations

import math
import re
import subprocess
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".mo", ".pdf", ".xlsx", ".sqlite3"}
SKIP_PATHS = ("static/vendor/", "tests/e2e/vendor/")
PRIVATE_KEY = re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----")
TOKENS = [
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key id
    re.compile(r"gh[pousr]_[A-Za-z0-9]{36,}"),  # GitHub token
    re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"),  # Slack token
    re.compile(r"sk_live_[A-Za-z0-9]{16,}"),  # Stripe
]
ASSIGNMENT = re.compile(
    r"""(?x)\b(SECRET_KEY|[A-Z_]*PASSWORD|[A-Z_]*API_KEY|[A-Z_]*TOKEN)\s*[:=]\s*["']([^"'\s]{16,})["']"""
)
# Values that say themselves they are not secrets (test and development settings).
HARMLESS = re.compile(r"(?i)not-secret|test-only|development-only|example|dummy|changeme|placeholder")


def entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(c / len(value) * math.log2(c / len(value)) for c in counts.values())


def repository_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, capture_output=True, check=True, timeout=60).stdout
        names = out.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked archive): every file
        ignored = (".venv/", "node_modules/", "staticfiles/", "artifacts/", "media/", ".git/")
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                 if p.is_file() and not str(p.relative_to(ROOT)).startswith(ignored)]
    files = []
    for name in names:
        if not name or name.startswith(SKIP_PATHS) or Path(name).suffix.lower() in SKIP_SUFFIXES:
            continue
        path = ROOT / name
        if path.is_file() and path.stat().st_size < 2_000_000:
            files.append(path)
    return files


def test_no_env_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files", ".env", "*.env", "*/.env"], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    assert not tracked, f"environment files are tracked: {tracked}"


def test_no_secret_in_the_repository():
    findings = []
    this_file = Path(__file__).resolve()
    for path in repository_files():
        if path.resolve() == this_file:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        rel = path.relative_to(ROOT)
        for n, line in enumerate(text.splitlines(), 1):
            if PRIVATE_KEY.search(line):
                findings.append(f"{rel}:{n}: a private key")
            for token in TOKENS:
                if token.search(line):
                    findings.append(f"{rel}:{n}: an access token")
            # Settings-style assignments; test code uses made-up tokens on purpose.
            for m in ([] if rel.parts[0] == "tests" else ASSIGNMENT.finditer(line)):
                value = m.group(2)
                if HARMLESS.search(value) or HARMLESS.search(line) or value.startswith(("env(", "os.environ")):
                    continue
                if entropy(value) >= 3.5 and "{" not in value and "$" not in value:
                    findings.append(f"{rel}:{n}: {m.group(1)} has a real-looking value")
    assert not findings, "Possible secrets in the repository:\n" + "\n".join(findings)


def test_the_scanner_sees_a_secret():
    line = 'SECRET_KEY = "q8Zr!v2Lx#9Wm4Tp7Ys1Bn6Hc3Kd0Fg5J"'
    m = ASSIGNMENT.search(line)
    assert m and entropy(m.group(2)) >= 3.5
    assert PRIVATE_KEY.search("-----BEGIN OPENSSH PRIVATE KEY-----")
