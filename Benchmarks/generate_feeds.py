#!/usr/bin/env python3
"""Synthetic indicator feeds for outcomesd, generated from the real catalogue (Indicators/).

Two modes:

  generate_feeds.py samples OUTDIR
      Realistic SYNTHETIC sample feeds, one CSV per indicator in OUTDIR/<partner>/<indicator>.csv,
      plus OUTDIR/README.md. Values are drawn around the published Wales figure of each
      indicator (from its `source` text, else from the research notes, else a plausible guess),
      with local-authority variation and a gentle trend. Wales (and each health board) is the
      sum of its local authorities for proportions, rates and counts.

  generate_feeds.py bench N OUTFILE [--change-fraction F] [--seed S] [--expand-catalogue DIR]
      A valid N-row feed for the single partner owning the most indicators (printed to stdout
      as `partner=KEY`), every (indicator, area, breakdown, period) key unique. With
      --change-fraction F the same keys and values, except that round(N*F) deterministically
      chosen rows have a changed value.

      The real catalogue gives one partner only a few tens of thousands of distinct valid keys
      (indicators x ~30 areas x allowed breakdowns x periods since 1990). When N is larger,
      --expand-catalogue DIR writes a copy of the catalogue to DIR with numbered copies of that
      partner's indicators (`<id>_b01`, `<id>_b02`, ...; same type, period type, breakdowns and
      range) so that N unique valid keys exist; outcomesd must then be given `--catalogue DIR`.
      Without the option such an N is refused. DIR is reused when it already holds enough copies.

Deterministic: the same arguments (and catalogue) give byte-identical output. Periods are bounded
by --as-of (default 2026-11-23, or today if earlier): only periods complete by then are written.
Standard library plus PyYAML.
"""

import argparse
import datetime as dt
import math
import os
import random
import re
import shutil
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CATALOGUE = os.path.normpath(os.path.join(HERE, "..", "Indicators"))
DEFAULT_AS_OF = dt.date(2026, 11, 23)
DEFAULT_SEED = 20261123
EARLIEST_YEAR = 1990
HEADER = ["indicator", "area", "period", "breakdown", "numerator", "denominator", "value", "lower", "upper", "note"]
WALES = "W92000004"

# --------------------------------------------------------------------------------------------
# Local authorities: approximate total population (thousands, ONS mid-2022 estimates, rounded),
# a relative deprivation score (0 least .. 1 most; ordering after WIMD, approximate) and the
# share of residents able to speak Welsh (Census 2021, all ages, approximate). Used only as
# weights for synthetic data.
# --------------------------------------------------------------------------------------------
LA_PROFILE = {
    "W06000001": (69, 0.40, 0.56, 0.80),   # Isle of Anglesey  (last: Welsh-medium Year 1 share)
    "W06000002": (117, 0.35, 0.64, 0.98),  # Gwynedd
    "W06000003": (115, 0.40, 0.26, 0.30),  # Conwy
    "W06000004": (96, 0.55, 0.25, 0.27),   # Denbighshire
    "W06000005": (155, 0.35, 0.13, 0.06),  # Flintshire
    "W06000006": (136, 0.50, 0.13, 0.11),  # Wrexham
    "W06000008": (72, 0.25, 0.45, 0.70),   # Ceredigion
    "W06000009": (123, 0.40, 0.17, 0.25),  # Pembrokeshire
    "W06000010": (188, 0.40, 0.40, 0.60),  # Carmarthenshire
    "W06000011": (239, 0.60, 0.11, 0.15),  # Swansea
    "W06000012": (142, 0.70, 0.12, 0.19),  # Neath Port Talbot
    "W06000013": (146, 0.55, 0.09, 0.10),  # Bridgend
    "W06000014": (133, 0.30, 0.11, 0.15),  # Vale of Glamorgan
    "W06000015": (372, 0.60, 0.12, 0.17),  # Cardiff
    "W06000016": (238, 0.80, 0.12, 0.20),  # Rhondda Cynon Taf
    "W06000018": (176, 0.70, 0.11, 0.18),  # Caerphilly
    "W06000019": (67, 1.00, 0.08, 0.10),   # Blaenau Gwent
    "W06000020": (92, 0.60, 0.10, 0.14),   # Torfaen
    "W06000021": (93, 0.15, 0.09, 0.10),   # Monmouthshire
    "W06000022": (160, 0.75, 0.09, 0.07),  # Newport
    "W06000023": (133, 0.25, 0.16, 0.20),  # Powys
    "W06000024": (59, 0.95, 0.08, 0.10),   # Merthyr Tydfil
}

