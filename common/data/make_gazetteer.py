#!/usr/bin/env python3
"""Build common/data/companies.tsv, the company gazetteer used by Docket.

Inputs
  * <shared>/s-and-p-500-companies/constituents.csv  (ODC-PDDL-1.0; only the
    company names in the "Security" column are used)
  * companies-curated.tsv next to this script (hand-written)

Output
  * companies.tsv next to this script (deterministic, sorted by canonical name)

Format of both TSV files (UTF-8, '#' starts a comment line, blank lines ignored):

    Canonical Name<TAB>alias1|alias2|...

The canonical name is itself a surface form. A surface form prefixed with '~' is
ambiguous (an ordinary word or phrase) and is only accepted with company context.
Legal suffixes (Inc., Corp., Group, Holdings, ...) are handled by the matcher, so
surface forms are written without them.

Merge rules
  * A curated line supersedes every generated line whose canonical name equals
    (after dropping '~', a leading "The" and legal suffixes) any surface form of
    the curated line; the curated aliases replace the generated ones entirely.
  * A surface form claimed by two different canonicals is a conflict: a curated
    claim wins over a generated one; otherwise a canonical name keeps its own form
    and a form that is only an alias in both lines is dropped from both.
    Every conflict is reported on stderr.

Python 3 standard library only.  Usage:
    python3 make_gazetteer.py [--shared DIR] [--curated FILE] [--out FILE]
"""

import argparse
import csv
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "gazetteer"))
SP500_REL = os.path.join("s-and-p-500-companies", "constituents.csv")

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

# ~300 ordinary English words that occur in (or look like) company names.  A
# single-word surface form in this list is ambiguous; a multi-word form made
# only of these words (plus "of", "the", "and", "for") is ambiguous too.
COMMON_WORDS = set("""
about above access action active advance advanced air align all alliance alpha
analog anchor angel apple applied arch arrow atlas axis ball bank bay beacon
bear bell best beta big bio black block blue bold bond boss bridge bright
brokers brown buy cadence call cap capital cardinal care carnival carrier
castle caterpillar center centers central champion chance charter chevron
circle citizens city clear cloud coherent cognizant  concord
constellation core corner crown crystal data day delta design desk devices
diagnostics digital direct discovery dollar dominion domino dove dream
eagle east edge element elevate empire  enterprise enterprises equity
essential evergreen everest excel expand express extra fair falcon federal
fidelity fifth figure first flex focus forward fox frontier fusion future
gap gateway general genesis genuine giant global globe gold golden good grace
great green guardian harbor harmony health heritage home horizon hunt ideal
impact income independent infinity insight integrity interactive
international iron jack jet key keystone kind kinder king land legacy
liberty life light lime line link live lotus lucky main management marathon
match materials matrix mercury meridian meta micro microchip mission modern
monarch monster mosaic motion mountain national nation native network new
news noble north northern nova oak ocean one open optimum oracle orbit
origin  paper parts partner pathway payments peak phoenix pilot pine
 pioneer pivotal planet plaza power premier prime principal
processing products progress progressive prospect  public quest
radiant rainbow range rapid realty regency regions reliance republic
residential resolute rise river rock royal safe sage scale security select
sentinel service services shell signal silver simple sky smart snowflake
solar solid sound south southern southwest space spark spirit spring square
standard star state steel sterling stone storage strategic street summit
sun superior supply surgical swift tapestry target technology third three
tower trade travelers tree trinity triumph true trust union united universal
unity valley vanguard vector venture vertex victory vision visa vista
 waste water waters way west western wing wise workday works world
zebra zenith
automatic booking  electric tool copilot runway lambda perplexity
inflection moonshot groove harvest    compass
financial information old yum comfort host hotels diamondback
""".split())

# First names / surnames (and a few mythological names): ambiguous only as a
# single-word surface form.
NAME_WORDS = set("""
abbott apollo ares axon baxter casey charles cooper dover duke eaton edison edwards eli emerson
ferguson ford franklin henry hilton jacobs james johnson lauren lennox
lilly lowe martin vulcan mccormick morgan o'reilly otis ralph raymond roper ross
rollins schwab simon smith stanley tyler tyson williams wells wynn
""".split())

# Places: ambiguous only as a single-word surface form.
PLACE_WORDS = set("""
albemarle america american boston cincinnati devon erie hartford huntington norfolk
occidental texas toledo
""".split())

