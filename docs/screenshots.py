"""Render the README's pictures offscreen with the app's own ``--screenshot`` command.

    python docs/screenshots.py [NAME ...]

Each picture is one ``graphviz-app --screenshot`` call (see ``SHOTS``); with names, only those.
"""
from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "images")

SHOTS: dict[str, list[str]] = {
    "stepping": ["--example", "xor_mlp", "--layout", "step", "--run", "backward",
                 "--select", "dense2", "--panel", "Step details"],
    "training": ["--example", "xor_mlp", "--run", "train:30", "--panel", "Loss curves"],
    "boundary": ["--example", "circles_learned", "--run", "train:300",
                 "--panel", "Decision boundary"],
    "embeddings": ["--example", "corpus_embedding", "--run", "train:10", "--layout", "inside",
                   "--panel", "Embeddings"],
    "activations": ["--example", "activation_functions", "--run", "train:300",
                    "--panel", "Loss curves"],
    "feature_maps": ["--example", "digits_cnn", "--run", "train:8", "--layout", "inside",
                     "--panel", "Feature maps"],
    "welcome": ["--welcome"],
}


def main(names: list[str]) -> int:
    os.makedirs(OUT, exist_ok=True)
    for name in names or list(SHOTS):
        if name not in SHOTS:
            print(f"unknown picture {name!r}; pictures: {', '.join(SHOTS)}", file=sys.stderr)
            return 2
        path = os.path.join(OUT, f"{name}.png")
        cmd = [sys.executable, "-m", "graphviz_app", "--screenshot", path, "--size", "1280x720",
               *SHOTS[name]]
        print("+", " ".join(cmd[1:]))
        code = subprocess.call(cmd)
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