# --------------------------------------------------------------------------------------------
# Per-indicator model. `den`: Wales denominator per period (proportions, rates); `count`: Wales
# total (counts); `guess`: a plausible Wales value used only when neither the catalogue source
# text nor the research notes give a published figure; `dep`: how strongly the value rises with
# deprivation (negative: falls); `spread`: other local variation (log scale); `ci_n`: effective
# Wales sample size of a survey estimate; `trend`: yearly relative change (else a small random
# one); `welsh`: vary with the Welsh-language profile.
# `research`: published Wales figures from /work/shared/reference/indicators-research.md for
# indicators whose source text quotes none: (value, period label or None).
# --------------------------------------------------------------------------------------------
MODEL = {
    "advocacy_active_offer": dict(guess=80, den=4000, dep=0.0, spread=0.12),
    "arts_culture_heritage_16_24": dict(guess=74, ci_n=600, dep=-0.1),
    "assessments_within_42_days": dict(research=(88.9, None), den=41267, dep=-0.05, spread=0.25),
    "breastfed_at_birth": dict(den=28500, dep=-0.3, spread=0.08),
    "bullied_secondary_pupils": dict(research=(37.5, "2023/24"), den=120000, dep=0.05, spread=0.06),
    "care_and_support_rate": dict(den=620000, dep=0.5, spread=0.2),
    "care_leavers_eet_12_months": dict(guess=52, den=700, dep=-0.1, spread=0.12),
    "care_leavers_eet_age_19": dict(den=650, dep=-0.1, spread=0.12),
    "care_leavers_homelessness": dict(guess=9, den=2400, dep=0.2, spread=0.3),
    "child_material_deprivation": dict(ci_n=700, dep=0.5),
    "child_poverty_ahc": dict(ci_n=1200, dep=0.4),
    "child_protection_register_rate": dict(den=620000, dep=0.5, spread=0.25),
    "children_workless_households": dict(ci_n=2500, dep=0.7),
    "childrens_complaints_stage1": dict(guess=88, den=1300, dep=0.0, spread=0.3),
    "cpr_average_days": dict(guess=270, dep=0.05, spread=0.15),
    "cpr_reregistrations": dict(guess=6, den=2900, dep=0.1, spread=0.35),
    "dental_decay_age_5": dict(den=6500, dep=0.6, spread=0.1),
    "flying_start_childcare_take_up": dict(den=9500, dep=-0.05, spread=0.3),
    "foundation_phase_outcome_indicator": dict(den=35500, dep=-0.15, spread=0.3),
    "free_school_meals_eligibility": dict(research=(22.2, "2022/23"), den=390000, dep=0.9, spread=0.06, trend=0.02),
    "healthy_behaviours_11_16": dict(den=120000, dep=-0.05, spread=0.3),
    "healthy_child_wales_contacts": dict(den=21000, dep=-0.05, spread=0.3),
    "hooked_on_sport": dict(den=110000, dep=-0.25, spread=0.06),
    "immunisations_up_to_date_age_4": dict(den=7600, dep=-0.1, spread=0.25, trend=-0.01),
    "in_work_child_poverty": dict(research=(27, "2023-24"), ci_n=1000, dep=0.3),
    "infant_mortality": dict(den=28500, dep=0.35, spread=0.1, trend=-0.005),
    "ks4_level2_inclusive": dict(den=33000, dep=-0.25, spread=0.05),
    "lac_placed_outside_wales": dict(research=(530, None), dep=0.2, spread=0.3),
    "lac_school_changes": dict(guess=11, den=4800, dep=0.05, spread=0.3),
    "lac_three_or_more_placements": dict(den=7200, dep=0.05, spread=0.3),
    "lac_trust_carer": dict(research=(96, "2018"), den=750, dep=0.0, spread=0.4),
    "looked_after_rate": dict(den=620000, dep=0.6, spread=0.2),
    "low_birth_weight": dict(den=27500, dep=0.3, spread=0.06),
    "mental_wellbeing_swemwbs_11_16": dict(guess=23.0, dep=-0.03, spread=0.015, decimals=1),
    "mmr1_by_age_2": dict(den=7300, dep=-0.1, spread=0.3, trend=-0.005),
    "mmr2_by_age_5": dict(den=8000, dep=-0.1, spread=0.3, trend=-0.005),
    "neet_16_18": dict(den=105000, dep=0.35, spread=0.12),
    "neet_19_24": dict(ci_n=1500, dep=0.35),
    "persistent_absence_primary": dict(den=220000, dep=0.6, spread=0.12, trend=0.015),
    "persistent_absence_secondary": dict(den=165000, dep=0.6, spread=0.12, trend=0.015),
    "physical_activity_guidelines_11_16": dict(guess=17, den=120000, dep=-0.1, spread=0.08),
    "reception_obesity": dict(den=31000, dep=0.35, spread=0.1),
    "registered_to_vote_16_17": dict(guess=55, den=68000, dep=-0.2, spread=0.15),
    "rely_on_friends": dict(research=(61, "2023/24"), den=120000, dep=-0.05, spread=0.05),
    "secondary_absence": dict(den=61000000, dep=0.35, spread=0.08),
    "smoking_in_pregnancy": dict(den=28000, dep=0.5, spread=0.1, trend=-0.02),
    "supported_to_remain_with_family": dict(research=(64.7, None), den=19396, dep=-0.05, spread=0.3),
    "teachers_accept_pupils": dict(guess=67, den=120000, dep=-0.03, spread=0.05),
    "temporary_accommodation_families": dict(research=(1815, None), dep=0.4, spread=0.35),
    "under_16_conceptions": dict(den=52000, dep=0.6, spread=0.15, trend=-0.03),
    "under_18_conceptions": dict(den=51000, dep=0.6, spread=0.15, trend=-0.03),
    "welsh_medium_year1": dict(guess=23, den=32500, welsh="medium", spread=0.03, trend=0.01),
    "welsh_speakers_5_15": dict(den=390000, welsh="speakers", spread=0.03),
    "welsh_youth_parliament_votes": dict(guess=25000, dep=-0.1, spread=0.25),
    "young_people_ksi_roads": dict(dep=0.0, spread=0.25, trend=-0.02),
    "young_people_volunteering": dict(guess=24, ci_n=600, dep=-0.2),
    "youth_justice_first_time_entrants": dict(guess=160, den=295000, dep=0.45, spread=0.25, trend=-0.02),
    "youth_reoffending": dict(guess=33, den=650, dep=0.1, spread=0.2),
    "youth_work_accredited_outcomes": dict(guess=21000, dep=0.0, spread=0.4),
    "youth_work_registered_members": dict(dep=-0.1, spread=0.35),
}

