"""Schemathesis against the gateway's own OpenAPI document, with a bounded number of cases: no
server error, and no response outside the documented schema (issue 3)."""
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PASSWORD, staff

pytestmark = pytest.mark.e2e

MAX_EXAMPLES = 15


def test_no_server_error_and_no_undocumented_response(system, tmp_path):
    admin = staff(system, "admin")
    token = admin.session.headers["Authorization"]
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [str(schemathesis), "run", f"{system.url}/api/openapi.json",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_schema_conformance",
         "--max-examples", str(MAX_EXAMPLES), "--header", f"Authorization: {token}",
         "--seed", "2026", "--workers", "2",
         "--request-timeout", "30"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)
    failures = result.stdout.find("FAILURES")
    report = result.stdout[max(failures, 0):][:12000] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert PASSWORD not in report