# Single-word forms that are ambiguous for another reason (market indexes, ...).
EXTRA_AMBIGUOUS = {"Nasdaq", "Dow"}

# Multi-word phrases that are ambiguous although not all words are common.
AMBIGUOUS_PHRASES = {"Palo Alto", "Las Vegas", "Dow Jones", "Martin Marietta", "Philip Morris",
                     "Jack Henry", "Charles River"}

# Descriptor-stripped aliases that must not be generated because another,
# unrelated company is commonly known by that name.
DENY_ALIASES = {
    "Motorola",        # Motorola Mobility (Lenovo) vs Motorola Solutions
    "Quanta",          # Quanta Computer (Taiwan) vs Quanta Services
    "Fidelity",        # Fidelity Investments vs FIS
    "Prudential",      # Prudential plc (UK) vs Prudential Financial
    "Hewlett Packard",  # HP Inc. vs Hewlett Packard Enterprise
    "Philip Morris",   # Philip Morris USA (Altria) vs Philip Morris International
}

STOPWORDS = {"of", "the", "and", "for", "&"}

# Trailing words dropped to derive a short alias ("Palantir Technologies" -> "Palantir").
DESCRIPTORS = set("""
Aerospace Associates Athletica Automotive Bancshares Beverage Brands Communications
Diagnostics Energy Enterprise Enterprises Entertainment Equities Financial Foods Global
Health Healthcare Industries Interactive International Laboratories Lifesciences
Management Markets Networks Petroleum Pharmaceuticals Properties Realty Resorts
Resources Restaurants Sciences Scientific Semiconductor Semiconductors Services
Solutions Systems Technologies Technology US USA Worldwide
""".split())

LEGAL_SUFFIX_RE = re.compile(
    r"(?:,?\s+&)?,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Companies|"
    r"Ltd\.?|Limited|plc|PLC|LLC|L\.L\.C\.|L\.P\.|LP|AG|SA|S\.A\.|NV|N\.V\.|SE|PBC|"
    r"Holdings|Group)$")
SHARE_CLASS_RE = re.compile(r"\s*\(?\bClass [A-Z]\b\)?")
TYPO_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-",
                          "\u00a0": " "})


def log(msg=""):
    print(msg, file=sys.stderr)


# ---------------------------------------------------------------------------
# Name helpers
# ---------------------------------------------------------------------------

def bare(form):
    return form[1:] if form.startswith("~") else form


def strip_legal(name):
    prev = None
    while prev != name:
        prev = name
        m = LEGAL_SUFFIX_RE.search(name)
        if m and m.start() > 0:
            name = name[:m.start()].rstrip(" ,")
    return name


def norm_key(form):
    """Identity key used to decide that a curated line supersedes a generated one."""
    f = bare(form).translate(TYPO_MAP).strip()
    if f.startswith("The "):
        f = f[4:]
    return strip_legal(f)


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def tokens(form):
    return bare(form).split()


def is_ambiguous(form):
    """Heuristic: should this surface form carry the '~' mark?"""
    f = bare(form)
    toks = f.split()
    if len(toks) == 1:
        if len(f) <= 3 or f in EXTRA_AMBIGUOUS:
            return True
        w = ascii_fold(f).lower().strip(".,!?")
        if w.endswith("'s"):
            w = w[:-2]
        return w in COMMON_WORDS or w in NAME_WORDS or w in PLACE_WORDS
    if f in AMBIGUOUS_PHRASES:
        return True
    content = [t for t in toks if t.lower() not in STOPWORDS]
    if any("&" in t or any(ch.isdigit() for ch in t) for t in toks) or not content:
        return False
    return all(ascii_fold(t).lower().strip(".,!") in COMMON_WORDS for t in content)


def ok_generated_alias(alias):
    """A derived alias is only emitted when it is distinctive on its own."""
    if len(alias) <= 3 or alias in DENY_ALIASES or is_ambiguous(alias):
        return False
    words = [ascii_fold(t).lower() for t in alias.split() if t.lower() not in STOPWORDS]
    every = COMMON_WORDS | NAME_WORDS | PLACE_WORDS
    return not all(w in every for w in words)


def valid_form(form):
    f = bare(form)
    letters = [c for c in f if c.isalnum()]
    return len(letters) >= 2


# ---------------------------------------------------------------------------
# Generated part
# ---------------------------------------------------------------------------

