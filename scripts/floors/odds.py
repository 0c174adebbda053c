#!/usr/bin/env python3
"""How likely each property's floor is to fail by chance.

The properties count the cases that exercised what they check and assert a floor on the count
(`meets_floor` in tests/integration/main.rs). Run the suite a few times with `FLOOR_LOG` set, then
read the log with this script:

    rm -f /tmp/floors.log
    for i in 1 2 3 4 5; do FLOOR_LOG=/tmp/floors.log cargo test --release --all-features --test integration; done
    python3 scripts/floors/odds.py /tmp/floors.log

For every floor it estimates the share of cases that reach it from all the runs, and gives the
binomial odds that a run of the default size falls under the floor. A floor whose odds are above
one in a million should be loosened or its property given more cases. Standard library only.
"""
import collections
import math
import sys


def log_pmf(i, n, p):
    if p <= 0:
        return 0.0 if i == 0 else -math.inf
    if p >= 1:
        return 0.0 if i == n else -math.inf
    return (math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
            + i * math.log(p) + (n - i) * math.log(1 - p))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = collections.defaultdict(list)
    with open(sys.argv[1], encoding="utf-8") as log:
        for line in log:
            place, hit, tried, per = line.split()
            runs[place].append((int(hit), int(tried), int(per)))
    rows = []
    for place, seen in runs.items():
        hits = sum(h for h, _, _ in seen)
        tries = sum(t for _, t, _ in seen)
        _, tried, per = seen[0]
        share = hits / tries if tries else 0.0
        need = tried // per
        odds = sum(math.exp(log_pmf(i, tried, share)) for i in range(need))
        rows.append((odds, place, hits / len(seen), tried, per, need))
    rows.sort(reverse=True)
    print(f"{'odds of a miss':>14}  floor  (mean hit of tried, one in per: need)")
    for odds, place, mean, tried, per, need in rows:
        flag = "  <- too tight" if odds > 1e-6 else ""
        print(f"{odds:14.1e}  {place}  ({mean:.1f} of {tried}, one in {per}: {need}){flag}")
    tight = sum(1 for r in rows if r[0] > 1e-6)
    print(f"{len(rows)} floors, {tight} with odds of a miss above one in a million")
    sys.exit(1 if tight else 0)


if __name__ == "__main__":
    main()
