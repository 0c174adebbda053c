#!/usr/bin/env python3
"""An independent reference for echeancier's schedules and statements.

Written from the crate's documented conventions (README.md, the design notes, the rustdoc of the
schedule and payment modules, the derivation's explanation), not from its code: every amount is an
exact `fractions.Fraction`, and it is rounded only where the crate documents a rounding, with the
rounding the crate names there.

What it covers (anything else is refused with `Unsupported`, so a caller never compares a guess):

- schedules: a debt of claims and fees in one currency; no interest, an annuity or equal principal
  parts (sized by count or capacity) on the declining balance at the periodic rate `annual x n/12` (every n months), `annual x n/52` (every n weeks) or
  `annual x n/365` (every n other days), rounded once per instalment with the plan's rounding;
  instalments at the end of each period or at its start (an annuity-due: the first one carries no
  interest); sized by count, by instalment amount or by capacity (full-capacity or level shape);
  the regular amount on a step with the plan's rounding (half-up, half-even, down, up) or the one
  that brings the remainder instalment closest (`closest_last`), the remainder on the last
  instalment (or the first, without interest); a down payment as an amount or a percentage,
  rounded to the minor unit or to the step; due dates from the anchor, months keeping its day
  and clamped to month end; a balloon on a plan sized by count (an amount, or a percentage of the
  amount financed rounded to the minor unit), the regular instalments amortising the amount
  financed less the balloon's value (discounted at the periodic rate over the instalments for an
  annuity, one period less at the start of each period; whole otherwise), the last one paying it;
  rate changes on an annuity or equal principal parts sized by count, paid at the end of each
  period (each new rate for the periods starting on or after its date, a period starting on the
  previous due date; the annuity's instalment recomputed there on the balance and instalments
  left, rounded to the step; a change outside the plan's periods, out of order or in the period of
  the one before it refused); stages (a stepped plan) on a plan sized by count: the first
  instalments of the stages' amounts, each paying its period's interest first, the instalments
  after them sized as above on the balance of the exact schedule after the stages,
  `P·(1 + r)^K − Σ a_k·(1 + r)^(K − k)` (`P − Σ a_k` without interest), over the periods left
  (a stage below its period's interest, stages that leave no instalment or repay the whole debt,
  or beside flat interest, the start of each period, a grace, the remainder first or rate changes
  refused);
  interest on the days of each period (`interest_basis`): a fixed year of 360, 364 or 365 days
  for frequencies counted in days (each period its days over that year), or actual days on a day
  count of ISDA 2006 4.16 (actual/365 fixed, actual/360, actual/actual ISDA, 30E/360), each row's
  interest the annual rate in force at its period's start times the period's year fraction on the
  balance, rounded once, the level instalment still computed on regular periods and the last one
  settling; the first period from the interest start (`interest_from`) when given, its interest
  on the first instalment beside a regular principal part (`broken_period`), and the combinations
  the crate documents as refused (beside interest graces or stages, flat interest or instalments
  at the start of each period; a fixed year on months; an interest start without actual days or
  not before the first due date);
  due dates on business days (`business_days`: following, modified following, preceding) of a
  calendar (`calendar`: weekends only, France, Alsace and Moselle, Easter by the anonymous
  Gregorian algorithm), each date adjusted on its own from the anchor: the dates printed, the end
  of each period on actual days and the start of the periods after it (the first period still
  starts a period before the unadjusted first due date), the periods rate changes apply to, the
  dates a down payment and an interest start must precede, and a statement's due dates;
- statements: payments allocated in date order (one day's payments in the order given) under the
  default policy, Code civil 1343-1 without penalties: on the instalments due before the payment's
  date, then on those due that day, oldest first and component by component (costs, then interest,
  then principal, each over every selected instalment before the next component); what is left pays
  the instalments not yet due in advance, each in full (costs, interest, principal) before the
  next; what is left after the last one is a credit. Each instalment's paid, unpaid and status.

Used as a library by differential.py, or on its own: `reference.py generate|statement FILE` prints
the reference's JSON.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import sys
from decimal import Decimal
from fractions import Fraction

# Minor-unit exponents of the currencies the differential test draws (ISO 4217).
EXPONENT = {"EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "JPY": 0, "KRW": 0, "TND": 3, "KWD": 3}

# The dates the crate accepts as given (README, "Supported dates").
FIRST_SUPPORTED_DATE = dt.date(1900, 1, 1)
LAST_SUPPORTED_DATE = dt.date(2999, 12, 31)

# The most instalments a plan may have (documented on `MAX_INSTALMENTS`).
MAX_INSTALMENTS = 1200

NAMED_FREQUENCIES = {
    "weekly": ("days", 7),
    "every_2_weeks": ("days", 14),
    "every_4_weeks": ("days", 28),
    "monthly": ("months", 1),
    "every_2_months": ("months", 2),
    "quarterly": ("months", 3),
    "half_yearly": ("months", 6),
    "yearly": ("months", 12),
}


class Unsupported(Exception):
    """The request uses something the reference does not model."""


class Refused(Exception):
    """The request is one the crate documents as refused (an error, not a schedule)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


# --- Money and rounding -------------------------------------------------------------------------


def money(obj: dict, currency: str) -> Fraction:
    """A JSON amount `{"amount": "12.30", "currency": "EUR"}` as an exact fraction."""
    if obj.get("currency") != currency:
        raise Refused("CurrencyMismatch", str(obj))
    return Fraction(Decimal(obj["amount"]))


def round_units(q: Fraction, rounding: str) -> int:
    """`q` rounded to a whole number with the named rounding."""
    sign = -1 if q < 0 else 1
    a = abs(q)
    whole = math.floor(a)
    frac = a - whole
    if rounding == "down":  # toward zero
        r = whole
    elif rounding == "up":  # away from zero
        r = whole if frac == 0 else whole + 1
    elif rounding == "half_up":  # half away from zero
        r = whole + 1 if frac >= Fraction(1, 2) else whole
    elif rounding == "half_even":  # half to the even neighbour
        if frac > Fraction(1, 2) or (frac == Fraction(1, 2) and whole % 2 == 1):
            r = whole + 1
        else:
            r = whole
    else:
        raise Unsupported(f"rounding {rounding}")
    return sign * r


def round_to(x: Fraction, unit: Fraction, rounding: str) -> Fraction:
    """`x` rounded to a multiple of `unit`."""
    return round_units(x / unit, rounding) * unit


def fmt(x: Fraction, exponent: int) -> str:
    """A whole number of minor units written at the currency's scale (`1234.50`)."""
    units = x * 10**exponent
    if units.denominator != 1:
        raise AssertionError(f"{x} is not a whole number of minor units")
    n = units.numerator
    sign = "-" if n < 0 else ""
    n = abs(n)
    if exponent == 0:
        return f"{sign}{n}"
    s = str(n).rjust(exponent + 1, "0")
    return f"{sign}{s[:-exponent]}.{s[-exponent:]}"


def percent(text: str) -> Fraction:
    """`"5.25%"` as the fraction 0.0525."""
    text = text.strip()
    if not text.endswith("%"):
        raise Unsupported(f"rate {text}")
    return Fraction(Decimal(text[:-1].strip())) / 100