def clean_security(sec):
    """Return (canonical, [aliases]) for one S&P 500 'Security' string."""
    s = unicodedata.normalize("NFC", sec).strip()
    s = SHARE_CLASS_RE.sub("", s).strip()
    # "Coca-Cola Company (The)" -> "The Coca-Cola Company"; "Lilly (Eli)" -> "Eli Lilly"
    m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)", s)
    if m:
        s = (m.group(2).strip() + " " + m.group(1).strip()).strip()
    original = s
    s = strip_legal(s)
    if s.startswith("The ") and len(s) > 4:
        s = s[4:]
    s = strip_legal(s)
    aliases = []
    if s.lower().endswith(".com") and len(s) > 7:
        head = s[:-4]
        if ok_generated_alias(head):
            aliases.append(s)
            s = head
    canonical = s.translate(TYPO_MAP)
    if canonical != s:
        aliases.append(s)                       # typographic original (O’Reilly)
    folded = ascii_fold(canonical)
    if folded != canonical:
        aliases.append(folded)                  # Estée Lauder -> Estee Lauder
    # descriptor-stripped short name: "Palantir Technologies" -> "Palantir"
    head = canonical
    while True:
        parts = head.split()
        if len(parts) < 2 or parts[-1] not in DESCRIPTORS:
            break
        head = " ".join(parts[:-1]).rstrip(" &,")
    if head != canonical and ok_generated_alias(head):
        aliases.append(head)
    return canonical, original, aliases


def load_sp500(path):
    entries = {}   # canonical -> {"aliases": [...], "sources": [...]}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sec = (row.get("Security") or "").strip()
            if not sec:
                continue
            canonical, _orig, aliases = clean_security(sec)
            if not valid_form(canonical):
                log(f"  skip (hopeless surface form): {sec!r}")
                continue
            e = entries.setdefault(canonical, {"aliases": [], "sources": []})
            e["sources"].append(sec)
            for a in aliases:
                if a != canonical and a not in e["aliases"]:
                    e["aliases"].append(a)
    gen = {}
    for canonical, e in entries.items():
        if len(e["sources"]) > 1:
            log(f"  collapsed duplicates -> {canonical}: {e['sources']}")
        forms = [canonical] + e["aliases"]
        gen[canonical] = [("~" + f) if is_ambiguous(f) else f for f in forms]
    return gen


# ---------------------------------------------------------------------------
# Curated part
# ---------------------------------------------------------------------------

def parse_tsv(path):
    out = []   # list of (lineno, [canonical, alias...])
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "\t" not in line:
                raise SystemExit(f"{path}:{n}: missing TAB: {line!r}")
            canon, aliases = line.split("\t", 1)
            if "\t" in aliases:
                raise SystemExit(f"{path}:{n}: more than one TAB")
            forms = [canon.strip()] + [a.strip() for a in aliases.split("|") if a.strip()]
            for f in forms:
                if not valid_form(f):
                    raise SystemExit(f"{path}:{n}: invalid surface form {f!r}")
            out.append((n, forms))
    return out


def check_curated(curated):
    seen = {}
    for n, forms in curated:
        c = bare(forms[0])
        if c in seen:
            raise SystemExit(f"companies-curated.tsv:{n}: duplicate canonical {c!r} (line {seen[c]})")
        seen[c] = n
        marked = {bare(f) for f in forms if f.startswith("~")}
        for a in forms[1:]:
            stripped = strip_legal(bare(a))
            if stripped != bare(a):
                if stripped in marked or is_ambiguous(stripped):
                    log(f"  note: curated alias {a!r} keeps a legal suffix "
                        f"(bare form {stripped!r} is ambiguous)")
                else:
                    log(f"  WARNING: curated alias {a!r} is a legal-suffix variant; drop it")
        review = [f for f in forms if not f.startswith("~") and is_ambiguous(f)]
        if review:
            log(f"  review: curated line {c!r} leaves unmarked {review} (heuristic would mark)")


# ---------------------------------------------------------------------------
# Merge
# ---------------------------------------------------------------------------

