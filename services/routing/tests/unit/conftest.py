"""Unit tests import `routing` from the source tree until the service is installed in the venv."""
import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("routing") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