# --- Dates ----------------------------------------------------------------------------------------


def frequency(name: str) -> tuple[str, int]:
    if name in NAMED_FREQUENCIES:
        return NAMED_FREQUENCIES[name]
    parts = name.split("_")
    if len(parts) == 3 and parts[0] == "every" and parts[2] in ("days", "months"):
        return parts[2], int(parts[1])
    # Twice a month on two fixed days, e.g. semi_monthly_15_31 (the 31st is a month's last day).
    if len(parts) == 4 and parts[:2] == ["semi", "monthly"]:
        first, second = int(parts[2]), int(parts[3])
        if not (1 <= first <= 16 and 13 <= second - first <= 16 and second <= 31):
            raise Refused("InvalidDays", name)
        return "half_months", (first, second)
    raise Unsupported(f"frequency {name}")


def period_of_year(freq: tuple[str, int]) -> Fraction:
    """The period as a fraction of a year: n/12 for months, 1/24 for half-months, weeks/52, other
    days/365."""
    unit, count = freq
    if unit == "half_months":
        return Fraction(1, 24)
    if unit == "months":
        return Fraction(count, 12)
    if count % 7 == 0:
        return Fraction(count // 7, 52)
    return Fraction(count, 365)


def add_months(anchor: dt.date, months: int) -> dt.date:
    """The anchor's day `months` later, clamped to the last day of a shorter month."""
    total = anchor.year * 12 + (anchor.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(anchor.day, last))


def fixed_days(year: int, month: int, days: tuple[int, int]) -> list[dt.date]:
    """The two days of a semi-monthly frequency in a month, each clamped to its last day."""
    last = calendar.monthrange(year, month)[1]
    return [dt.date(year, month, min(day, last)) for day in days]


def months_around(date: dt.date, step: int):
    """The (year, month) of `date`, then of the months after it (step 1) or before it (step -1)."""
    total = date.year * 12 + date.month - 1
    while True:
        year, month = divmod(total, 12)
        yield year, month + 1
        total += step


def half_month_after(date: dt.date, days: tuple[int, int]) -> dt.date:
    """The first of the two fixed days strictly after `date`."""
    for year, month in months_around(date, 1):
        for d in fixed_days(year, month, days):
            if d > date:
                return d


def half_month_before(date: dt.date, days: tuple[int, int]) -> dt.date:
    """The last of the two fixed days strictly before `date`."""
    for year, month in months_around(date, -1):
        for d in reversed(fixed_days(year, month, days)):
            if d < date:
                return d


def nth_date(anchor: dt.date, freq: tuple[str, int], k: int) -> dt.date:
    """The k-th due date (k = 0 is the anchor): always from the anchor, so the day never drifts; a
    semi-monthly date is the k-th of the fixed days after the anchor."""
    unit, count = freq
    if unit == "half_months":
        date = anchor
        for _ in range(k):
            date = half_month_after(date, count)
        return date
    if unit == "days":
        return anchor + dt.timedelta(days=count * k)
    return add_months(anchor, count * k)


def before(anchor: dt.date, freq: tuple[str, int]) -> dt.date:
    """One period before `anchor`."""
    unit, count = freq
    if unit == "half_months":
        return half_month_before(anchor, count)
    if unit == "days":
        return anchor - dt.timedelta(days=count)
    return add_months(anchor, -count)


# --- Business days ------------------------------------------------------------------------------

CALENDARS = ("weekends_only", "france", "france_alsace_moselle")
BUSINESS_DAY_RULES = ("unadjusted", "following", "modified_following", "preceding")


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus,
    Astronomical Algorithms, chapter 8): from the year's place in the 19-year lunar cycle and the
    century's corrections, the day of March (day 22 to 56, past 31 in April)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


_HOLIDAYS: dict[tuple[int, str], frozenset] = {}


def holidays(year: int, name: str) -> frozenset:
    """The public holidays of a calendar in `year`: none for weekends only; for France (Code du
    travail L3133-1) 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday (Easter + 39
    days), Whit Monday (Easter + 50), 14 July, 15 August, 1 November, 11 November and 25 December;
    for Alsace and Moselle (L3134-13) Good Friday and 26 December besides."""
    key = (year, name)
    if key not in _HOLIDAYS:
        days: set[dt.date] = set()
        if name in ("france", "france_alsace_moselle"):
            easter = easter_sunday(year)
            days |= {dt.date(year, m, d) for m, d in ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15),
                                                       (11, 1), (11, 11), (12, 25))}
            days |= {easter + dt.timedelta(days=n) for n in (1, 39, 50)}
            if name == "france_alsace_moselle":
                days |= {easter - dt.timedelta(days=2), dt.date(year, 12, 26)}
        elif name != "weekends_only":
            raise Unsupported(f"calendar {name}")
        _HOLIDAYS[key] = frozenset(days)
    return _HOLIDAYS[key]


def is_business_day(date: dt.date, name: str) -> bool:
    """Neither a Saturday, a Sunday nor a public holiday of the calendar."""
    return date.weekday() < 5 and date not in holidays(date.year, name)


def adjust(date: dt.date, rule: str, name: str) -> dt.date:
    """`date` moved to a business day: unadjusted, the next one (following), the previous one
    (preceding), or the next one unless it falls in another month, then the previous one
    (modified following)."""
    if rule == "unadjusted" or is_business_day(date, name):
        return date
    step = -1 if rule == "preceding" else 1
    moved = date
    while not is_business_day(moved, name):
        moved += dt.timedelta(days=step)
    if rule == "modified_following" and (moved.year, moved.month) != (date.year, date.month):
        return adjust(date, "preceding", name)
    return moved


# --- Day counts -----------------------------------------------------------------------------------
#
# The year fraction of a period from `start` to `end`, as the 2006 ISDA Definitions (section 4.16)
# define each convention. A Calculation Period (4.13) runs from and including its start to but
# excluding its end: those are the days that "fall" in a year for actual/actual.

DAY_COUNTS = ("actual_365", "actual_360", "actual_actual_isda", "thirty_e_360")


def is_leap(year: int) -> bool:
    return calendar.isleap(year)


def year_fraction(day_count: str, start: dt.date, end: dt.date) -> Fraction:
    """The exact fraction of a year of the period from `start` to `end` on `day_count`:

    - Actual/365 (Fixed), 4.16(d): the actual days over 365;
    - Actual/360, 4.16(e): the actual days over 360;
    - Actual/Actual (ISDA), 4.16(b): the days of the period falling in a leap year over 366, plus
      those falling in any other year over 365, the period's days being its start to the day
      before its end;
    - 30E/360 (Eurobond basis), 4.16(g): [360 × (Y2 − Y1) + 30 × (M2 − M1) + (D2 − D1)] / 360, a
      day 31 counting as 30 at either end (February's last day is not changed)."""
    days = (end - start).days
    if day_count == "actual_365":
        return Fraction(days, 365)
    if day_count == "actual_360":
        return Fraction(days, 360)
    if day_count == "thirty_e_360":
        d1, d2 = min(start.day, 30), min(end.day, 30)
        return Fraction(360 * (end.year - start.year) + 30 * (end.month - start.month) + d2 - d1,
                        360)
    if day_count == "actual_actual_isda":
        first, past = start, end  # the period's days: first included, past excluded
        total = Fraction(0)
        for year in range(first.year, past.year + 1):
            lo = max(first, dt.date(year, 1, 1))
            hi = min(past, dt.date(year + 1, 1, 1)) if year < 9999 else past
            if hi > lo:
                total += Fraction((hi - lo).days, 366 if is_leap(year) else 365)
        return total
    raise Unsupported(f"day count {day_count}")


