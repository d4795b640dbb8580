"""Every environment variable the settings read (base, local, production) has its row in the
README's configuration table."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ = re.compile(r'\benv(?:\.[a-z_]+)?\(\s*"([A-Z][A-Z0-9_]*)"')


def test_the_readme_table_has_every_variable():
    names = set()
    for module in ("base", "local", "production"):
        names |= set(READ.findall((ROOT / "config" / "settings" / f"{module}.py").read_text()))
    readme = (ROOT / "README.md").read_text()
    missing = sorted(n for n in names if f"| `{n}` |" not in readme)
    assert not missing, f"not in README.md's configuration table: {missing}"
    assert {"OIDC_ISSUER", "TRUSTED_PROXIES", "SESSION_ABSOLUTE_HOURS"} <= names
