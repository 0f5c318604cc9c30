"""Sample envelopes, one per event type: `<source>.<event_type>.json`. Other systems' developers
start from these; the contract test checks each against its schema."""
import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def load_samples():
    """`{(source, event_type): envelope}` for every sample file."""
    samples = {}
    for path in sorted(FOLDER.glob("*.json")):
        source, event_type = path.stem.split(".", 1)
        samples[(source, event_type)] = json.loads(path.read_text(encoding="utf-8"))
    return samples
