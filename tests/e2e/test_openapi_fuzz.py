"""Schemathesis against the gateway's own OpenAPI document, signed in as `admin` (issue 15): every check
and every phase (examples, coverage, fuzzing, stateful), a fixed seed and a bounded number of cases.

It finds no failure of these checks: no server error, no schema-violating request accepted, no undocumented
status, header or content type, answers matching their schemas, a 405 with `Allow` for a method a path does
not have, no resource usable after it was deleted.

NOT YET HELD, so not asked here (issue 15 stays open until they are): `positive_data_acceptance` (27
operations whose service still refuses with 422 a request the document calls valid: rules across fields the
document does not state, an object's state answered 422 where 409 is meant, a reference to nothing answered
422, texts — phones, e-mails, days, control characters — the document's pattern allows and the service
refuses) and `ensure_resource_availability` (the stateful phase reads a new clipping's scan, which a clipping
taken in without one does not have). The issue's note lists each operation.

What `schemathesis.toml` (beside this file) configures, and why:
- a valid request answered 404 (an id that names nothing) or 409 (the object's state does not allow the
  action) is not a refusal of valid data: schemathesis's default, restated there so it is seen;
- a schema-violating request answered 413 is refused: it is larger than the operation takes, before its
  content is read (every operation with a body documents 413);
- the password change: the current password is a secret no schema states, and a fuzzer that guessed it
  would end the admin's sessions halfway through the run, so a wrong one (422) is expected there.
"""
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PASSWORD, staff

pytestmark = pytest.mark.e2e

CONFIG = Path(__file__).with_name("schemathesis.toml")
PHASES = "examples,coverage,fuzzing,stateful"
NOT_YET_HELD = "positive_data_acceptance,ensure_resource_availability"  # see the docstring
# per operation, in the fuzzing and stateful phases (the coverage phase makes every case the schema defines,
# about half of the run): some four minutes on two cores, within pytest's timeout below
MAX_EXAMPLES = 10
SEED = 2026
# one worker: hypothesis describes strategies by parsing source with `ast`, which Python 3.11 does not allow
# from two threads at once ("AST constructor recursion depth mismatch", a runtime error seen with two)
RUN_SECONDS = 420


@pytest.mark.timeout(RUN_SECONDS + 120)  # the system's start besides the run
def test_the_api_document_is_exact(system, tmp_path):
    admin = staff(system, "admin")
    token = admin.session.headers["Authorization"]
    schemathesis = Path(sys.executable).with_name("schemathesis")
    try:
        result = subprocess.run(
            [str(schemathesis), "--config-file", str(CONFIG), "run", f"{system.url}/api/openapi.json",
             "--checks", "all", "--exclude-checks", NOT_YET_HELD, "--phases", PHASES,
             "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED),
             "--header", f"Authorization: {token}", "--workers", "1", "--request-timeout", "30", "--no-color"],
            capture_output=True, text=True, timeout=RUN_SECONDS, cwd=tmp_path)
    except subprocess.TimeoutExpired:  # its message would quote the command, the admin's token with it
        pytest.fail(f"schemathesis did not finish within {RUN_SECONDS} s", pytrace=False)
    failures = result.stdout.find("FAILURES")
    report = result.stdout[max(failures, 0):][:60000] + result.stderr[-2000:]
    assert PASSWORD not in report
    if result.returncode != 0:  # not an assert: its explanation would quote the command, the token with it
        pytest.fail(report, pytrace=False)
