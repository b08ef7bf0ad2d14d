"""python -m bench [speed|load] — see bench/speed.py and bench/load.py."""
import argparse
import sys

parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
parser.add_argument("mode", nargs="?", default="speed", choices=("speed", "load"))
parser.add_argument("--words", type=int, default=20_000, help="words of text in the speed run")
args = parser.parse_args()
if args.mode == "speed":
    from bench import speed

    sys.exit(speed.main(args.words))

