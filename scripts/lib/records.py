"""Reading gold and system records, for the project's scorers
(scripts/ner_score.py, scripts/attribution_score.py)."""
import json
import os


def load_gold(paths):
    """{id: gold record} from gold files and folders of them (*.gold.json)."""
    docs = {}
    for p in paths:
        files = [os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".gold.json")] \
            if os.path.isdir(p) else [p]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                g = json.load(fh)
            docs[g["id"]] = g
    return docs


def load_system(path):
    """{id: record} from sitrep's output: JSON Lines, one JSON record, or a JSON list."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read().strip()
    if not text:
        return {}
    try:
        one = json.loads(text)
        items = one if isinstance(one, list) else [one]
    except json.JSONDecodeError:
        items = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {d.get("id"): d for d in items}
