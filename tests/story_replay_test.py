#!/usr/bin/env python3
"""The story assignment on the development set (tests/data/stories-dev), and
scripts/story_replay.py, which must replay it exactly with the engine's own
settings (else what is tuned with it is not what the engine does).

usage: story_replay_test.py SITREP PROJECT_DIR
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    sitrep, root = sys.argv[1], sys.argv[2]
    dev = os.path.join(root, "tests/data/stories-dev")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "dev.db")
        subprocess.run([sitrep, "ingest", "-q", os.path.join(dev, "articles.jsonl"), "--db", db], check=True)
        replay = subprocess.run([sys.executable, os.path.join(root, "scripts/story_replay.py"), db, "--check"],
                                capture_output=True, text=True)
        print(replay.stdout.strip())
        if replay.returncode != 0:
            sys.exit("story_replay.py does not give the engine's assignment: " + replay.stdout + replay.stderr)
        score = subprocess.run([sys.executable, os.path.join(root, "scripts/story_score.py"),
                                os.path.join(dev, "gold.tsv"), "--db", db, "--json"],
                               capture_output=True, text=True, check=True)

        figures = json.loads(score.stdout)
        print(score.stdout.strip())
        f = figures["bcubed"]["f"]
        # The settings were chosen on this set at F 0.925; a change that loses much of it is a regression.
        if f < 0.88:
            sys.exit(f"B-cubed F {f:.3f} on the story development set, below 0.88")
    print("OK")


if __name__ == "__main__":
    main()
