#!/usr/bin/env python3
"""Differential test: the command-line tool against the independent reference (reference.py).

Draws random plan and statement requests from a seed (a mix the reference supports), runs
`echeancier generate -f json` or `echeancier statement -f json` on each, and compares every
instalment and every figure with the reference. On the first difference it prints the request and
both results and exits 1. It prints how many cases of each kind it compared, and fails when a kind
was compared fewer times than its floor, so a run cannot pass by checking nothing. The known
defects of the crate (reference.KNOWN_DEFECTS) are counted apart unless --strict; each one's
request is run first, and a defect that no longer shows fails the run until it is removed.

    cargo build --features cli
    python3 scripts/reference/differential.py --cases 300 --seed 1
    python3 scripts/reference/differential.py --cases 20000 --seed 7 --bin target/release/echeancier

The tool is `--bin`, else $ECHEANCIER_BIN, else target/debug/echeancier (under $CARGO_TARGET_DIR
when it is set).
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ left in the checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference as R  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# Steps a plan may be rounded to, in major units, per currency exponent.
STEPS = {2: ["1", "5", "10", "0.50", "100"], 0: ["10", "100", "1000"], 3: ["1", "0.500", "10"]}
CURRENCIES = [("EUR", 50), ("USD", 10), ("JPY", 15), ("TND", 15), ("KWD", 5), ("GBP", 5)]
FREQUENCIES = [("monthly", 40), ("weekly", 15), ("every_2_weeks", 10), ("every_4_weeks", 4),
               ("quarterly", 10), ("every_2_months", 5), ("half_yearly", 4), ("yearly", 4),
               ("every_10_days", 4), ("every_3_months", 2), ("every_21_days", 2),
               ("semi_monthly_1_15", 3), ("semi_monthly_15_31", 3), ("semi_monthly_16_29", 2)]
ROUNDINGS = [("half_up", 40), ("half_even", 20), ("down", 20), ("up", 20)]


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


def amount_text(units: int, exponent: int) -> str:
    return R.fmt(Fraction(units, 10**exponent), exponent)


def money(units: int, currency: str) -> dict:
    return {"amount": amount_text(units, R.EXPONENT[currency]), "currency": currency}


def log_units(rng: random.Random, low: float, high: float, exponent: int) -> int:
    """A whole number of minor units, log-uniform between `low` and `high` major units."""
    value = 10 ** rng.uniform(low, high)
    return max(1, int(value * 10**exponent))


def random_date(rng: random.Random) -> dt.date:
    year, month = rng.randint(2020, 2035), rng.randint(1, 12)
    if rng.random() < 0.35:  # month ends: the anchor-day rule
        day = rng.choice([28, 29, 30, 31])
    else:
        day = rng.randint(1, 28)
    last = R.calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last))


def plan_request(rng: random.Random, tags: set[str]) -> dict:
    currency = pick(rng, CURRENCIES)
    e = R.EXPONENT[currency]
    round_figures = rng.random() < 0.4
    # Now and then amounts in the trillions, rates with many decimals and long plans: past the
    # bounds of the crate's integer fast path, where it computes in `Decimal`.
    extreme = not round_figures and rng.random() < 0.08
    if extreme:
        tags.add("extreme")
    if round_figures:
        # Round amounts, simple rates and even counts make exact half units (ties) common, where
        # the four roundings part ways.
        tags.add("round_figures")
    claims = [{"reference": f"F-{i + 1}", "amount": money(
        max(1, log_units(rng, 0, 5, 0) * rng.choice([1, 10, 50]) * 10**e // rng.choice([1, 10, 100]))
        if round_figures else log_units(rng, 0, 13 if extreme else 6, e), currency)}
        for i in range(rng.choice([1, 1, 1, 2, 3]))]
    fees = []
    if rng.random() < 0.3:
        tags.add("fees")
        fees = [{"label": f"frais {i + 1}", "amount": money(log_units(rng, 0, 2.5, e), currency)}
                for i in range(rng.choice([1, 1, 2]))]
    first_due = random_date(rng)
    if first_due.day >= 29 or (first_due.day >= 28 and first_due.month == 2):
        tags.add("month_end")
    freq = pick(rng, FREQUENCIES)
    if R.frequency(freq)[0] == "half_months" and rng.random() < 0.9:
        # A semi-monthly plan starts on one of its two days (else it is refused): the next one.
        days = R.frequency(freq)[1]
        if first_due not in R.fixed_days(first_due.year, first_due.month, days):
            first_due = R.half_month_after(first_due, days)
    tags.add(R.frequency(freq)[0])
    req = {"debt": {"currency": currency, "claims": claims, "fees": fees},
           "first_due": first_due.isoformat(), "frequency": freq}
    rounding = pick(rng, ROUNDINGS)
    req["rounding"] = rounding
    tags.add(f"rounding_{rounding}")
    step_units = 1
    if rng.random() < 0.4:
        step = rng.choice(STEPS[e])
        step_units = int(Decimal(step) * 10**e)
        req["step"] = money(step_units, currency)
        tags.add("step")
    if rng.random() < 0.55:
        if round_figures:
            # A rate per period of a whole or half percent or per mille: 12 % a month is 1 %.
            per_year = {"months": 12, "half_months": 24, "days": 52}[R.frequency(freq)[0]]
            annual = Decimal(rng.choice([1, 2, 5, 10, 50, 120])) * per_year / 10 / rng.choice([1, 10])
        elif extreme:
            annual = Decimal(rng.randint(1, 10**14)) / 10**rng.randint(12, 15)
        else:
            annual = rng.choice([Decimal(rng.randint(0, 3000)) / 100, Decimal(rng.randint(1, 30)),
                                 Decimal(rng.randint(1, 250000)) / 10000])
        if rng.random() < 0.25:
            req["interest"] = {"equal_principal": f"{annual}%"}
            tags.add("equal_principal" if annual else "zero_rate")
        else:
            req["interest"] = {"annuity": f"{annual}%"}
            tags.add("annuity" if annual else "zero_rate")
        if rng.random() < 0.15:
            req["timing"] = "start"
            tags.add("annuity_due")
    else:
        req["interest"] = "none"
        tags.add("no_interest")
        if rng.random() < 0.2:
            req["remainder"] = "first"
            tags.add("remainder_first")
    total = sum(Decimal(c["amount"]["amount"]) for c in claims) + sum(
        Decimal(f["amount"]["amount"]) for f in fees)
    if rng.random() < 0.25:
        tags.add("down_payment")
        date = first_due - dt.timedelta(days=rng.randint(1, 90))
        if rng.random() < 0.5:
            share = Decimal(rng.randint(1, 9000)) / 100
            down = {"percent": str(share), "date": date.isoformat()}
        else:
            units = max(1, int(total * 10**e * Decimal(rng.uniform(0.01, 0.6))))
            down = {"amount": money(units, currency), "date": date.isoformat()}
        if "step" in req and rng.random() < 0.4:
            down["rounding"] = "step"
        req["down_payment"] = down
    # Sizing: the count drawn first; an amount or a capacity sized to give about that count.
    n = rng.choice([rng.randint(1, 12), rng.randint(1, 60), rng.randint(1, 120),
                    rng.randint(1, 400)])
    if round_figures and rng.random() < 0.5:
        n = rng.choice([2, 4, 8, 16, 20, 40, 80])
    if extreme and rng.random() < 0.3:
        n = rng.randint(400, R.MAX_INSTALMENTS)
    kind = pick(rng, [("count", 45), ("amount", 20), ("full_capacity", 20), ("level", 15)])
    if kind == "amount" and "equal_principal" in tags:
        kind = "count"  # declining instalments are not sized by one amount
    if kind == "count":
        req["sizing"] = {"count": n}
        charged = ("annuity" in tags or "equal_principal" in tags) and "annuity_due" not in tags
        if "annuity" in tags and "annuity_due" not in tags and rng.random() < 0.15:
            # Flat interest on the amount financed for the whole term.
            req["interest_method"] = "flat"
            tags.add("flat")
        elif "annuity" in tags and "annuity_due" not in tags and rng.random() < 0.15:
            # Interest graces: free, deferred, or both.
            grace = rng.choice(["free", "deferred", "both"])
            if grace in ("free", "both"):
                req["interest_free_grace"] = rng.randint(1, min(n, 12))
            if grace in ("deferred", "both"):
                req["deferred_interest_grace"] = rng.randint(1, min(n, 12))
            tags.add("interest_grace")
        elif charged and rng.random() < 0.15:
            # A principal grace: the first instalments pay interest only (at most all of them,
            # which is refused).
            req["principal_grace"] = rng.randint(1, min(n, 12))
            tags.add("principal_grace")
        elif rng.random() < 0.2:
            req["balancing"] = "closest_last"
            tags.add("closest_last")
        if "closest_last" not in tags and rng.random() < 0.15:
            req["balloon"] = balloon(rng, total, e, currency)
            tags.add("balloon")
        elif charged and n >= 2 and rng.random() < 0.2 \
                and not tags & {"flat", "interest_grace", "principal_grace", "closest_last"}:
            req["rate_changes"] = rate_changes(rng, first_due, R.frequency(freq), n)
            tags.add("rate_change")
        if rng.random() < (0.15 if "rate_change" not in tags else 0.02):
            req["stages"] = stages(rng, total, e, currency, n)
            tags.add("stages")
    else:
        per = total * 10**e / n * Decimal(rng.uniform(0.9, 1.4))
        if "annuity" in tags or "equal_principal" in tags:
            per *= 1 + Decimal(rng.uniform(0, 0.3))
        if rng.random() < 0.03:  # more than the most instalments allowed: refused
            per = total * 10**e / rng.randint(1300, 3000)
        units = max(1, int(per))
        if rng.random() < 0.3:  # on the step, as creditors often state it
            units = max(step_units, units // step_units * step_units)
        if kind == "amount":
            req["sizing"] = {"amount": money(units, currency)}
        else:
            req["sizing"] = {"capacity": {"capacity": money(units, currency), "shape": kind}}
    tags.add(f"sizing_{kind}")
    if kind != "count" and rng.random() < 0.02:
        # A balloon needs a plan sized by count: refused.
        req["balloon"] = balloon(rng, total, e, currency)
    # Drawn from the request itself, so that the options drawn before stay those of the seed.
    terms = random.Random("terms " + json.dumps(req, sort_keys=True))
    interest_days(terms, req, tags, first_due, R.frequency(freq))
    business_days(terms, req, tags)
    return req


DAY_COUNTS = [("actual_365", 35), ("actual_360", 20), ("actual_actual_isda", 25),
              ("thirty_e_360", 20)]


def interest_days(rng: random.Random, req: dict, tags: set[str], first_due: dt.date, freq) -> None:
    """Interest on the days of each period, in about a quarter of the plans: on actual days (a day
    count; three times in five an interest start that breaks the first period, longer or shorter
    than a regular one, half of those sized by count with the broken period's interest on the
    first instalment) or, for frequencies counted in days, on a fixed year of 360, 364 or 365 days.
    Now and then where the crate refuses it: beside an interest grace or stages, a fixed year on a
    month-based frequency, actual days beside flat interest or instalments at the start of each
    period, an interest start without actual days or not before the first due date, the broken
    period's interest on a plan sized otherwise than by count."""
    refused = rng.random() < 0.03
    if tags & {"interest_grace", "stages"} and not refused:
        return
    # The exact interest of a period on actual days is computed within 28 digits: the crate
    # refuses amounts in the trillions at rates of 15 decimals as an overflow (documented).
    actual_allowed = "extreme" not in tags
    # Interest on the days of each period applies to interest above zero on the declining
    # balance, paid at the end of each period.
    charged = bool(tags & {"annuity", "equal_principal"}) and not tags & {"flat", "annuity_due"}
    unit, count = freq
    draw = rng.random()
    if draw < 0.22 and actual_allowed and (charged or refused or rng.random() < 0.1):
        day_count = pick(rng, DAY_COUNTS)
        req["interest_basis"] = {"actual_days": day_count}
        if charged:
            tags.update({"actual_days", f"day_count_{day_count}"})
        if rng.random() < 0.6:
            # The first period from the interest start: from a few days to two regular periods.
            days = {"months": 30 * count, "half_months": 15}.get(unit, count)
            start = first_due - dt.timedelta(days=rng.randint(1, max(2, int(days * 2.2))))
            if refused and rng.random() < 0.3:
                start = first_due + dt.timedelta(days=rng.randint(0, 10))  # refused
            req["interest_from"] = start.isoformat()
            if charged:
                tags.add("interest_from")
            if "sizing_count" in tags and rng.random() < 0.5 or refused and rng.random() < 0.3:
                req["broken_period"] = "first_instalment"
                if charged and "annuity" in tags:
                    tags.add("broken_first_instalment")
    elif draw < 0.32 and (unit == "days" or refused):
        year = rng.choice(["days360", "days364", "days365"])
        req["interest_basis"] = {"fixed_year": year}
        if charged or "flat" in tags:
            tags.update({"fixed_year", f"fixed_year_{year[4:]}"})
    elif refused:
        # An interest start or the broken period's rule without interest on actual days: refused.
        if rng.random() < 0.5:
            req["interest_from"] = (first_due - dt.timedelta(days=rng.randint(1, 40))).isoformat()
        else:
            req["broken_period"] = "first_instalment"