def merge(gen, curated):
    lines = {}    # canonical(bare) -> {"forms": [...], "curated": bool}
    claim_keys = {}
    for _n, forms in curated:
        lines[bare(forms[0])] = {"forms": list(dict.fromkeys(forms)), "curated": True}
        for f in forms:
            claim_keys.setdefault(norm_key(f), bare(forms[0]))
    superseded = []
    for canonical in sorted(gen):
        owner = claim_keys.get(norm_key(canonical))
        if owner is not None:
            superseded.append((canonical, owner))
            continue
        lines[canonical] = {"forms": gen[canonical], "curated": False}
    log(f"\nGenerated lines superseded by curated lines ({len(superseded)}):")
    for g, c in superseded:
        log(f"  {g} -> {c}" if g != c else f"  {g}")

    # conflict detection on the unmarked surface string (matching is case-sensitive)
    claims = {}
    for canonical in sorted(lines):
        for i, f in enumerate(lines[canonical]["forms"]):
            claims.setdefault(bare(f), []).append((canonical, i == 0, lines[canonical]["curated"]))
    conflicts = []
    for form in sorted(claims):
        owners = claims[form]
        if len({o[0] for o in owners}) < 2:
            continue
        cur = [o for o in owners if o[2]]
        canon = [o for o in owners if o[1]]
        if len({o[0] for o in cur}) == 1:
            keep, why = cur[0][0], "curated wins"
        elif len(cur) > 1 and len({o[0] for o in cur if o[1]}) == 1:
            keep, why = [o for o in cur if o[1]][0][0], "curated canonical wins"
        elif not cur and len({o[0] for o in canon}) == 1:
            keep, why = canon[0][0], "canonical name wins"
        else:
            keep, why = None, "dropped from all"
        conflicts.append((form, sorted({o[0] for o in owners}), keep, why))
        for o in owners:
            if o[0] == keep:
                continue
            if o[0] not in lines:
                continue
            e = lines[o[0]]
            if o[1]:
                # losing a canonical name removes that line entirely
                del lines[o[0]]
                log(f"  line {o[0]!r} removed: its canonical form {form!r} belongs to {keep!r}")
            else:
                e["forms"] = [f for f in e["forms"] if bare(f) != form]
    log(f"\nSurface-form conflicts ({len(conflicts)}):")
    for form, owners, keep, why in conflicts:
        log(f"  {form!r}: {owners} -> {keep!r} ({why})")

    # case-insensitive near-collisions are only reported
    folded = {}
    for canonical, e in lines.items():
        for f in e["forms"]:
            folded.setdefault(bare(f).casefold(), set()).add(canonical)
    near = sorted((k, sorted(v)) for k, v in folded.items() if len(v) > 1)
    if near:
        log(f"\nCase-only collisions between different canonicals (kept, review): {near}")
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=DEFAULT_SHARED,
                    help="shared gazetteer directory (default: %(default)s)")
    ap.add_argument("--curated", default=os.path.join(HERE, "companies-curated.tsv"))
    ap.add_argument("--out", default=os.path.join(HERE, "companies.tsv"))
    args = ap.parse_args(argv)

    sp_path = os.path.join(args.shared, SP500_REL)
    log(f"Reading {sp_path}")
    gen = load_sp500(sp_path)
    log(f"Reading {args.curated}")
    curated = parse_tsv(args.curated)
    check_curated(curated)

    marked = sorted({bare(f) for forms in gen.values() for f in forms if f.startswith("~")},
                    key=str.casefold)
    log(f"\nSurface forms marked ambiguous (~) in the generated part ({len(marked)}) -- review:")
    for f in marked:
        log(f"  ~{f}")

    lines = merge(gen, curated)

    order = sorted(lines, key=lambda c: (c.casefold(), c))
    out = [
        "# companies.tsv -- GENERATED by make_gazetteer.py; do not edit by hand.",
        "# Sources: company names from the \"Security\" column of",
        "#   shared/gazetteer/s-and-p-500-companies/constituents.csv (ODC-PDDL-1.0),",
        "#   cleaned (share classes and legal suffixes removed), merged with",
        "#   common/data/companies-curated.tsv (curated lines override generated ones).",
        "# Format: Canonical Name<TAB>alias1|alias2 ; '~' marks an ambiguous surface form",
        "#   (accepted only with company context). Legal suffixes are handled by the matcher.",
        f"# {len(order)} companies.",
    ]
    n_amb = 0
    for c in order:
        forms = lines[c]["forms"]
        n_amb += sum(1 for f in forms if f.startswith("~"))
        out.append(forms[0] + "\t" + "|".join(forms[1:]))
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")
    os.replace(tmp, args.out)
    n_forms = sum(len(lines[c]["forms"]) for c in order)
    log(f"\nWrote {args.out}: {len(order)} companies, {n_forms} surface forms, "
        f"{n_amb} ambiguous (~)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