# --- Schedules ------------------------------------------------------------------------------------


# Known defects of the crate: differences from its documentation that are reported and not yet
# fixed. Given one of these names, the reference reproduces what the crate does instead of what it
# documents, so that a differential run can tell a known difference from a new one. Each has its
# smallest failing request in tests/golden/differential/.
KNOWN_DEFECTS: dict[str, str] = {}

# Requests on which the crate once differed from its documentation, fixed since: each must give the
# same result as the reference (the differential run checks them first).
FIXED_DEFECTS = [
    # A level plan sized by capacity whose last instalment came out a cent above the others.
    "tests/golden/differential/level_capacity_last_above_others.json",
    # Equal principal parts on a coarse step: the fitting count is far past the estimate.
    "tests/golden/differential/equal_principal_capacity_coarse_step_refused.json",
    # A level amount exactly on a unit, rounded up from its 28-digit approximation to the next.
    "tests/golden/differential/exact_level_amount_rounded_up.json",
    # Actual/actual (ISDA) put in their years the days after a period's start through its end,
    # where ISDA 2006 4.16(b) and 4.13 take its start through the day before its end.
    "tests/golden/differential/isda_days_after_start.json",
    # An interest start on or after the first due date was refused only where interest runs on
    # the days (a rate above zero on the declining balance), not on a plan without interest.
    "tests/golden/differential/interest_start_unchecked.json",
]


