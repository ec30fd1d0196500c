"""Ready to publish: the built site carries .nojekyll (GitHub Pages would drop _static/ without
it) and the Pages workflow runs the README's commands and uploads the built site."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_built_site_has_nojekyll(site: Path) -> None:
    assert (site / ".nojekyll").is_file()
    assert (site / "_static" / "vega" / "vega.min.js").is_file()


def test_pages_workflow_runs_the_readme_commands_and_uploads_the_site() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands.*?```bash\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make book", "make test"]

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "").split(" PYTHON=")[0] for step in steps]
    assert [command for command in commands if command in runs] == commands
    upload = next(s for s in steps if str(s.get("uses", "")).startswith(
        "actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert runs.index("make test") < steps.index(upload)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in deploy["steps"])