# Priority-group breakdowns: (share of the all-children denominator, outcome ratio for a
# "good" outcome; a low_is_good value is divided by it, i.e. worse for the group).
BREAKDOWN_MODEL = {
    "free_school_meals": (0.20, 0.60),
    "additional_learning_needs": (0.12, 0.55),
    "looked_after": (0.011, 0.30),
    "child_protection_register": (0.006, 0.30),
    "care_and_support": (0.025, 0.35),
    "disabled": (0.12, 0.75),
    "youth_justice": (0.01, 0.40),
}

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}


# ============================================================================================
# Catalogue and periods
# ============================================================================================

def as_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class Catalogue:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "partners.yaml"), encoding="utf-8") as f:
            self.partners = [p["key"] for p in yaml.safe_load(f)["partners"]]
        with open(os.path.join(folder, "areas.yaml"), encoding="utf-8") as f:
            self.areas = yaml.safe_load(f)["areas"]
        for a in self.areas:
            a["valid_from"] = as_date(a.get("valid_from"))
            a["valid_to"] = as_date(a.get("valid_to"))
            parents = []
            for p in a.get("parents") or []:
                parents.append((p["code"], as_date(p.get("from")), as_date(p.get("to"))))
            a["parents"] = parents
        self.by_code = {a["code"]: a for a in self.areas}
        self.las = sorted(a["code"] for a in self.areas if a["kind"] == "local_authority")
        self.hbs = sorted(a["code"] for a in self.areas if a["kind"] == "health_board")
        self.indicators = []
        folder_i = os.path.join(folder, "indicators")
        for name in sorted(os.listdir(folder_i)):
            if name.endswith((".yaml", ".yml")):
                with open(os.path.join(folder_i, name), encoding="utf-8") as f:
                    text = f.read()
                d = yaml.safe_load(text)
                d["_file"] = name
                d["_text"] = text
                self.indicators.append(d)

    def area_valid(self, code, first, last):
        """The ingest rule: an area may report a period that overlaps its existence."""
        a = self.by_code[code]
        if a["valid_to"] is not None and a["valid_to"] < first:
            return False
        if a["valid_from"] is not None and last < a["valid_from"]:
            return False
        return True

    def parent_board(self, la, first, last):
        """The health board of a local authority for a period (the parent valid on its last day)."""
        fallback = None
        for code, frm, to in self.by_code[la]["parents"]:
            if self.by_code[code]["kind"] != "health_board":
                continue
            if (frm is None or frm <= last) and (to is None or to >= first):
                fallback = fallback or code
                if (frm is None or frm <= last) and (to is None or to >= last):
                    return code
        return fallback


def period_bounds(ptype, ordinal):
    """(label, first day, last day) of a period; annual ordinals are years, quarters year*4+q-1,
    months year*12+m-1."""
    if ptype == "calendar":
        y = ordinal
        return str(y), dt.date(y, 1, 1), dt.date(y, 12, 31)
    if ptype == "financial":
        y = ordinal
        return f"{y}-{(y + 1) % 100:02d}", dt.date(y, 4, 1), dt.date(y + 1, 3, 31)
    if ptype == "academic":
        y = ordinal
        return f"{y}/{(y + 1) % 100:02d}", dt.date(y, 9, 1), dt.date(y + 1, 8, 31)
    if ptype == "quarter":
        y, q = divmod(ordinal, 4)
        first = dt.date(y, 3 * q + 1, 1)
        last = (dt.date(y + 1, 1, 1) if q == 3 else dt.date(y, 3 * q + 4, 1)) - dt.timedelta(days=1)
        return f"{y}-Q{q + 1}", first, last
    if ptype == "month":
        y, m = divmod(ordinal, 12)
        first = dt.date(y, m + 1, 1)
        last = (dt.date(y + 1, 1, 1) if m == 11 else dt.date(y, m + 2, 1)) - dt.timedelta(days=1)
        return f"{y}-{m + 1:02d}", first, last
    raise ValueError(f"unknown period type {ptype}")


def per_year(ptype):
    return {"quarter": 4, "month": 12}.get(ptype, 1)


def latest_complete(ptype, as_of):
    """The ordinal of the latest period that ended before as_of."""
    o = {"quarter": as_of.year * 4 + 3, "month": as_of.year * 12 + 11}.get(ptype, as_of.year)
    while period_bounds(ptype, o)[2] >= as_of:
        o -= 1
    return o


def earliest_ordinal(ptype):
    return EARLIEST_YEAR * per_year(ptype)


def ordinal_for_label(ptype, label):
    """Best-effort ordinal of a published figure's period text (for anchoring the trend)."""
    if not label:
        return None
    text = label.lower()
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
    if not years:
        return None
    year = years[-1]
    if ptype in ("financial", "academic"):
        m = re.findall(r"(\d{4})\s*[-/]\s*\d{2}(?!\d)", text)
        if m:
            return int(m[-1])
        if "fye" in text or "march" in text:
            return year - 1          # "FYE 2024", "31 March 2021": the year ending then
        return year
    if ptype == "quarter":
        months = [MONTHS[w] for w in re.findall(r"[a-z]+", text) if w in MONTHS]
        q = (months[-1] - 1) // 3 if months else 3
        return year * 4 + q
    if ptype == "month":
        months = [MONTHS[w] for w in re.findall(r"[a-z]+", text) if w in MONTHS]
        return year * 12 + ((months[-1] - 1) if months else 11)
    return year


SOURCE_FIGURE = re.compile(r"\bWales\b([^:;]{0,60}?):\s*(?:about\s+|around\s+|c\.\s*)?(\d[\d,]*(?:\.\d+)?)")


