"""Write the shipped text corpus: sentences that each stay on one topic.

Run ``python assets/corpus/make_corpus.py`` to regenerate ``corpus.txt`` (one sentence a line)
and ``topics.json`` (the known structure: topic -> words, and the function words every topic
uses). The output depends only on ``SEED``, so the shipped files are reproducible.

Every sentence picks one topic and mixes that topic's words with shared function words in a
few fixed patterns. Words of one topic therefore share their contexts, and words of different
topics share only the function words: an embedding trained to predict a word's neighbours
should place words of the same topic nearer each other than words of different topics.
"""
from __future__ import annotations

import json
import os
import random

SEED = 11
SENTENCES = 600

TOPICS = {
    "animals": ["cat", "dog", "horse", "mouse", "rabbit", "sheep", "cow", "goat", "duck", "fox"],
    "food": ["bread", "cheese", "apple", "soup", "rice", "cake", "butter", "pear", "honey",
             "salad"],
    "weather": ["rain", "snow", "wind", "cloud", "storm", "sun", "fog", "frost", "thunder",
                "ice"],
    "music": ["song", "piano", "drum", "violin", "guitar", "melody", "choir", "flute", "rhythm",
              "harp"],
    "sea": ["ship", "wave", "sail", "harbor", "anchor", "island", "tide", "shore", "boat",
            "reef"],
}
FUNCTION_WORDS = ["the", "a", "and", "of", "with", "near", "was", "is", "then", "some"]

PATTERNS = [
    "the {0} and the {1} was near the {2}",
    "a {0} with some {1} and a {2}",
    "the {0} is {1} and {2} then {3}",
    "some {0} near the {1} of the {2} and {3}",
    "then the {0} was with a {1}",
    "the {0} {1} {2} and the {3} {4}",
]


def sentence(rng: random.Random) -> str:
    words = TOPICS[rng.choice(sorted(TOPICS))]
    pattern = rng.choice(PATTERNS)
    slots = pattern.count("{")
    return pattern.format(*(rng.choice(words) for _ in range(slots)))


def build() -> list[str]:
    """The corpus's sentences, the same every time (seeded)."""
    rng = random.Random(SEED)
    return [sentence(rng) for _ in range(SENTENCES)]


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    lines = build()
    with open(os.path.join(here, "corpus.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(here, "topics.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump({"topics": TOPICS, "function_words": FUNCTION_WORDS, "seed": SEED,
                   "sentences": SENTENCES}, f, indent=1)
        f.write("\n")
    print(f"{len(lines)} sentences, {sum(len(s.split()) for s in lines)} words")


if __name__ == "__main__":
    main()