class Plan:
    """A request read and checked, with the down payment taken off."""

    def __init__(self, request: dict, known: frozenset = frozenset()):
        self.known = known
        options = {"debt", "first_due", "frequency", "sizing", "interest", "down_payment", "step",
                   "remainder", "rounding", "business_days", "calendar", "timing", "balancing",
                   "principal_grace", "interest_method", "interest_free_grace",
                   "deferred_interest_grace", "balloon", "rate_changes", "stages",
                   "interest_basis", "interest_from", "broken_period"}
        extra = set(request) - options
        if extra:
            raise Unsupported(f"options {sorted(extra)}")
        # Due dates that are not business days of the calendar move by the rule; the plan keeps its
        # anchor (each date is adjusted on its own).
        self.business_days = request.get("business_days", "unadjusted")
        self.calendar = request.get("calendar", "weekends_only")
        if self.business_days not in BUSINESS_DAY_RULES or self.calendar not in CALENDARS:
            raise Unsupported(f"business days {self.business_days} on {self.calendar}")
        debt = request["debt"]
        self.currency = debt["currency"]
        if self.currency not in EXPONENT:
            raise Unsupported(f"currency {self.currency}")
        self.exponent = EXPONENT[self.currency]
        self.minor = Fraction(1, 10**self.exponent)
        parts = [money(c["amount"], self.currency) for c in debt["claims"]]
        costs = [money(f["amount"], self.currency) for f in debt.get("fees", [])]
        if any(x <= 0 for x in parts + costs):
            raise Refused("NotPositive", "claim or fee amount")
        claims, fees = sum(parts, Fraction(0)), sum(costs, Fraction(0))
        self.total_due = claims + fees
        if self.total_due <= 0:
            raise Refused("EmptyDebt")
        self.fees_due = fees
        self.first_due = dt.date.fromisoformat(request["first_due"])
        self.freq = frequency(request["frequency"])
        self._unadjusted: list[dt.date] = []  # the due dates, as the frequency gives them
        self._due_dates: list[dt.date] = []  # and as they fall due
        self.rounding = request.get("rounding", "half_up")
        self.remainder = request.get("remainder", "last")
        self.step = money(request["step"], self.currency) if "step" in request else self.minor
        if self.step <= 0:
            raise Refused("NotPositive", "rounding step")

        self._interest_basis(request)
        interest = request.get("interest", "none")
        self.equal_principal = False
        self.annual = Fraction(0)  # the annual rate, zero without interest
        if interest == "none":
            self.rate = None
        elif isinstance(interest, dict) and set(interest) in ({"annuity"}, {"equal_principal"}):
            # Equal principal parts plus the interest of the period: instalments decline.
            self.equal_principal = "equal_principal" in interest
            annual = self.annual = percent(interest.get("annuity") or interest["equal_principal"])
            # A zero rate is no interest at all.
            self.rate = annual * self.regular_fraction if annual != 0 else None
        else:
            raise Unsupported(f"interest {interest}")
        if self.equal_principal and "amount" in request["sizing"]:
            raise Refused("Unsupported", "an equal-principal plan sized by one instalment amount")
        if self.rate is not None and self.remainder == "first":
            raise Refused("Unsupported", "remainder first with interest")
        # An annuity-due (terme à échoir): the first instalment, paid the day the plan starts,
        # carries no interest. Without interest both timings give the same plan.
        timing = request.get("timing", "end")
        if timing not in ("end", "start"):
            raise Unsupported(f"timing {timing}")
        self.interest_free_first = timing == "start" and self.rate is not None
        self.balancing = request.get("balancing", "rounded")
        if self.balancing not in ("rounded", "closest_last"):
            raise Unsupported(f"balancing {self.balancing}")
        self._interest_terms(request, timing)
        # Flat interest: the annual rate on the amount financed for the whole term, rounded once
        # with the plan's rounding; each instalment carries an even share of it, rounded down, the
        # last one the rest. The instalments are level, the last one settling the balance.
        self.flat = None
        method = request.get("interest_method", "declining_balance")
        if method not in ("declining_balance", "flat"):
            raise Unsupported(f"interest method {method}")
        if method == "flat":
            if self.equal_principal:
                raise Refused("Unsupported", "flat interest with equal principal parts")
            if self.rate is not None:
                if (timing != "end" or self.balancing != "rounded"
                        or set(request["sizing"]) != {"count"} or "principal_grace" in request):
                    raise Unsupported("flat interest beside options other than a count")
                self.flat, self.rate = self.rate, None
        # Interest graces: no interest accrues in the first `free` periods; the interest of the
        # first `deferred` periods is not paid with them but with instalment `deferred + 1`. The
        # instalments stay level: the amount that brings the exact schedule to zero.
        self.free = int(request.get("interest_free_grace", 0))
        self.deferred = int(request.get("deferred_interest_grace", 0))
        if self.free or self.deferred:
            if self.rate is None or timing == "start":
                raise Refused("Unsupported", "an interest grace needs interest paid at the end")
            if self.equal_principal or self.balancing != "rounded" \
                    or set(request["sizing"]) != {"count"} or "principal_grace" in request:
                raise Unsupported("an interest grace beside options other than an annuity by count")
        # A principal grace: the first instalments pay the interest of their period only.
        self.grace = int(request.get("principal_grace", 0))
        if self.grace and (self.rate is None or timing == "start"):
            raise Refused("Unsupported", "a principal grace needs interest paid at the end")
        if self.grace and (self.balancing != "rounded" or set(request["sizing"]) != {"count"}):
            raise Unsupported("a principal grace beside a sizing other than a count")

        self.sizing = request["sizing"]
        self._stages(request)
        # Checked after the options (as the crate does), before the amounts.
        if self.freq[0] == "half_months" and self.first_due not in fixed_days(
                self.first_due.year, self.first_due.month, self.freq[1]):
            raise Refused("InvalidDays", "a semi-monthly plan starts on one of its two days")
        if "amount" in self.sizing:
            amount = money(self.sizing["amount"], self.currency)
            if amount <= 0:
                raise Refused("NotPositive", "instalment amount")
        if "capacity" in self.sizing:
            capacity = money(self.sizing["capacity"]["capacity"], self.currency)
            if capacity <= 0:
                raise Refused("NotPositive", "capacity")

        self.down = None
        self.financed = self.total_due
        self.fees_financed = self.fees_due
        if "down_payment" in request:
            self._down_payment(request["down_payment"])
        self.balloon = self._balloon(request["balloon"]) if "balloon" in request else Fraction(0)
        # Rate changes: each a new annual rate for the periods that start on or after its date.
        self.changes = [(dt.date.fromisoformat(c["date"]), percent(c["rate"]))
                        for c in request.get("rate_changes", [])]
        if self.changes:
            if self.free or self.deferred:
                raise Refused("Unsupported", "rate changes beside an interest grace")
            plain = (self.rate is not None and timing == "end" and "principal_grace" not in request
                     and "balloon" not in request and self.balancing == "rounded")
            if not plain or set(self.sizing) - {"count", "end_date"}:
                raise Refused("Unsupported", "rate changes on a plan they do not apply to")
            if set(self.sizing) != {"count"}:
                raise Unsupported("rate changes on a plan sized by end date")
        # Rows with periods of their own: interest on the declining balance, above zero, on actual
        # days or at rates that change.
        self.dated = self.rate is not None and (self.day_count is not None or bool(self.changes))
        self.broken_first = (self.broken_period == "first_instalment" and self.rate is not None
                             and self.day_count is not None)
        self.offset = 0  # rows numbered from 1 after this many (a principal grace's)
        # The interest start comes before the first due date (documented without condition).
        if self.interest_from is not None and self.interest_from >= self.due_date(0):
            raise Refused("DateOrder", "the interest start on or after the first due date")

    def _interest_basis(self, request: dict) -> None:
        """What each period's interest is counted on (`interest_basis`), and the regular period as a
        fraction of a year, which the level instalment is computed on (`self.regular_fraction`):

        - periodic (the default): n/12 for every n months, 1/24 for half-months, n/52 for every n
          weeks, n/365 for other days;
        - a fixed year of 360, 364 or 365 days: for frequencies counted in days, each period its
          days over that year (weekly at 10 % on 360 days is 10 % × 7/360 a week); refused for
          other frequencies (checked with the other terms);
        - actual days on a day count: each row's interest runs on the days of its own period (see
          `row_rate`), while the level instalment is computed on regular periods, n/12 for months,
          1/24 for half-months, and for days their count over 360 (actual/360, 30E/360) or 365."""
        basis = request.get("interest_basis", "periodic")
        unit, count = self.freq
        self.day_count: str | None = None
        self.fixed_year: int | None = None
        self.regular_fraction = period_of_year(self.freq)
        if basis == "periodic":
            return
        if isinstance(basis, dict) and set(basis) == {"fixed_year"}:
            year = {"days360": 360, "days364": 364, "days365": 365}.get(basis["fixed_year"])
            if year is None:
                raise Unsupported(f"interest basis {basis}")
            self.fixed_year = year
        elif isinstance(basis, dict) and set(basis) == {"actual_days"}:
            if basis["actual_days"] not in DAY_COUNTS:
                raise Unsupported(f"interest basis {basis}")
            self.day_count = basis["actual_days"]
            year = 360 if self.day_count in ("actual_360", "thirty_e_360") else 365
        else:
            raise Unsupported(f"interest basis {basis}")
        if unit == "days":
            self.regular_fraction = Fraction(count, year)

    def _interest_terms(self, request: dict, timing: str) -> None:
        """The interest start (`interest_from`, the start of the first period) and the rule for a
        broken first period (`broken_period`), read and checked with the basis, as the crate's
        documentation refuses them: a basis other than periodic, an interest start or rate changes
        beside an interest-free or deferred-interest grace or stages; an interest start outside the
        supported dates; a fixed year on a frequency not counted in days; actual days on flat
        interest or instalments at the start of each period (with a rate above zero); an interest
        start without actual days; the broken period's interest on the first instalment without
        actual days or on a plan sized otherwise than by count or end date."""
        given = request.get("interest_from")
        self.interest_from = dt.date.fromisoformat(given) if given is not None else None
        self.broken_period = request.get("broken_period", "level")
        if self.broken_period not in ("level", "first_instalment"):
            raise Unsupported(f"broken period {self.broken_period}")
        terms = (self.day_count is not None or self.fixed_year is not None
                 or self.interest_from is not None or bool(request.get("rate_changes")))
        graces = request.get("interest_free_grace", 0) or request.get("deferred_interest_grace", 0)
        if terms and (graces or request.get("stages")):
            raise Refused("Unsupported", "interest terms beside an interest grace or stages")
        if self.interest_from is not None \
                and not FIRST_SUPPORTED_DATE <= self.interest_from <= LAST_SUPPORTED_DATE:
            raise Refused("UnsupportedDate", "the interest start")
        if self.fixed_year is not None and self.freq[0] != "days":
            raise Refused("Unsupported", "a fixed year on a frequency not counted in days")
        charged = self.annual != 0
        flat = request.get("interest_method", "declining_balance") == "flat"
        if self.day_count is not None and charged and (flat or timing == "start"):
            raise Refused("Unsupported", "actual days on flat interest or at the start of periods")
        if self.interest_from is not None and self.day_count is None:
            raise Refused("Unsupported", "an interest start without actual days")
        counted = set(request["sizing"]) in ({"count"}, {"end_date"})
        if self.broken_period == "first_instalment" and not (self.day_count and counted):
            raise Refused("Unsupported", "the broken period's interest on the first instalment")

    def due_date(self, k: int) -> dt.date:
        """The due date of instalment k + 1 (k = 0 is the first due date) as it falls due: the
        frequency's date from the anchor, moved to a business day by the plan's rule; each after
        the one before."""
        dates = self._due_dates
        while len(dates) <= k:
            i = len(dates)
            if self.freq[0] == "half_months" and dates:
                unadjusted = half_month_after(self._unadjusted[-1], self.freq[1])
            else:
                unadjusted = nth_date(self.first_due, self.freq, i)
            self._unadjusted.append(unadjusted)
            date = adjust(unadjusted, self.business_days, self.calendar)
            if dates and date <= dates[-1]:
                raise Refused("DateOrder", f"due date {i + 1} not after the one before")
            dates.append(date)
        return dates[k]

    def first_start(self) -> dt.date:
        """The start of the first period: the interest start, else one period before the first
        (unadjusted) due date."""
        return self.interest_from or before(self.first_due, self.freq)

    def period(self, index: int) -> tuple[dt.date, dt.date]:
        """Row `index`'s period (from 1): from the previous due date, the first from the first
        start, to its own due date."""
        start = self.first_start() if index == 1 else self.due_date(index - 2)
        return start, self.due_date(index - 1)

    def annual_at(self, start: dt.date) -> Fraction:
        """The annual rate of a period starting on `start`: the last change dated on or before it,
        or the plan's own rate."""
        annual = self.annual
        for date, rate in self.changes:
            if date <= start:
                annual = rate
        return annual

    def row_rate(self, index: int) -> Fraction | None:
        """What row `index` (from 1, a grace's rows included) charges on its balance: the periodic
        rate; on a plan whose rows have periods of their own, the annual rate of the period's
        start times the period, its year fraction on the day count of actual days, otherwise the
        regular period."""
        if not self.dated:
            return self.rate
        start, end = self.period(index)
        annual = self.annual_at(start)
        if self.day_count is not None:
            return annual * year_fraction(self.day_count, start, end)
        return annual * self.regular_fraction

    def _stages(self, request: dict) -> None:
        """A stepped plan (paliers): the first instalments have the amounts the stages give, each
        paying its period's interest first (`self.stages`, one amount per instalment). Each stage
        has at least one instalment, of an amount above zero, at most MAX_INSTALMENTS in all; not
        with flat interest, instalments at the start of each period, a grace, the remainder on the
        first instalment or rate changes."""
        self.stages = []
        for stage in request.get("stages", []):
            amount = money(stage["amount"], self.currency)
            if amount <= 0:
                raise Refused("NotPositive", "stage amount")
            count = int(stage["count"])
            if count == 0 or len(self.stages) + count > MAX_INSTALMENTS:
                raise Refused("InvalidCount", f"stage of {count}")
            self.stages += [amount] * count
        if not self.stages:
            return
        if self.flat is not None or self.interest_free_first or self.grace or self.free \
                or self.deferred or self.remainder == "first" or request.get("rate_changes"):
            raise Refused("Unsupported", "stages beside an option they do not combine with")
        if set(self.sizing) != {"count"}:
            raise Unsupported("stages on a plan sized otherwise than by count")

    def after_stages(self, n: int) -> Fraction:
        """The level amount of the `n − K` instalments after `K` stage instalments: they repay the
        balance of the exact (unrounded) schedule after the stages, P·(1 + r)^K − Σ a_k·(1 + r)^(K − k)
        (P − Σ a_k without interest), as an annuity of the periods left (less the balloon's value
        then), in equal principal parts, or in level instalments, the balloon left to the last."""
        k = len(self.stages)
        if n <= k:
            raise Refused("Unsupported", "the stages leave at least one instalment to the sizing")
        growth = 1 + (self.rate or 0)
        left = self.financed
        for amount in self.stages:
            left = left * growth - amount
        if left <= 0:
            raise Refused("Unsupported", "the stages repay the whole debt")
        periods = n - k
        if self.rate is None or self.equal_principal:
            return (left - self.balloon) / periods
        g = growth ** periods
        return (left - self.balloon / g) * self.rate * g / (g - 1)

    def _balloon(self, balloon: dict) -> Fraction:
        """A balloon: part of the amount financed left to the last instalment, given as an amount
        or as a percentage of the amount financed (rounded once to the minor unit with the
        plan's rounding); below the amount financed, on a plan sized by count (or end date) with
        the remainder on the last instalment."""
        if set(self.sizing) != {"count"} and set(self.sizing) != {"end_date"} \
                or self.remainder != "last":
            raise Refused("Unsupported", "a balloon on a plan sized by count or end date")
        if self.balancing != "rounded":
            raise Unsupported("a balloon beside the closest-last balancing")
        if set(balloon) == {"amount"}:
            if balloon["amount"]["currency"] != self.currency:
                raise Refused("CurrencyMismatch", "balloon")
            amount = money(balloon["amount"], self.currency)
        elif set(balloon) == {"percent"}:
            share = Fraction(Decimal(balloon["percent"]))
            if not 0 < share < 100:
                raise Refused("InvalidPercent", "balloon")
            amount = round_to(self.financed * share / 100, self.minor, self.rounding)
        else:
            raise Unsupported(f"balloon {balloon}")
        if amount <= 0:
            raise Refused("NotPositive", "balloon")
        if amount >= self.financed:
            raise Refused("BalloonTooLarge")
        return amount

    def amortised(self, n: int) -> Fraction:
        """What `n` regular instalments amortise: the amount financed less the balloon's value
        when the first instalment falls due, B·(1 + r)^−n for an annuity (B·(1 + r)^−(n − 1) when
        paid at the start of each period), B itself otherwise."""
        if self.rate is None or self.equal_principal or self.flat is not None:
            return self.financed - self.balloon
        periods = n - 1 if self.interest_free_first else n
        return self.financed - self.balloon / (1 + self.rate) ** periods

    def _down_payment(self, down: dict) -> None:
        on_step = down.get("rounding", "minor_unit") == "step"
        if "amount" in down:
            amount = money(down["amount"], self.currency)
            if amount <= 0:
                raise Refused("NotPositive", "down payment")
            if on_step:
                amount = round_to(amount, self.step, self.rounding)
        elif "percent" in down:
            share = Fraction(Decimal(down["percent"]))
            if not 0 < share < 100:
                raise Refused("InvalidPercent", "down payment")
            exact = self.total_due * share / 100
            # Rounded once: to the step or to the minor unit, with the plan's rounding.
            amount = round_to(exact, self.step if on_step else self.minor, self.rounding)
        else:
            raise Unsupported(f"down payment {down}")
        if amount <= 0:
            raise Refused("NotPositive", "down payment rounded")
        if amount >= self.total_due:
            raise Refused("DownPaymentTooLarge")
        date = dt.date.fromisoformat(down["date"])
        if date >= self.due_date(0):
            raise Refused("DateOrder", "down payment on or after the first due date")
        fees = min(amount, self.fees_due)  # costs first
        self.down = {"date": date, "amount": amount, "fees": fees}
        self.financed = self.total_due - amount
        self.fees_financed = self.fees_due - fees

    # The periodic interest on a balance, rounded once to the minor unit with the plan's rounding.
    def interest_on(self, balance: Fraction, rate: Fraction | None = None) -> Fraction:
        rate = self.rate if rate is None else rate
        if rate is None:
            return Fraction(0)
        return round_to(balance * rate, self.minor, self.rounding)

    def period_rates(self, n: int) -> tuple[list[Fraction], set[int]]:
        """Each of `n` rows' annual rate under the rate changes, and the rows where one takes
        effect. A period starts on the previous due date (the first one on the interest start, or
        a period before the first due date); a change applies to the periods that start on or
        after its date, and must fall after the first period's start, on or before the last
        one's, after the change before it and in a later period than it."""
        starts = [self.period(k)[0] for k in range(1, n + 1)]
        rates, rows, previous = [self.annual] * n, set(), None
        for date, annual in self.changes:
            if previous is not None and date <= previous[0]:
                raise Refused("InvalidRateChange", "not after the previous change")
            if date <= starts[0] or date > starts[-1]:
                raise Refused("InvalidRateChange", "outside the plan's periods")
            row = next(k for k, start in enumerate(starts) if start >= date)
            if previous is not None and row <= previous[1]:
                raise Refused("InvalidRateChange", "in the period of the change before it")
            rates[row:] = [annual] * (n - row)
            rows.add(row + 1)
            previous = (date, row)
        return rates, rows

    def reamortised(self, balance: Fraction, rate: Fraction, left: int) -> Fraction:
        """The level instalment repaying `balance` over `left` instalments at the periodic `rate`,
        rounded to the step with the plan's rounding (a rate change's new instalment)."""
        if rate == 0:
            exact = balance / left
        else:
            growth = (1 + rate) ** left
            exact = balance * rate * growth / (growth - 1)
        return round_to(exact, self.step, self.rounding)

    def flat_interest(self, n: int) -> Fraction:
        """The flat interest of `n` periods: P × periodic rate × n, rounded once."""
        return round_to(self.financed * self.flat * n, self.minor, self.rounding)

    def exact_level(self, n: int) -> Fraction:
        """The exact regular amount of `n` instalments: P/n, or the annuity P·r / (1 − (1 + r)^−n),
        or (P + flat interest)/n."""
        if self.flat is not None:
            return (self.amortised(n) + self.flat_interest(n)) / n
        if self.stages:
            return self.after_stages(n)
        if self.free or self.deferred:
            if n <= max(self.free, self.deferred):
                raise Refused("Unsupported", "a grace leaves at least one instalment after it")
            return self.level_with_grace(n)
        if self.rate is None or self.equal_principal:
            return self.amortised(n) / n  # the level instalment, or the equal principal part
        growth = (1 + self.rate) ** n
        ordinary = self.amortised(n) * self.rate * growth / (growth - 1)
        # Paid a period earlier, each instalment of an annuity-due is worth 1 + r times less.
        return ordinary / (1 + self.rate) if self.interest_free_first else ordinary

    def level_with_grace(self, n: int) -> Fraction:
        """The level amount A whose exact schedule (no rounding) ends at zero, or at the balloon
        that the last instalment pays beside A: the balance after the last regular amount is
        affine in A, a + b·A, so A = (B − a)/b."""
        a, b = self.financed, Fraction(0)  # the balance, as a + b·A
        deferred = (Fraction(0), Fraction(0))
        for index in range(1, n + 1):
            accrued = (a * self.rate, b * self.rate)
            (i_a, i_b), deferred = self.grace_pair(n, index, accrued, deferred)
            # The instalment A repays A − interest of capital.
            a, b = a + i_a, b - 1 + i_b
        return (self.balloon - a) / b

    def grace_pair(self, n, index, accrued, deferred):
        """The interest instalment `index` of `n` pays under the interest graces, and the interest
        deferred after it, given what its period accrues (`accrued`, nothing in a free period)
        and what was deferred before it; each an affine pair (constant, coefficient of A)."""
        free, later = min(self.free, n), min(self.deferred, n - 1)
        zero = (Fraction(0), Fraction(0))
        if index <= free:
            accrued = zero
        if index <= later:
            return zero, (deferred[0] + accrued[0], deferred[1] + accrued[1])
        if later and index == later + 1:
            return (accrued[0] + deferred[0], accrued[1] + deferred[1]), zero
        return accrued, deferred

    def rows(self, n: int, regular: Fraction):
        """`n` rows of the regular amount, the remainder instalment settling the balance; None when
        the regular amount would repay everything before the last instalment (or leave nothing for
        the remainder one)."""
        out = []
        balance = self.financed
        fees_left = self.fees_financed
        remainder_index = 1 if self.remainder == "first" else n
        rates, change_rows = self.period_rates(n) if self.changes else (None, set())
        if self.flat is not None:
            total = self.flat_interest(n)
            share = round_to(total / n, self.minor, "down")
            last_share = total - share * (n - 1)
        deferred = Fraction(0)
        for index in range(1, n + 1):
            row_regular = None  # the first instalment's own amount under a broken period
            if index <= len(self.stages):
                # A stage instalment: its amount, its period's interest first.
                interest = self.interest_on(balance)
                amount = self.stages[index - 1]
                if amount <= interest:
                    raise Refused("BelowPeriodicInterest", f"stage {amount} <= {interest}")
                capital = amount - interest
                if index >= n or capital >= balance:
                    raise Refused("Unsupported", "the stages repay the whole debt")
            elif self.flat is not None:
                interest = last_share if index == n else share
            elif index == 1 and self.interest_free_first:
                interest = Fraction(0)
            elif index == 1 and self.broken_first and self.offset == 0 and n > 1 \
                    and not self.equal_principal:
                # The broken period's interest on the first instalment: its actual days' interest
                # beside the principal part of a regular period (the regular amount less the
                # interest of a regular period on the same balance).
                interest = self.interest_on(balance, self.row_rate(1))
                row_regular = regular + interest - self.interest_on(balance)
            elif self.free or self.deferred:
                (interest, _), (deferred, _) = self.grace_pair(
                    n, index, (self.interest_on(balance), 0), (deferred, 0))
            elif rates:
                # An annuity's instalment is recomputed where a new rate takes effect, on the
                # regular period at the new rate.
                if index in change_rows and not self.equal_principal:
                    regular = self.reamortised(balance, rates[index - 1] * self.regular_fraction,
                                               n - index + 1)
                interest = self.interest_on(balance, self.row_rate(index))
            else:
                interest = self.interest_on(balance, self.row_rate(index + self.offset))
            if index <= len(self.stages):
                pass  # a stage instalment: its capital is set above
            elif self.flat is not None:
                if index == n:
                    capital = balance
                elif regular <= interest:
                    return None
                else:
                    capital = regular - interest
            elif self.rate is not None and not self.equal_principal:
                amount = regular if row_regular is None else row_regular
                if index == n:
                    capital = balance
                elif amount <= interest:
                    raise Refused("BelowPeriodicInterest", f"{amount} <= {interest}")
                else:
                    capital = amount - interest
            elif index == remainder_index:
                # What the others leave: on the last, the balance; on the first, the amount
                # financed less the n − 1 regular parts after it.
                capital = balance if index == n else self.financed - regular * (n - 1)
            else:
                capital = regular
            if capital <= 0 or (index < n and capital >= balance):
                return None
            fees = min(capital, fees_left)  # costs are repaid first
            fees_left -= fees
            balance -= capital
            out.append({"number": index, "kind": "regular", "amount": capital + interest,
                        "principal": capital - fees, "interest": interest, "fees": fees,
                        "balance_after": balance})
        return out

    def unsplittable(self, n: int) -> bool:
        """Whether `n` instalments cannot be made on the step."""
        try:
            self.by_count(n, self.rounding)
        except Refused as e:
            if e.kind == "Unsplittable":
                return True
            raise
        return False

    def by_count(self, n: int, preferred: str):
        """`n` instalments as level as the step allows: the exact amount rounded with `preferred`,
        or rounded down when that would repay everything before the last instalment."""
        if not 0 < n <= MAX_INSTALMENTS:
            raise Refused("InvalidCount", str(n))
        exact = self.exact_level(n)
        tries = [preferred] + (["down"] if preferred != "down" else [])
        for rounding in tries:
            regular = round_to(exact, self.step, rounding)
            if regular <= 0:
                continue
            rows = self.rows(n, regular)
            if rows is not None:
                self.regular, self.regular_rounding = regular, rounding
                return rows
        raise Refused("Unsplittable", f"{self.financed} in {n}")

    def by_count_balanced(self, n: int):
        """`n` instalments, the regular amount chosen by the balancing rule: the exact amount
        rounded with the plan's rounding, or (closest last) of the exact amount rounded down and
        rounded up, the one whose remainder instalment comes closest to the regular amount, the
        plan's rounding winning a tie."""
        if self.balancing == "rounded" or n == 1:
            return self.by_count(n, self.rounding)

        def gap(rows, regular):
            row = rows[0] if self.remainder == "first" else rows[-1]
            # An equal-principal plan compares its principal parts (fees included).
            part = row["principal"] + row["fees"] if self.equal_principal else row["amount"]
            return abs(part - regular)

        best = self.by_count(n, self.rounding)
        best_regular = self.regular
        best_gap = gap(best, best_regular)
        for rounding in ("down", "up"):
            try:
                rows = self.by_count(n, rounding)
            except Refused as e:
                if e.kind in ("Unsplittable", "BelowPeriodicInterest"):
                    continue
                raise
            # An amount rounded up that fell back to rounding down is not a candidate of its own.
            if self.regular == best_regular or self.regular_rounding != rounding:
                continue
            if gap(rows, self.regular) < best_gap:
                best, best_regular, best_gap = rows, self.regular, gap(rows, self.regular)
        return best

    def count_for(self, amount: Fraction):
        """How many instalments of at most `amount` repay the balance (None past the limit)."""
        if self.rate is None:
            n = math.ceil(self.financed / amount)
            return n if n <= MAX_INSTALMENTS else None
        balance = self.financed
        for k in range(1, MAX_INSTALMENTS + 1):
            interest = Fraction(0) if k == 1 and self.interest_free_first \
                else self.interest_on(balance, self.row_rate(k))
            if amount >= balance + interest:
                return k
            if amount <= interest:
                raise Refused("BelowPeriodicInterest", f"{amount} <= {interest}")
            balance = balance + interest - amount
        return None

    def by_amount(self, amount: Fraction):
        n = self.count_for(amount)
        if n is None:
            raise Refused("CapacityTooLow")
        rows = self.rows(n, amount)
        if rows is None:
            raise Refused("Unsplittable")
        return rows

    def by_capacity(self, capacity: Fraction, shape: str):
        # Never more than the capacity: it is rounded down to the step.
        usable = round_to(capacity, self.step, "down")
        if usable <= 0:
            raise Refused("NotPositive", "capacity rounded down to the step")
        if self.equal_principal:
            return self.equal_principal_by_capacity(usable)
        full = self.by_amount(usable)
        if shape == "full_capacity" or len(full) <= 1:
            return full
        if shape != "level":
            raise Unsupported(f"capacity shape {shape}")
        # Level over the same count: rounded up, so that it is never more instalments; kept only
        # when no instalment exceeds the capacity and the remainder one is no larger than the
        # others (otherwise the full-capacity shape).
        try:
            level = self.by_count(len(full), "up")
        except Refused as e:
            if e.kind == "Unsplittable":
                return full
            raise
        remainder = level[0] if self.remainder == "first" else level[-1]
        level_enough = remainder["amount"] <= self.regular
        if max(r["amount"] for r in level) <= usable and level_enough:
            return level
        return full

    def equal_principal_by_capacity(self, usable: Fraction):
        """The fewest equal-principal instalments whose largest fits the capacity."""
        first_interest = self.interest_on(self.financed, self.row_rate(1))
        if usable <= first_interest:
            raise Refused("BelowPeriodicInterest", f"{usable} <= {first_interest}")

        def fits(n):
            # Cheap first: without a fallback rounding the regular rows decline, so the largest
            # instalment is the first or the remainder (last) one, known without building the rows.
            regular = round_to(self.financed / n, self.step, self.rounding)
            if n > 1 and 0 < regular and regular * (n - 1) < self.financed \
                    and not self.interest_free_first:
                last = self.financed - regular * (n - 1)
                first = regular + first_interest
                if max(first, last + self.interest_on(last, self.row_rate(n))) > usable:
                    return None
            try:
                rows = self.by_count(n, self.rounding)
            except Refused as e:
                if e.kind == "Unsplittable":
                    return None
                raise
            return rows if max(r["amount"] for r in rows) <= usable else None

        # The first instalment is about P/n + P·r: no fewer than P / (capacity − P·r).
        n = estimate = max(1, math.ceil(self.financed / (usable - first_interest)))
        while True:
            if n > MAX_INSTALMENTS:
                # The amount named as needed is that of the longest plan that can be split on the
                # step; when none can, the step is what stands in the way.
                if all(self.unsplittable(k) for k in range(1, MAX_INSTALMENTS + 1)):
                    raise Refused("Unsplittable", "no count can be split on the step")
                raise Refused("CapacityTooLow")
            rows = fits(n)
            if rows is not None:
                break
            n += 1
        while n > 1:
            fewer = fits(n - 1)
            if fewer is None:
                break
            rows, n = fewer, n - 1
        return rows

    def with_grace(self, n: int) -> list[dict]:
        """`n` instalments, the first `grace` paying the interest of their period on the whole
        amount financed and nothing else, the others the plan of the periods left (numbered on from
        the grace, each row's interest that of its own period)."""
        if not 0 < n <= MAX_INSTALMENTS:
            raise Refused("InvalidCount", str(n))
        if n <= self.grace:
            raise Refused("Unsupported", "a principal grace leaves at least one instalment")
        rows = []
        for k in range(1, self.grace + 1):
            interest = self.interest_on(self.financed, self.row_rate(k))
            if interest <= 0:
                raise Refused("GraceWithoutInterest", "a grace instalment of nothing")
            rows.append({"number": k, "kind": "regular", "amount": interest,
                         "principal": Fraction(0), "interest": interest, "fees": Fraction(0),
                         "balance_after": self.financed})
        self.offset = self.grace
        try:
            after = self.by_count(n - self.grace, self.rounding)
        finally:
            self.offset = 0
        for row in after:
            row["number"] += self.grace
            rows.append(row)
        return rows

    def generate(self) -> list[dict]:
        s = self.sizing
        if self.grace:
            rows = self.with_grace(int(s["count"]))
        elif set(s) == {"count"}:
            if self.changes:
                # The rate changes are checked against the plan's periods before it is sized.
                self.period_rates(int(s["count"]))
            rows = self.by_count_balanced(int(s["count"]))
        elif set(s) == {"amount"}:
            rows = self.by_amount(money(s["amount"], self.currency))
        elif set(s) == {"capacity"}:
            c = s["capacity"]
            rows = self.by_capacity(money(c["capacity"], self.currency),
                                    c.get("shape", "full_capacity"))
        else:
            raise Unsupported(f"sizing {s}")
        for k, row in enumerate(rows):
            row["due_date"] = self.due_date(k)
        if self.down:
            d = self.down
            rows.insert(0, {"number": 0, "kind": "down_payment", "due_date": d["date"],
                            "amount": d["amount"], "principal": d["amount"] - d["fees"],
                            "interest": Fraction(0), "fees": d["fees"],
                            "balance_after": self.financed})
        return rows

    def opens_on(self) -> dt.date:
        """The day the plan's period opens without an agreement date: the down payment's date, else
        one period before the plan's first due date. With business days the crate reads that date
        as the first instalment's, adjusted (a semi-monthly plan due on the 1st and the 15th, its
        first date a Saturday 1st moved to Monday the 3rd, opens on the 1st, not on the 15th of
        the month before), where the first period's interest starts a period before the
        unadjusted date; the documentation does not say which, and the reference reads it as the
        crate does."""
        return self.down["date"] if self.down else before(self.due_date(0), self.freq)