def published_figure(ind):
    """(value, period label, where) of the Wales figure for an indicator, or None."""
    m = SOURCE_FIGURE.search(" ".join(str(ind.get("source", "")).split()))
    if m:
        label = m.group(1).split("Wales")[-1].strip()
        return float(m.group(2).replace(",", "")), label, "catalogue source text"
    model = MODEL.get(ind["id"], {})
    if "research" in model:
        value, label = model["research"]
        return float(value), label, "research notes"
    return None


# ============================================================================================
# Value helpers
# ============================================================================================

def scale_value(p, factor, top):
    """Moves a value by a relative factor; values above half of a bounded scale move on their
    complement so they never pass the top (93% x 1.3 is not 121%)."""
    if top is not None and p > top / 2:
        return top - (top - p) / factor
    return p * factor


def logit(p):
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def expit(x):
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)


def fmt(x, decimals):
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def wales_anchor(ind):
    """(value, anchor ordinal or None, provenance) for an indicator."""
    typ, lo, hi = ind["type"], float(ind["valid_range"][0]), float(ind["valid_range"][1])
    found = published_figure(ind)
    model = MODEL.get(ind["id"], {})
    if found:
        value, label, where = found
        anchor = ordinal_for_label(ind["period_type"], label)
        when = label if label else "(period not stated)"
        return value, anchor, f"{where}: Wales {when}: {fmt(value, 3)}"
    if "guess" in model:
        return float(model["guess"]), None, "no published figure in the catalogue or research notes; plausible value"
    # Unknown indicator (added to the catalogue after this script): a cautious mid value.
    if typ in ("proportion", "value_with_ci") and hi <= 100:
        v = lo + (hi - lo) * 0.3
    elif typ == "rate":
        v = min(hi, float(ind.get("multiplier", 1))) * 0.01 + lo
    elif typ == "mean":
        v = lo + (hi - lo) * 0.5
    else:
        v = lo + (hi - lo) * 0.05
    return v, None, "no published figure; mid-range value inside valid_range"


def default_den(ind):
    unit = str(ind.get("unit", "")).lower()
    if ind["type"] == "rate" and "under 18" in unit:
        return 620000
    return 20000


def top_of(ind):
    """The natural ceiling of a value for the complement rule (proportions and CIs only)."""
    if ind["type"] == "proportion":
        return float(ind.get("multiplier", 100))
    if ind["type"] == "value_with_ci":
        return float(ind["valid_range"][1])
    return None


# ============================================================================================
# samples mode
# ============================================================================================