def business_days(rng: random.Random, req: dict, tags: set[str]) -> None:
    """Due dates moved to business days in about a quarter of the plans: a rule (following,
    modified following, preceding; now and then unadjusted, named) on one of the built-in
    calendars."""
    if rng.random() >= 0.25:
        return
    rule = pick(rng, [("following", 35), ("modified_following", 35), ("preceding", 25),
                      ("unadjusted", 5)])
    calendar = pick(rng, [("weekends_only", 30), ("france", 40), ("france_alsace_moselle", 30)])
    req["business_days"] = rule
    req["calendar"] = calendar
    tags.update({"business_days", f"rule_{rule}", f"calendar_{calendar}"})


def date_tags(command: str, request: dict, ref: dict, tags: set[str]) -> set[str]:
    """What the business days did in a case both sides gave alike: a due date moved (on a
    statement, or on a plan whose interest runs on actual days), moved off a public holiday that
    is not a weekend day, or off a holiday set from Easter."""
    plan = request["plan"] if command == "statement" else request
    rule, name = plan.get("business_days", "unadjusted"), plan.get("calendar", "weekends_only")
    if rule == "unadjusted":
        return set()
    freq = R.frequency(plan["frequency"])
    anchor = dt.date.fromisoformat(plan["first_due"])
    out: set[str] = set()
    unadjusted = anchor
    rows = [i for i in ref["instalments"] if i["number"] > 0]
    for k, row in enumerate(rows):
        if k:
            unadjusted = (R.half_month_after(unadjusted, freq[1]) if freq[0] == "half_months"
                          else R.nth_date(anchor, freq, k))
        if row["due_date"] == unadjusted.isoformat():
            continue
        out.add("date_moved")
        if unadjusted.weekday() < 5:
            out.add("moved_by_holiday")
            easter = R.easter_sunday(unadjusted.year)
            if (unadjusted - easter).days in (-2, 1, 39, 50):
                out.add("moved_by_easter")
    if "date_moved" in out:
        if command == "statement":
            out.add("statement_date_moved")
        if "actual_days" in tags:
            out.add("actual_days_moved")
    return out