AMOUNTS = ("amount", "principal", "interest", "fees", "balance_after")


def schedule(request: dict, known: frozenset = frozenset()) -> dict:
    """The reference schedule of a plan request, amounts written at the currency's scale (with the
    crate's `known` defects reproduced)."""
    plan = Plan(request, known)
    rows = plan.generate()
    out = []
    for r in rows:
        row = {"number": r["number"], "kind": r["kind"], "due_date": r["due_date"].isoformat()}
        row.update({k: fmt(r[k], plan.exponent) for k in AMOUNTS})
        out.append(row)
    totals = {k: fmt(sum((r[k] for r in rows), Fraction(0)), plan.exponent)
              for k in ("amount", "principal", "interest", "fees")}
    return {"currency": plan.currency, "instalments": out, "totals": totals}


# --- Statements -----------------------------------------------------------------------------------

# Code civil 1343-1: costs, then interest (and penalties, none here), then principal.
ORDER = ("fees", "interest", "principal")


def statement(request: dict, known: frozenset = frozenset()) -> dict:
    """The reference statement of `{"plan", "payments", "as_of"}` under the default options (with
    the crate's `known` defects reproduced in its plan)."""
    if set(request) - {"plan", "payments", "as_of"}:
        raise Unsupported("statement options")
    plan = Plan(request["plan"], known)
    rows = plan.generate()
    # A plan's due dates given to a statement lie in the supported range, although generation may
    # work them out past it.
    if any(not FIRST_SUPPORTED_DATE <= r["due_date"] <= LAST_SUPPORTED_DATE for r in rows):
        raise Refused("UnsupportedDate", "a due date of the plan")
    as_of = dt.date.fromisoformat(request["as_of"])
    opens = plan.opens_on()
    owed = [{c: r[c] for c in ORDER} for r in rows]
    paid_in_full_on: list[dt.date | None] = [None] * len(rows)
    paid = [Fraction(0)] * len(rows)
    credit = Fraction(0)
    total_paid = Fraction(0)
    payments = []
    seen = set()
    for p in request.get("payments", []):
        date = dt.date.fromisoformat(p["date"])
        if p["reference"] in seen:
            raise Refused("DuplicatePayment")
        seen.add(p["reference"])
        if date > as_of:
            raise Refused("PaymentAfterStatement")
        if date < opens:
            raise Refused("PaymentBeforePlan")
        payments.append((date, money(p["amount"], plan.currency)))
    payments.sort(key=lambda p: p[0])  # stable: one day's payments keep their order

    def take(i: int, component: str, left: Fraction, date: dt.date) -> Fraction:
        share = min(left, owed[i][component])
        owed[i][component] -= share
        paid[i] += share
        if paid_in_full_on[i] is None and all(v == 0 for v in owed[i].values()):
            paid_in_full_on[i] = date
        return left - share

    for date, amount in payments:
        total_paid += amount
        left = amount
        # The instalments due before the payment's date, then those due that day: each component
        # over all of them, oldest first, before the next component.
        for selected in (lambda d: d < date, lambda d: d == date):
            for component in ORDER:
                for i, r in enumerate(rows):
                    if selected(r["due_date"]) and left > 0:
                        left = take(i, component, left, date)
        # The surplus pays the instalments not yet due, each in full, oldest first.
        for i, r in enumerate(rows):
            if r["due_date"] > date:
                for component in ORDER:
                    if left > 0:
                        left = take(i, component, left, date)
        credit += left

    lines = []
    for i, r in enumerate(rows):
        unpaid = r["amount"] - paid[i]
        due = r["due_date"]
        done = paid_in_full_on[i]
        if done is not None:
            status = "paid" if done <= due else {"paid_late": {"days_late": (done - due).days}}
        elif due < as_of:
            status = {"overdue": {"days_overdue": (as_of - due).days}}
        elif due == as_of:
            status = "due_today"
        elif paid[i] > 0:
            status = "partially_paid"
        else:
            status = "upcoming"
        lines.append({"number": r["number"], "due_date": due.isoformat(),
                      "amount": fmt(r["amount"], plan.exponent),
                      "paid": fmt(paid[i], plan.exponent), "unpaid": fmt(unpaid, plan.exponent),
                      "unpaid_fees": fmt(owed[i]["fees"], plan.exponent),
                      "unpaid_interest": fmt(owed[i]["interest"], plan.exponent),
                      "unpaid_principal": fmt(owed[i]["principal"], plan.exponent),
                      "paid_in_full_on": done.isoformat() if done else None,
                      "status": status})
    # The next instalment still owing something, due on the statement's date or later.
    next_due = next(({"instalment": r["number"], "date": r["due_date"].isoformat(),
                      "amount": fmt(r["amount"] - paid[i], plan.exponent)}
                     for i, r in enumerate(rows) if r["due_date"] >= as_of and r["amount"] > paid[i]),
                    None)
    arrears = sum((r["amount"] - paid[i] for i, r in enumerate(rows) if r["due_date"] < as_of),
                  Fraction(0))
    return {"currency": plan.currency, "instalments": lines,
            "paid": fmt(total_paid, plan.exponent), "credit": fmt(credit, plan.exponent),
            "arrears": fmt(arrears, plan.exponent), "next_due": next_due,
            "remaining": fmt(sum((r["amount"] for r in rows), Fraction(0))
                             - sum(paid, Fraction(0)), plan.exponent)}


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("generate", "statement"):
        print("usage: reference.py generate|statement FILE", file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as f:
        request = json.load(f)
    try:
        result = schedule(request) if argv[1] == "generate" else statement(request)
    except Refused as e:
        print(f"refused: {e}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