class IndicatorSampler:
    """Draws one indicator's synthetic series for Wales, the local authorities and (for
    health-board partners) the health boards."""

    def __init__(self, cat, ind, seed, as_of, n_periods):
        self.cat, self.ind = cat, ind
        self.id = ind["id"]
        self.type = ind["type"]
        self.ptype = ind["period_type"]
        self.mult = float(ind.get("multiplier", 1))
        self.lo, self.hi = float(ind["valid_range"][0]), float(ind["valid_range"][1])
        self.model = MODEL.get(self.id, {})
        self.rng = random.Random(f"{seed}:samples:{self.id}")
        self.top = top_of(ind)
        self.polarity = ind.get("polarity", "no_judgement")
        last = latest_complete(self.ptype, as_of)
        self.ordinals = list(range(last - n_periods + 1, last + 1))
        self.value, anchor, self.provenance = wales_anchor(ind)
        self.anchor = anchor if anchor is not None else last
        self.trend = self.model.get("trend", self.rng.uniform(-0.012, 0.012))
        self.den_growth = self.rng.uniform(-0.008, 0.008)
        self.spread = self.model.get("spread", 0.1)
        self.boards = ind["partner"] in ("local_health_board", "public_health_wales")
        breakdowns = list(ind.get("breakdowns") or ["all"])
        self.breakdowns = ["all"] + [b for b in breakdowns if b != "all"][:2]

        # Fixed local-authority profile: weight (size), value factor.
        weights = {la: LA_PROFILE.get(la, (100, 0.5, 0.15, 0.2))[0] * self.rng.uniform(0.92, 1.08)
                   for la in cat.las}
        total = sum(weights.values())
        self.share = {la: w / total for la, w in weights.items()}
        dep_mean = sum(self.share[la] * LA_PROFILE.get(la, (0, 0.5))[1] for la in cat.las)
        # Local effects on a log scale: log odds for bounded values (proportions, survey
        # percentages), log for rates, counts and means.
        welsh = self.model.get("welsh")
        effects = {}
        for la in cat.las:
            prof = LA_PROFILE.get(la, (100, 0.5, 0.15, 0.2))
            if welsh:
                share = prof[2] if welsh == "speakers" else prof[3]
                e = 1.1 * logit(share)      # the Welsh-language map; the level is fitted later
            else:
                e = self.model.get("dep", 0.0) * (prof[1] - dep_mean) * 2.0
            effects[la] = e + self.rng.gauss(0, self.spread)
        factors = {la: math.exp(e) for la, e in effects.items()}
        self.factor = factors

    # -- Wales-level target over time --------------------------------------------------------
    def wales_target(self, o):
        years = (o - self.anchor) / per_year(self.ptype)
        years = max(-15.0, min(15.0, years))
        top = self.top if self.top is not None else None
        v = scale_value(self.value, (1 + self.trend) ** years, top)
        return min(max(v, self.lo), self.hi)

    def la_targets(self, o, breakdown):
        """Per-LA values whose size-weighted mean is the Wales target (for this breakdown)."""
        target = self.wales_target(o)
        top = self.top
        if breakdown != "all":
            _, ratio = BREAKDOWN_MODEL.get(breakdown, (0.1, 0.7))
            if self.polarity == "high_is_good":
                target = scale_value(target, ratio, top)
            else:
                target = scale_value(target, 1 / ratio, top)
        effects = {la: math.log(self.factor[la]) + self.rng.gauss(0, 0.03) for la in self.cat.las}
        ceiling = self.hi if top is None else min(self.hi, top * 0.999)
        if top is not None:
            # Shift every local authority's log odds by one constant so that the size-weighted
            # mean is the Wales target (bisection; the mean rises with the shift).
            t = min(max(target / top, 1e-6), 1 - 1e-6)
            lo_c, hi_c = -30.0, 30.0
            for _ in range(60):
                c = (lo_c + hi_c) / 2
                agg = sum(self.share[la] * expit(e + c) for la, e in effects.items())
                if agg < t:
                    lo_c = c
                else:
                    hi_c = c
            vals = {la: top * expit(e + c) for la, e in effects.items()}
        else:
            vals = {la: target * math.exp(e) for la, e in effects.items()}
            agg = sum(self.share[la] * v for la, v in vals.items())
            if agg > 0:
                vals = {la: v * target / agg for la, v in vals.items()}
        return {la: min(max(v, self.lo), ceiling) for la, v in vals.items()}

    def denominators(self, o, breakdown):
        den = float(self.model.get("den", default_den(self.ind)))
        years = (o - self.ordinals[-1]) / per_year(self.ptype)
        den *= (1 + self.den_growth) ** years
        if breakdown != "all":
            den *= BREAKDOWN_MODEL.get(breakdown, (0.1, 0.7))[0]
        return {la: max(1, int(round(den * self.share[la] * self.rng.uniform(0.97, 1.03)))) for la in self.cat.las}

    # -- rows ---------------------------------------------------------------------------------
    def rows(self):
        out = []
        cat = self.cat
        for o in self.ordinals:
            label, first, last = period_bounds(self.ptype, o)
            note = "p" if o == self.ordinals[-1] else ""
            boards = []
            if self.boards:
                boards = [hb for hb in cat.hbs if cat.area_valid(hb, first, last)
                          and any(cat.parent_board(la, first, last) == hb for la in cat.las)]
            for b in self.breakdowns:
                per_la = self.draw(o, b)
                groups = [(WALES, cat.las)]
                groups += [(hb, [la for la in cat.las if cat.parent_board(la, first, last) == hb]) for hb in boards]
                for code, members in groups:
                    out.append(self.aggregate(code, label, b, [per_la[la] for la in members], note))
                for la in cat.las:
                    out.append(self.format_row(la, label, b, per_la[la], note))
        return out

    def draw(self, o, b):
        """Per-LA raw numbers: {la: dict(num=, den=) | dict(value=) | dict(value=, n=)}."""
        targets = self.la_targets(o, b)
        res = {}
        if self.type in ("proportion", "rate"):
            dens = self.denominators(o, b)
            for la in self.cat.las:
                den = dens[la]
                p = targets[la] / self.mult
                mean = p * den
                sd = math.sqrt(max(mean * max(1 - p, 0.0), 0.0)) if p < 1 else 0.0
                num = int(round(mean + self.rng.gauss(0, sd)))
                cap = den if self.type == "proportion" else int(math.floor(den * self.hi / self.mult))
                num = min(max(num, 0), cap)
                res[la] = dict(num=num, den=den)
        elif self.type == "count":
            total = self.wales_target(o)
            raw = {la: self.share[la] * self.factor[la] for la in self.cat.las}
            s = sum(raw.values())
            for la in self.cat.las:
                v = total * raw[la] / s * math.exp(self.rng.gauss(0, 0.06))
                res[la] = dict(value=min(max(int(round(v)), int(self.lo)), int(self.hi)))
        elif self.type == "mean":
            dec = self.model.get("decimals", 1)
            for la in self.cat.las:
                res[la] = dict(value=round(targets[la], dec), w=self.share[la])
        else:  # value_with_ci
            n_wales = self.model.get("ci_n", 1000)
            for la in self.cat.las:
                n = max(25.0, n_wales * self.share[la] * self.rng.uniform(0.8, 1.2))
                res[la] = dict(value=round(targets[la], 1), n=n, w=self.share[la])
        return res

    def ci(self, value, n):
        if self.hi <= 100:
            p = min(max(value / 100.0, 0.005), 0.995)
            half = 1.96 * math.sqrt(p * (1 - p) / n) * 100 * 1.3      # design effect ~1.3
        else:
            half = 1.96 * value * 0.1 / math.sqrt(n / 100.0)
        lower = max(self.lo, round(value - half, 1))
        upper = min(self.hi, round(value + half, 1))
        return min(lower, value), max(upper, value)

    def format_row(self, area, label, b, d, note):
        row = dict(indicator=self.id, area=area, period=label, breakdown=b, note=note)
        if self.type in ("proportion", "rate"):
            row.update(numerator=str(d["num"]), denominator=str(d["den"]),
                       value=fmt(d["num"] / d["den"] * self.mult, 2))
        elif self.type == "count":
            row.update(value=str(d["value"]))
        elif self.type == "mean":
            row.update(value=fmt(d["value"], self.model.get("decimals", 1)))
        else:
            lower, upper = self.ci(d["value"], d["n"])
            row.update(value=fmt(d["value"], 1), lower=fmt(lower, 1), upper=fmt(upper, 1))
        return [row.get(h, "") for h in HEADER]

    def aggregate(self, area, label, b, parts, note):
        if self.type in ("proportion", "rate"):
            d = dict(num=sum(p["num"] for p in parts), den=sum(p["den"] for p in parts))
        elif self.type == "count":
            d = dict(value=sum(p["value"] for p in parts))
        elif self.type == "mean":
            w = sum(p["w"] for p in parts)
            d = dict(value=round(sum(p["value"] * p["w"] for p in parts) / w, self.model.get("decimals", 1)))
        else:
            w = sum(p["w"] for p in parts)
            d = dict(value=round(sum(p["value"] * p["w"] for p in parts) / w, 1), n=sum(p["n"] for p in parts))
        return self.format_row(area, label, b, d, note)


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