def rate_changes(rng: random.Random, first_due: dt.date, freq, n: int) -> list[dict]:
    """One or two new rates, each dated within a period of the plan so that it takes effect at a
    row drawn at random (after the first); now and then one dated outside the plan's periods or
    not after the one before it (refused)."""
    starts = [R.before(first_due, freq)] + [R.nth_date(first_due, freq, k) for k in range(n - 1)]
    rows = sorted(rng.sample(range(1, n), min(n - 1, rng.choice([1, 1, 2]))))
    dates = [starts[r - 1] + dt.timedelta(days=rng.randint(1, (starts[r] - starts[r - 1]).days))
             for r in rows]
    if rng.random() < 0.05:
        dates[-1] = rng.choice([starts[0], starts[-1] + dt.timedelta(days=1), dates[0]])
    return [{"date": d.isoformat(), "rate": f"{rate}%"} for d, rate in zip(dates, [
        rng.choice([Decimal(rng.randint(0, 3000)) / 100, Decimal(rng.randint(1, 30))])
        for _ in dates])]


def stages(rng: random.Random, total: Decimal, e: int, currency: str, n: int) -> list[dict]:
    """One to three stages of a stepped plan, their amounts around a share of the plan's level
    amount (low ones do not cover the interest: refused) and their instalments fewer than the
    plan's; now and then a stage of no instalment or stages that leave none (refused)."""
    level = total * 10**e / n
    out = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        units = max(1, int(level * Decimal(rng.uniform(0.1, 1.3))))
        if rng.random() < 0.1:  # a round figure, as creditors state it
            units = max(1, int(Decimal(units).quantize(Decimal(1).scaleb(len(str(units)) - 1))))
        out.append({"count": rng.randint(1, max(1, (n - 1) // 2)),
                    "amount": money(units, currency)})
    if rng.random() < 0.03:
        out[-1]["count"] = rng.choice([0, n])
    return out


def balloon(rng: random.Random, total: Decimal, e: int, currency: str) -> dict:
    """A balloon as a percentage of the amount financed or as an amount: now and then one that
    is not below the amount financed (refused)."""
    if rng.random() < 0.5:
        share = rng.choice([Decimal(rng.randint(1, 99)), Decimal(rng.randint(1, 9999)) / 100])
        return {"percent": str(share)}
    units = max(1, int(total * 10**e * Decimal(rng.uniform(0.01, 0.9 if rng.random() < 0.95 else 1.5))))
    return {"amount": money(units, currency)}


def statement_request(rng: random.Random, tags: set[str]) -> dict | None:
    plan = plan_request(rng, tags)
    try:
        p = R.Plan(plan)
        rows = p.generate()
    except R.Refused:
        return None  # a plan the reference refuses: drawn again as a statement
    e = p.exponent
    opens = p.opens_on()
    last = rows[-1]["due_date"]
    span = max(1, (last - opens).days)
    as_of = opens + dt.timedelta(days=rng.randint(0, span + 90))
    if rng.random() < 0.2:  # on a due date: due today
        as_of = rng.choice(rows)["due_date"]
    as_of = max(as_of, opens)
    payments = []
    for i in range(rng.choice([0, 1, 2, 3, 4, 6, 10])):
        date = opens + dt.timedelta(days=rng.randint(0, (as_of - opens).days))
        if payments and rng.random() < 0.2:  # several payments on one day: kept in their order
            date = dt.date.fromisoformat(rng.choice(payments)["date"])
        if rng.random() < 0.3:  # paid on a due date
            due = [r["due_date"] for r in rows if opens <= r["due_date"] <= as_of]
            if due:
                date = rng.choice(due)
        row = rng.choice(rows)
        how = rng.random()
        if how < 0.4:
            units = int(row["amount"] * 10**e)
        elif how < 0.8:
            units = max(1, int(row["amount"] * 10**e * Fraction(rng.randint(1, 300), 100)))
        else:
            units = max(1, int(sum(r["amount"] for r in rows) * 10**e * Fraction(rng.randint(1, 120), 100)))
        payments.append({"reference": f"P-{i + 1}", "date": date.isoformat(),
                         "amount": money(units, p.currency)})
    tags.add("statement")
    tags.add(f"payments_{min(len(payments), 3)}{'+' if len(payments) >= 3 else ''}")
    return {"plan": plan, "payments": payments, "as_of": as_of.isoformat()}


# --- Comparing ----------------------------------------------------------------------------------


def plain(value):
    """The tool's JSON with every `{"amount", "currency"}` written as its amount."""
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"} and isinstance(value["amount"], str):
            return value["amount"]
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


SCHEDULE_FIELDS = ("number", "kind", "due_date", "amount", "principal", "interest", "fees",
                   "balance_after")
LINE_FIELDS = ("number", "due_date", "amount", "paid", "unpaid", "unpaid_fees", "unpaid_interest",
               "unpaid_principal", "paid_in_full_on", "status")


def tool_view(command: str, out: dict) -> dict:
    """What the reference computes, read from the tool's output."""
    out = plain(out)
    if command == "generate":
        return {"currency": out["currency"],
                "instalments": [{k: i[k] for k in SCHEDULE_FIELDS} for i in out["instalments"]],
                "totals": {k: out["totals"][k] for k in ("amount", "principal", "interest", "fees")}}
    return {"currency": out["currency"],
            "instalments": [{k: i.get(k) for k in LINE_FIELDS} for i in out["instalments"]],
            "paid": out["paid"], "credit": out["credit"], "arrears": out["arrears"],
            "next_due": out["next_due"], "remaining": out["remaining_balance"]}


def reference_view(command: str, ref: dict) -> dict:
    if command == "generate":
        return ref
    return {**ref, "instalments": [{k: i[k] for k in LINE_FIELDS} for i in ref["instalments"]]}


# What the tool's message says for each refusal the reference names (the crate's error texts).
REFUSAL_WORDS = {
    "NotPositive": "must be greater than zero",
    "BelowPeriodicInterest": "does not cover the interest",
    "Unsplittable": "cannot be split into",
    "DownPaymentTooLarge": "must be smaller than the total due",
    "CapacityTooLow": "cannot repay",
    "UnsupportedDate": "outside the supported dates",
    "InvalidDays": "one of the frequency's two days",
}


def reference(command: str, request: dict, known: frozenset = frozenset()):
    """The reference's result, or the `Refused` it raises."""
    try:
        return (R.schedule(request, known) if command == "generate"
                else R.statement(request, known)), None
    except R.Refused as e:
        return None, e


def run_case(binary: str, command: str, request: dict, strict: bool = False):
    """(outcome, tool result, reference result): outcome is "same", "refused", "known:<defect>"
    (the tool differs from the documentation exactly as a known defect does; never when `strict`)
    or a difference."""
    text = json.dumps(request)
    proc = subprocess.run([binary, command, "-f", "json", "-"], input=text.encode(),
                          capture_output=True, timeout=120)
    ref, ref_err = reference(command, request)
    if proc.returncode not in (0, 1, 2):
        return "crash", proc.stderr.decode(errors="replace"), ref
    if proc.returncode != 0:
        message = proc.stderr.decode(errors="replace").strip()
        words = REFUSAL_WORDS.get(ref_err.kind) if ref_err is not None else None
        if ref_err is not None and (words is None or words in message):
            return "refused", message, ref_err.kind
        if not strict:
            for defect in R.KNOWN_DEFECTS:
                _, known_err = reference(command, request, frozenset([defect]))
                if known_err is not None and known_err.kind == "KnownDefect":
                    return f"known:{defect}", message, ref
        if ref_err is not None:
            return "refused for another reason", message, str(ref_err)
        return "tool refused, reference did not", message, ref
    tool = tool_view(command, json.loads(proc.stdout))
    if ref_err is None and tool == reference_view(command, ref):
        return "same", tool, ref
    if not strict:
        for defect in R.KNOWN_DEFECTS:
            known, known_err = reference(command, request, frozenset([defect]))
            if known_err is None and tool == reference_view(command, known):
                return f"known:{defect}", tool, known
    if ref_err is not None:
        return "reference refused, tool did not", tool, str(ref_err)
    return "different", tool, reference_view(command, ref)


def replay_fixed(binary: str) -> None:
    """Each defect fixed since, run again: it must give the reference's result (its plan, or its
    refusal for the same reason)."""
    for path in R.FIXED_DEFECTS:
        request = json.loads((ROOT / path).read_text(encoding="utf-8"))
        command = "statement" if "plan" in request else "generate"
        outcome, tool, ref = run_case(binary, command, request, strict=True)
        if outcome not in ("same", "refused"):
            raise SystemExit(f"{path}: {outcome} again (a fixed defect is back)\n"
                             f"  tool: {tool}\n  reference: {ref}")


def replay_known(binary: str) -> list[str]:
    """Each known defect's request, run again: the defects that no longer show."""
    fixed = []
    for defect, path in R.KNOWN_DEFECTS.items():
        request = json.loads((ROOT / path).read_text(encoding="utf-8"))
        command = "statement" if "plan" in request else "generate"
        outcome, _, _ = run_case(binary, command, request, strict=True)
        if outcome == "same":
            fixed.append(defect)
        elif outcome in ("crash", "refused"):
            raise SystemExit(f"{path}: {outcome}, not the known difference")
    return fixed


def first_difference(tool, ref, path="$"):
    if isinstance(tool, dict) and isinstance(ref, dict):
        for k in list(tool) + [k for k in ref if k not in tool]:
            if k not in tool or k not in ref:
                return f"{path}.{k}: tool {tool.get(k)!r}, reference {ref.get(k)!r}"
            d = first_difference(tool[k], ref[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(tool, list) and isinstance(ref, list):
        for i, (a, b) in enumerate(zip(tool, ref)):
            d = first_difference(a, b, f"{path}[{i}]")
            if d:
                return d
        if len(tool) != len(ref):
            return f"{path}: tool has {len(tool)} items, reference {len(ref)}"
        return None
    return None if tool == ref else f"{path}: tool {tool!r}, reference {ref!r}"


# Kinds every run must compare (both sides giving a result), as a share of the cases: a run
# fails if one was compared fewer than share x cases / 3 times (and at least once).
FLOORS = {
    "generate": 0.60, "statement": 0.25,
    "sizing_count": 0.40, "sizing_amount": 0.10, "sizing_full_capacity": 0.10,
    "sizing_level": 0.07, "annuity": 0.25, "no_interest": 0.35, "remainder_first": 0.05,
    "fees": 0.20, "down_payment": 0.15, "step": 0.25, "month_end": 0.20, "months": 0.50,
    "days": 0.25, "rounding_half_up": 0.25, "rounding_half_even": 0.12, "rounding_down": 0.12,
    "rounding_up": 0.12, "payments_3+": 0.08, "round_figures": 0.25,
    "annuity_due": 0.05, "closest_last": 0.05, "extreme": 0.02, "equal_principal": 0.08,
    "half_months": 0.02, "principal_grace": 0.01, "flat": 0.01, "interest_grace": 0.01,
    "balloon": 0.02, "rate_change": 0.01, "stages": 0.02,
    "actual_days": 0.06, "day_count_actual_365": 0.015, "day_count_actual_360": 0.008,
    "day_count_actual_actual_isda": 0.008, "day_count_thirty_e_360": 0.008,
    "interest_from": 0.03, "broken_first_instalment": 0.005, "fixed_year": 0.01,
    "business_days": 0.12, "rule_following": 0.03, "rule_modified_following": 0.03,
    "rule_preceding": 0.02, "calendar_weekends_only": 0.02, "calendar_france": 0.03,
    "calendar_france_alsace_moselle": 0.02, "date_moved": 0.08, "moved_by_holiday": 0.03,
    "moved_by_easter": 0.01, "statement_date_moved": 0.02, "actual_days_moved": 0.005,
}


def binary_path(given: str | None) -> str:
    if given:
        return given
    if os.environ.get("ECHEANCIER_BIN"):
        return os.environ["ECHEANCIER_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "echeancier")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bin", help="the echeancier binary (built with --features cli)")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once")
    parser.add_argument("--strict", action="store_true",
                        help="fail on the known defects of the crate too (reference.KNOWN_DEFECTS)")
    args = parser.parse_args()
    binary = binary_path(args.bin)
    if not Path(binary).is_file():
        print(f"no tool at {binary}: run `cargo build --features cli` or give --bin", file=sys.stderr)
        return 2

    replay_fixed(binary)
    fixed = replay_known(binary)
    if fixed:
        print(f"known defects no longer shown by the tool: {', '.join(fixed)}; remove them from "
              "KNOWN_DEFECTS in scripts/reference/reference.py", file=sys.stderr)
        return 1

    rng = random.Random(args.seed)
    cases = []
    while len(cases) < args.cases:
        tags: set[str] = set()
        if rng.random() < 0.35:
            request = statement_request(rng, tags)
            if request is None:
                continue
            cases.append(("statement", request, tags))
        else:
            request = plan_request(rng, tags)
            tags.add("generate")
            cases.append(("generate", request, tags))

    started = time.monotonic()
    compared: collections.Counter[str] = collections.Counter()
    refused: collections.Counter[str] = collections.Counter()
    known: collections.Counter[str] = collections.Counter()
    def outcomes(pool):
        # A window of cases at a time, so that a long run holds few results in memory.
        window = 64 * max(1, args.jobs)
        for start in range(0, len(cases), window):
            chunk = cases[start:start + window]
            futures = [pool.submit(run_case, binary, command, request, args.strict)
                       for command, request, _ in chunk]
            for case, future in zip(chunk, futures):
                yield case, future.result()

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for (command, request, tags), (outcome, tool, ref) in outcomes(pool):
            if outcome == "same":
                compared.update(tags | date_tags(command, request, ref, tags))
                compared["instalments"] += len(ref["instalments"])
                continue
            if outcome == "refused":
                refused[command] += 1
                refused[ref] += 1
                continue
            if outcome.startswith("known:"):
                known[outcome.removeprefix("known:")] += 1
                continue
            pool.shutdown(cancel_futures=True)
            print(f"DIFFERENCE ({outcome}) in a {command} case, seed {args.seed}", file=sys.stderr)
            if outcome == "different":
                print(first_difference(tool, ref), file=sys.stderr)
            print("request:", json.dumps(request), file=sys.stderr)
            print("tool:", json.dumps(tool), file=sys.stderr)
            print("reference:", json.dumps(ref), file=sys.stderr)
            return 1

    elapsed = time.monotonic() - started
    print(f"{args.cases} cases (seed {args.seed}) in {elapsed:.1f} s: "
          f"{compared['generate']} schedules and {compared['statement']} statements identical, "
          f"{compared['instalments']} instalments compared; refused by both: "
          f"{refused['generate']} plans, {refused['statement']} statements ("
          + ", ".join(f"{k} {v}" for k, v in sorted(refused.items())
                      if k not in ("generate", "statement")) + ")")
    for defect, count in sorted(known.items()):
        print(f"  KNOWN DEFECT {defect}: {count} cases differ from the documentation as "
              f"{R.KNOWN_DEFECTS[defect]} does (--strict fails on them)")
    failed = []
    for kind in sorted(set(FLOORS) | {k for k in compared if k != "instalments"}):
        floor = max(1, int(FLOORS.get(kind, 0) * args.cases / 3)) if kind in FLOORS else 0
        mark = "" if compared[kind] >= floor else "  BELOW FLOOR"
        print(f"  {kind:22} {compared[kind]:7}  (floor {floor}){mark}")
        if mark:
            failed.append(kind)
    if failed:
        print(f"kinds compared fewer times than their floor: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