def samples(args):
    cat = Catalogue(args.catalogue)
    as_of = min(args.as_of, dt.date.today())
    out = args.outdir
    os.makedirs(out, exist_ok=True)
    # Remove earlier generated CSVs so indicators dropped from the catalogue do not linger.
    for entry in sorted(os.listdir(out)):
        sub = os.path.join(out, entry)
        if os.path.isdir(sub) and entry in cat.partners:
            for name in os.listdir(sub):
                if name.endswith(".csv"):
                    os.remove(os.path.join(sub, name))
            if not os.listdir(sub):
                os.rmdir(sub)

    summary = {}   # partner -> [rows, files]
    table = []
    for ind in cat.indicators:
        n_periods = max(args.periods, {"quarter": 8, "month": 12}.get(ind["period_type"], args.periods))
        s = IndicatorSampler(cat, ind, args.seed, as_of, n_periods)
        rows = s.rows()
        folder = os.path.join(out, ind["partner"])
        os.makedirs(folder, exist_ok=True)
        write_csv(os.path.join(folder, f"{ind['id']}.csv"), rows)
        acc = summary.setdefault(ind["partner"], [0, 0])
        acc[0] += len(rows)
        acc[1] += 1
        first_label = period_bounds(s.ptype, s.ordinals[0])[0]
        last_label = period_bounds(s.ptype, s.ordinals[-1])[0]
        table.append((ind["partner"], ind["id"], ind["type"], f"{first_label} to {last_label}",
                      ", ".join(s.breakdowns), s.provenance, len(rows)))
        print(f"{ind['partner']}/{ind['id']}.csv: {len(rows)} rows", file=sys.stderr)
    write_readme(out, args, as_of, summary, table)
    total = sum(v[0] for v in summary.values())
    for partner in sorted(summary):
        print(f"{partner}: {summary[partner][1]} files, {summary[partner][0]} rows")
    print(f"total: {len(table)} files, {total} rows")


def write_readme(out, args, as_of, summary, table):
    rel_out = os.path.relpath(os.path.abspath(out), os.path.dirname(DEFAULT_CATALOGUE))
    if rel_out.startswith(".."):
        rel_out = os.path.abspath(out)
    lines = [
        "# Sample feeds — SYNTHETIC DATA",
        "",
        "**These files are synthetic. They are not real statistics and must not be quoted, published or",
        "compared with real figures.** They were generated by `Benchmarks/generate_feeds.py` to exercise",
        "`outcomesd ingest` with realistic-looking feeds.",
        "",
        "Regenerate (deterministic; the same catalogue gives the same bytes):",
        "",
        "```sh",
        f"python3 Benchmarks/generate_feeds.py samples {rel_out}",
        "```",
        "",
        "How the numbers were made:",
        "",
        "- For every indicator in `Indicators/indicators/`, a Wales level is drawn around the published",
        "  Wales figure quoted in the indicator's `source` text, else the figure in the project's research",
        "  notes, else a plausible value (listed below), with a gentle random trend over the periods.",
        "- Each of the 22 local authorities varies around it (by an approximate deprivation profile, the",
        "  Welsh-language profile for the Welsh-language indicators, and random variation); denominators",
        "  follow approximate local-authority population sizes (Cardiff largest, Merthyr Tydfil smallest).",
        "- Proportions and rates carry integer numerators and denominators; the value column is",
        "  numerator ÷ denominator × multiplier rounded to 2 decimals. Wales is the sum of the 22 local",
        "  authorities (numerators, denominators, counts); for health-board partners (local_health_board,",
        "  public_health_wales) each of the 7 current health boards is the sum of its local authorities.",
        "  Means and survey estimates (value_with_ci) give Wales as the population-weighted mean.",
        "- Breakdown `all` plus up to two of the indicator's other allowed breakdowns (priority groups get",
        "  smaller denominators and worse outcomes than all children).",
        "- Every indicator gets an unbroken series, even those that are in reality periodic or ended",
        "  (census, biennial school surveys, Youth Parliament elections, Foundation Phase, KS4 Level 2",
        "  inclusive) or published for Wales only: another reason not to read anything into the numbers.",
        f"- Consecutive periods (6 annual, 8 quarters) ending at the latest period complete by {as_of.isoformat()};",
        "  the latest period carries note `p` (provisional).",
        f"- Seed {args.seed}.",
        "",
        "Load one partner's feeds (a partner may only send its own indicators):",
        "",
        "```sh",
        f"outcomesd ingest {rel_out}/local_authority/*.csv --partner local_authority",
        "```",
        "",
        "## Rows per partner",
        "",
        "| partner | files | rows |",
        "|---|---:|---:|",
    ]
    for partner in sorted(summary):
        lines.append(f"| {partner} | {summary[partner][1]} | {summary[partner][0]} |")
    lines.append(f"| **total** | {sum(v[1] for v in summary.values())} | {sum(v[0] for v in summary.values())} |")
    lines += ["", "## Indicators", "",
              "| partner | indicator | type | periods | breakdowns | Wales level drawn around | rows |",
              "|---|---|---|---|---|---|---:|"]
    for partner, iid, typ, periods, bds, prov, n in sorted(table):
        lines.append(f"| {partner} | `{iid}` | {typ} | {periods} | {bds} | {prov} | {n} |")
    lines.append("")
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# ============================================================================================
# bench mode
# ============================================================================================

def bench_partner(cat):
    counts = {}
    for ind in cat.indicators:
        counts[ind["partner"]] = counts.get(ind["partner"], 0) + 1
    # Most indicators; ties broken by key so the choice is stable.
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def key_templates(cat, inds, as_of):
    """Every valid (indicator, area, breakdown, period) key of the given indicators, most recent
    periods first, as (indicator dict, area, breakdown, period label, ordinal) tuples."""
    areas = [WALES] + cat.hbs + cat.las
    keys = []
    for ind in inds:
        ptype = ind["period_type"]
        last = latest_complete(ptype, as_of)
        bds = list(ind.get("breakdowns") or ["all"])
        for o in range(last, earliest_ordinal(ptype) - 1, -1):
            label, first, end = period_bounds(ptype, o)
            valid = [a for a in areas if cat.area_valid(a, first, end)]
            for b in bds:
                for a in valid:
                    keys.append((ind, a, b, label, o))
    return keys


def clone_text(text, new_id):
    out, n = re.subn(r"(?m)^id:\s*\S+\s*$", f"id: {new_id}", text, count=1)
    if n != 1:
        raise SystemExit("cannot find the id line of an indicator file to copy")
    return out


def expand_catalogue(cat, inds, copies, folder):
    """Writes (or reuses) a catalogue copy with `copies` numbered copies of `inds`."""
    marker = os.path.join(folder, ".bench-expansion")
    width = max(2, len(str(copies)))
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as f:
            have, have_width, source = f.read().split()
        if int(have) >= copies and int(have_width) == width and source == os.path.abspath(cat.folder):
            return width
        shutil.rmtree(folder)
    elif os.path.exists(folder):
        raise SystemExit(f"--expand-catalogue: {folder} exists and is not an expansion written by this script")
    shutil.copytree(cat.folder, folder)
    for c in range(1, copies + 1):
        for ind in inds:
            new_id = f"{ind['id']}_b{c:0{width}d}"
            with open(os.path.join(folder, "indicators", f"{new_id}.yaml"), "w", encoding="utf-8") as f:
                f.write(clone_text(ind["_text"], new_id))
    with open(marker, "w", encoding="utf-8") as f:
        f.write(f"{copies} {width} {os.path.abspath(cat.folder)}\n")
    return width


class BenchRowMaker:
    """Fast, valid, plausible rows for benchmark keys: one sequential random stream, so the
    same key order always gives the same values."""

    def __init__(self, seed):
        self.rng = random.Random(f"{seed}:bench")
        self.base = {}

    def params(self, ind, area, breakdown):
        k = (ind["id"], area, breakdown)
        p = self.base.get(k)
        if p is None:
            rng = self.rng
            base = dict(ind, id=ind.get("_base_id", ind["id"]))   # copies behave like their original
            value, _, _ = wales_anchor(base)
            top = top_of(ind)
            lo, hi = float(ind["valid_range"][0]), float(ind["valid_range"][1])
            v = scale_value(value, math.exp(rng.gauss(0, 0.15)), top)
            if top is not None:
                v = min(v, top * 0.995)
            v = min(max(v, lo), hi)
            if area == WALES:
                size = 1.0
            elif area in LA_PROFILE:
                size = LA_PROFILE[area][0] / 3130.0
            else:
                size = 1 / 7.0
            den = float(MODEL.get(base["id"], {}).get("den", default_den(ind))) * size
            if breakdown != "all":
                den *= BREAKDOWN_MODEL.get(breakdown, (0.1, 0.7))[0]
            if ind["type"] == "count":
                v = min(max(v * size, lo), hi)
            p = (v, max(1.0, den), lo, hi, top)
            self.base[k] = p
        return p

    def row(self, ind, area, breakdown, label, o):
        v, den0, lo, hi, top = self.params(ind, area, breakdown)
        rng = self.rng
        typ = ind["type"]
        r = rng.random()
        if typ in ("proportion", "rate"):
            mult = float(ind.get("multiplier", 1))
            den = max(1, int(den0 * (0.95 + 0.1 * r)))
            cap = den if typ == "proportion" else int(den * hi / mult)
            num = min(cap, max(0, int(round(v / mult * den * (0.97 + 0.06 * rng.random())))))
            return [num, den, None, None, None]
        if typ == "count":
            return [None, None, min(int(hi), max(int(lo), int(round(v * (0.9 + 0.2 * r))))), None, None]
        if typ == "mean":
            return [None, None, min(hi, max(lo, round(v * (0.97 + 0.06 * r), 1))), None, None]
        val = min(hi, max(lo, round(scale_value(v, 0.95 + 0.1 * r, top), 1)))
        half = round(1.0 + 4.0 * rng.random(), 1)
        return [None, None, val, max(lo, round(val - half, 1)), min(hi, round(val + half, 1))]


def change_row(ind, nums):
    """Changes one row's value (keeping it valid)."""
    num, den, val, lower, upper = nums
    lo, hi = float(ind["valid_range"][0]), float(ind["valid_range"][1])
    typ = ind["type"]
    if typ in ("proportion", "rate"):
        mult = float(ind.get("multiplier", 1))
        cap = den if typ == "proportion" else int(den * hi / mult)
        if num + 1 <= cap:
            num += 1
        elif num >= 1:
            num -= 1
        else:
            den += 1          # 0/1 with cap 0 cannot happen for valid ranges; keep a change anyway
        return [num, den, None, None, None]
    if typ == "count":
        return [None, None, val + 1 if val + 1 <= hi else val - 1, None, None]
    if typ == "mean":
        return [None, None, round(val + 0.1, 1) if val + 0.1 <= hi else round(val - 0.1, 1), None, None]
    step = 0.1 if upper + 0.1 <= hi else -0.1
    if lower + step < lo:
        step = 0.0
        val = round(val + 0.1, 1) if val + 0.1 <= upper else round(val - 0.1, 1)
    return [None, None, round(val + step, 1), round(lower + step, 1), round(upper + step, 1)]


def format_bench(ind, area, breakdown, label, nums, note):
    num, den, val, lower, upper = nums
    if num is not None:
        mult = float(ind.get("multiplier", 1))
        value = fmt(num / den * mult, 2)
        return f"{ind['id']},{area},{label},{breakdown},{num},{den},{value},,,{note}\n"
    if lower is None:
        return f"{ind['id']},{area},{label},{breakdown},,,{fmt(val, 4)},,,{note}\n"
    return f"{ind['id']},{area},{label},{breakdown},,,{fmt(val, 1)},{fmt(lower, 1)},{fmt(upper, 1)},{note}\n"


def bench(args):
    cat = Catalogue(args.catalogue)
    as_of = min(args.as_of, dt.date.today())
    partner = args.partner or bench_partner(cat)
    inds = [i for i in cat.indicators if i["partner"] == partner]
    if not inds:
        raise SystemExit(f"partner {partner} owns no indicators")
    base_keys = key_templates(cat, inds, as_of)
    per_copy = len(base_keys)
    copies = max(0, math.ceil(args.rows / per_copy) - 1)
    catalogue_used = os.path.abspath(args.catalogue)
    width = 2
    if copies:
        if not args.expand_catalogue:
            raise SystemExit(
                f"the catalogue gives partner {partner} only {per_copy} distinct valid keys "
                f"({len(inds)} indicators x areas valid per period x allowed breakdowns x periods "
                f"{EARLIEST_YEAR} onwards); {args.rows} unique rows need --expand-catalogue DIR "
                f"({copies} numbered copies of its indicators)")
        width = expand_catalogue(cat, inds, copies, args.expand_catalogue)
        catalogue_used = os.path.abspath(args.expand_catalogue)

    n = args.rows
    k_change = int(round(n * args.change_fraction)) if args.change_fraction else 0
    changed = set(random.Random(f"{args.seed}:change").sample(range(n), k_change)) if k_change else set()
    maker = BenchRowMaker(args.seed)
    latest = {}
    written = 0
    clones = {}
    with open(args.outfile, "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
        f.write(",".join(HEADER) + "\n")
        buf = []
        for c in range(copies + 1):
            for ind, area, b, label, o in base_keys:
                if written >= n:
                    break
                if c:
                    ck = (ind["id"], c)
                    cind = clones.get(ck)
                    if cind is None:
                        cind = dict(ind, id=f"{ind['id']}_b{c:0{width}d}", _base_id=ind["id"])
                        clones[ck] = cind
                else:
                    cind = ind
                nums = maker.row(cind, area, b, label, o)
                if written in changed:
                    nums = change_row(cind, nums)
                ptype = ind["period_type"]
                if ptype not in latest:
                    latest[ptype] = latest_complete(ptype, as_of)
                note = "p" if o == latest[ptype] else ""
                buf.append(format_bench(cind, area, b, label, nums, note))
                written += 1
                if len(buf) >= 8192:
                    f.write("".join(buf))
                    buf.clear()
        f.write("".join(buf))
    print(f"partner={partner}")
    print(f"catalogue={catalogue_used}")
    print(f"rows={written}")
    print(f"keys_per_catalogue_copy={per_copy}")
    print(f"indicator_copies={copies}")
    print(f"changed_rows={len(changed)}")


# ============================================================================================

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--catalogue", default=DEFAULT_CATALOGUE, help="catalogue folder (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF,
                    help="only periods complete by this date (default: %(default)s, or today if earlier)")
    sub = ap.add_subparsers(dest="mode", required=True)

    s = sub.add_parser("samples", help="realistic synthetic sample feeds, one CSV per indicator")
    s.add_argument("outdir")
    s.add_argument("--periods", type=int, default=6, help="annual periods per indicator (default 6; quarters 8)")

    b = sub.add_parser("bench", help="one N-row benchmark feed for the partner with the most indicators")
    b.add_argument("rows", type=int)
    b.add_argument("outfile")
    b.add_argument("--change-fraction", type=float, default=0.0)
    b.add_argument("--partner", help="use this partner instead of the one with the most indicators")
    b.add_argument("--expand-catalogue", metavar="DIR",
                   help="write a catalogue copy with numbered indicator copies when N exceeds the key space")

    # Global options may also follow the mode.
    for p in (s, b):
        p.add_argument("--catalogue", dest="catalogue", default=argparse.SUPPRESS)
        p.add_argument("--seed", dest="seed", type=int, default=argparse.SUPPRESS)
        p.add_argument("--as-of", dest="as_of", type=dt.date.fromisoformat, default=argparse.SUPPRESS)

    args = ap.parse_args(argv)
    if args.mode == "samples":
        if args.periods < 1:
            ap.error("--periods must be at least 1")
        samples(args)
    else:
        if args.rows < 1:
            ap.error("N must be at least 1")
        if not 0 <= args.change_fraction <= 1:
            ap.error("--change-fraction must be between 0 and 1")
        bench(args)


if __name__ == "__main__":
    main()
