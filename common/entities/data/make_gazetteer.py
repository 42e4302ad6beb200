#!/usr/bin/env python3
"""Build common/entities/data/companies.tsv, the company gazetteer used by Docket.

Inputs
  * <shared>/s-and-p-500-companies/constituents.csv  (ODC-PDDL-1.0; only the
    company names in the "Security" column are used, and the tickers to recognise
    the same companies in the listings)
  * <shared>/nasdaq-listings/nasdaq-listed-symbols.csv, <shared>/nyse-other-listings/
    other-listed.csv and nyse-listed.csv  (ODC-PDDL-1.0 packages of NASDAQ Trader's symbol
    directories; issuer names only; skipped with --no-listings)
  * companies-curated.tsv next to this script (hand-written)

Output
  * companies.tsv next to this script (deterministic, sorted by canonical name)

Format of both TSV files (UTF-8, '#' starts a comment line, blank lines ignored):

    Canonical Name<TAB>alias1|alias2|...

The canonical name is itself a surface form. A surface form prefixed with '~' is
ambiguous (an ordinary word or phrase) and is only accepted with company context.
Legal suffixes (Inc., Corp., Group, Holdings, ...) are handled by the matcher, so
surface forms are written without them.

Listing part (NASDAQ, NYSE, NYSE American, NYSE Arca, Cboe)
  * Only operating companies: ETF and test-issue rows are dropped; an issuer is kept only if
    one of its rows is common/ordinary shares, ADS/ADRs or LP common units (not notes,
    preferred, depositary preferred, warrants, rights, units); funds, trusts (banks excepted),
    closed-end fund families, BDCs, SPAC-like shells ("Acquisition", units, series numerals)
    and names that clean to nothing or one letter are dropped.
  * Names are cleaned: security description, share class, parentheticals, legal suffixes
    (LEGAL_SUFFIX_RE plus foreign forms: S.A.B. de C.V., N.V., ASA, ...) and a leading "The"
    are removed; an ALL-CAPS name becomes Title Case except acronyms of <= 4 letters.
  * One line per company: share classes collapse.  An issuer whose ticker is an S&P 500 ticker,
    or whose cleaned name equals (ignoring case, accents, punctuation, "The" and legal
    suffixes) any S&P/curated surface form, is left out; an alias that does so is dropped.
    Different companies that clean to the same name share one line, marked '~'.
  * '~' is set more strictly (is_ambiguous_listing): every one-word name that is an ordinary
    word, first name, surname or place (LISTING_* word lists), every name of <= 4 letters,
    and every multi-word name made only of ordinary words and places.

Merge rules
  * A curated line supersedes every generated line whose canonical name equals
    (after dropping '~', a leading "The" and legal suffixes) any surface form of
    the curated line; the curated aliases replace the generated ones entirely.
  * A surface form claimed by two different canonicals is a conflict: a curated
    claim wins over a generated one; otherwise a canonical name keeps its own form
    and a form that is only an alias in both lines is dropped from both.
    Every conflict is reported on stderr.

Python 3 standard library only.  Usage:
    python3 make_gazetteer.py [--shared DIR] [--curated FILE] [--out FILE] [--no-listings]

--no-listings reproduces the S&P 500 + curated gazetteer of before the listings were added.
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

# Listing part only (is_ambiguous_listing).  Ordinary English words that occur in the names
# on the exchange lists: every word of those names and every one-word name was checked against an
# English spelling dictionary when this list was written, then reviewed by hand; specialised
# industry words (therapeutics, pharmaceuticals, oncology, ...) were left out on purpose, so "Jazz
# Pharmaceuticals" stays distinctive while "Quantum Computing" does not.  When the listings are
# refreshed, new names are only checked against these lists: review the new one-word names.
LISTING_COMMON_WORDS = set("""
aardvark abacus able acacia academy acceptance achieve acme acorn acres actinium actuate acuity
acumen adagio advantage aeries aerospace aether affiliated affinity affirm agents agora agree
agricultural aircraft airlines airways alarm alight alignment allied allot ally alternatives alto
aluminum amalgamated amass amaze amber ambitions ames amplify amplitude an antelope antimony
apartment apogee application applications aqua archer ardent arena ark array arrowhead artisan arts
ascent asset assured atrium attractions aura auto automotive autonomous avalanche aviation aware axe
badger bancorp bandwidth banks banner bar barings barn barrel battalion battery beach beam beauty
beeline beer below benchmark bending beverage beyond bicycle bird bit bitcoin blend blink bloom
bluejay bob boost boot borealis boundless bow bowman box brand brands bread brick brilliant brinks
broadband brokerage brothers buckle builders building bulk bullish bumble burgers business butterfly
by cable cactus cadre camping canopy canton canyon capitol capstone cardio caring carpenter carriage
carriers casinos castor cat catalyst catering cell century chain champions champs change channel
chanson charging charming check cheer cheesecake cheetah chefs cherry chewy children chime chimera
china chocolate choice chord cipher cirrus clean click climb clipper clover coal coast coastal coda
coffee cogent cognition collaborative colliers comes commercial commonwealth communication
communications communities community compute computing concept concrete connection connections
consensus consolidated construction consulting consumer context copper corporate corsair cosmos
cottage country cousins covenant cracker crafts craftsman crane cream creations creative credit
credo crescent critical cronos culture currency custom cycle daily darling decent decoy deep defense
definitive deluxe designer development diamond dick dime dine diodes disc disco discount display
distribution diver diversified diversity dogwood dolphin dot dragonfly drainage dreamland drilling
driven duos dyadic dynamics dynasty earth easterly eastern edgewise edible education educational
elastic electronic electronics elemental elite elm emotion employers enact encompass encore end
energizer energy energys engagement engine enhanced enliven ensign entertainment envoy epsilon
equinox equitable escalade esquire essentials establishment estate ethos euro evolution exodus
experience exploration exponent extreme factorial factory family farm farmers farmland farms fashion
fast fate fathom fennec fields finance finders fire firefly fission fitness five fix flag flags
flexible flower flowers fluent flutter flux foghorn food foods foremost foresight formula fort
fortis fortress fortune forum fossil found founder four freedom freight frequency friends from
frontiers frontline fuel fuels fulcrum full fuller furnishings furniture fury gain galactic galaxy
game gaming garden gas gates gauzy generation genie genius glass glimpse golf goods gorilla gossamer
gourmet government grail grand grande grandstand granite graphic graphics gravity gray grid griffon
grocers grocery group grove growth guaranty gulf hadron happen happy harbors harmonic harrow
hawthorn healthcare heartland heaven helix hello heron hertz hess high highway hill hills hilltop
hinge hippo hive holdings homes honest hooker horizons hospital hospitality hotel hour house housing
huntsman ice icon image imaging immersion imperial in indemnity indie industrial industries
infrastructure ingles ingredients innovate innovation innovations innovative inspire inspired
installed instil instinct institute institutions insurance integer integrated integrations
intelligence intelligent intensity inter intercontinental interface interlink internet intrepid
intrusion intuitive investment investments investors iridium ironwood island it jaguar jasper jazz
jersey jewelers john joint journal journey karat keel kestrel knot kosmos kronos lab laboratories
labs ladder lands largo lattice laundry laureate lead league lease lee leisure lemonade lending
lexicon lichen lifestyle lifetime liftoff ligand lineage linkage linkers liquidity lite lithium
living logic logistics loop lucid lumen machinery machines madrigal magic magna magnitude magnum
maison majestic mama mammoth managers marine maritime marker market markets marten martial matador
mays maze meat medalist medallion media medical medicine medicines mercantile merchants merit mesa
messenger met metal metals meter metropolitan mid mike milestone millennium miller mind minerals
mines mining mink mixed mobile mobility modular molding monday money moon morningstar mortgage motor
motorcar mountains movement moving multi mustang my myriad natural nature nautilus navigator nerdy
net networks neutron newton next nine nomad noodles northeast northwest northwestern nuclear
obsidian octave octopus oddity odyssey office offshore oil omega once onto opal opera operating
opportunities optical optics option opus or orchid oriental otter our ouster outdoor outdoors
outfitters outlet outlook outset owl owlet oxford pacific packaging palisade pan papa par park parks
parsons participation partners passage pathways pattern payroll pearl penguin pennant people peoples
perfect performance perimeter perpetuals perspective petroleum pharmacy pilgrim pineapple ping
pinnacle pipeline place plains platforms platinum playboy plexus pliant plug plus poet point polar
policy pop popular porch potash prairie precious precision preferred prelude premium prestige presto
pride primo priority pro produce professional proficient profound propane properties prosperity
protagonist protection provident prudential puma pumping pure purple pursuit quad quantum quarry
quince radian rail ranger rank rapport rave reading ready real realities reborn recon recovery
rectitude recursion red reed reformation regional rein relay renew rent repay research reservoir
resorts resource resources restaurant restaurants retractable reunited revolution revolve rhythm
ribbon rich ridge ring riot roadhouse robin robot robotics rocket rocky rogers roller royalties
royalty run rush sable sabre sachem safety saga sally sand savers scholar scholastic science
sciences scientific scribe seaboard seaport seasons seats seaways secure securities selective self
serve shack shake shared ship shipping ships shoals shoe shore shoulder shuttle sight sigma signet
silence silicon simply simulations singularity site six sixth size skillful skin skyline skyward
slide snail social socket software sol solana solaris solstice solution solutions sonic source sow
sparkle specialty spectrum sphere spire splash spoons sporting sports sportsman sprout sprouts
spruce squared stag stage stamp states station stitch stoke stop store strata strategies strategy
stratus strawberry strength stride strike strive structure studio studios subs suburban sunshine
super support surf sustainable system systems tactile tail talos tandem tango tarsus tech technical
technologies telephone telos tempest tenable tenet tenon terrestrial tetra text tide tidewater time
times titan title toast token toll ton tools top torrid tortoise track transact transcontinental
transfer transport transportation travel treasure treasury trends triangle trident trilogy trio
triple troops truck trump turbine turbo turn turning turtle twenty twin two ultra universe unusual
up upland upon upstart upstream uranium urban us utilities value vantage vault vehicle velocity
ventures vermilion versus vertical via view village violet viper virgin vital vitamin vivid voyager
vroom vs warehouse warrior watch watts wave ways wealth wearable weave well werewolf wheels where
whirlpool white wide wolverine work workhorse wrap xenon yip your zeta zoom
""".split())

# Listing part only: first names, surnames, people, myths and stars seen as one-word listing names.
LISTING_NAME_WORDS = set("""
alexander andersen andersons belden bentley brady bridger brinker bristow cabot caesar campbell
carlyle carter celsius cohen comstock corvus crawford descartes donaldson donnelley ellington fermi
friedman fulton getty graham hackett hagerty hawkins helios hillman holley icahn jackson janus kelly
kemper kilroy kirby knowles latham leslie lindsay marcus marti massimo matson matthews maximus megan
mercer merlin molina mueller murphy myers nakamoto newell oppenheimer orion oscar patrick pearson
penske perpetua plutus polaris powell rafael regis rigel schmid schrodinger siebert sinclair stepan
tennant tompkins vanda viking vince wendy werner woodward
""".split())

# Listing part only: places seen in listing names.
LISTING_PLACE_WORDS = set("""
acadia alamo albany anfield asbury ashland avalon barnwell bogota brera bridgewater broadway
brookfield brunswick cadiz california calumet canaan capri carlisle chemung columbia concorde
cumberland donegal duluth ennis gibraltar greenbrier gulfport hayward hudson indonesia kearny kodiak
lakeside lincoln manhattan miami mohawk navan norwood oshkosh palomar peabody permian ponce seneca
smithfield sonoma southland southside tanger tiptree uk us usa westlake westwood winnebago woodside
worthington
""".split())

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


def _word(t):
    w = ascii_fold(t).lower().strip(".,!?'")
    return w[:-2] if w.endswith("'s") else w


def is_ambiguous_listing(form):
    """Stricter heuristic for listing names: they are many and obscure, and every unmarked
    form is matched in all news, so a common word left unmarked costs precision everywhere."""
    if is_ambiguous(form):
        return True
    f = bare(form)
    toks = f.split()
    if f in AMBIGUOUS_PHRASES:
        return True
    if len(toks) == 1:
        if sum(c.isalpha() for c in f) <= 4:            # short acronym or short word
            return True
        if re.search(r"[a-z][A-Z]", f):
            return False                                # "BlackBerry", "enCore": not a word as written
        return _listed_word(_word(f), COMMON_WORDS | NAME_WORDS | PLACE_WORDS | LISTING_COMMON_WORDS
                            | LISTING_NAME_WORDS | LISTING_PLACE_WORDS)
    if any("&" in t or any(ch.isdigit() for ch in t) for t in toks):
        return False
    every = COMMON_WORDS | PLACE_WORDS | LISTING_COMMON_WORDS | LISTING_PLACE_WORDS
    for t in toks:
        w = _word(t)
        if w in STOPWORDS or len(w) <= 1:
            continue
        if t.isupper() and w not in ("us", "usa", "uk"):
            return False                                # an acronym: "ESS Tech", "QT Imaging"
        if not _listed_word(w, every):
            return False
    return True


def _listed_word(w, words):
    """w or its singular/base form is in words ("flowers", "noodles", "cousins")."""
    return w in words or (w.endswith("s") and w[:-1] in words) or (w.endswith("es") and w[:-2] in words)


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


def load_sp500_symbols(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return {(row.get("Symbol") or "").strip() for row in csv.DictReader(fh)} - {""}


def load_sp500(path, tickers):
    """tickers: gets (symbol, canonical) for every constituent kept."""
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
            tickers.append(((row.get("Symbol") or "").strip(), canonical))
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
# Exchange listings (NASDAQ, NYSE and other exchanges): generated part 2
# ---------------------------------------------------------------------------

NASDAQ_REL = os.path.join("nasdaq-listings", "nasdaq-listed-symbols.csv")
NYSE_REL = os.path.join("nyse-other-listings", "nyse-listed.csv")
OTHER_REL = os.path.join("nyse-other-listings", "other-listed.csv")

# Where the security description starts in an NYSE/other-exchange name, which has no
# " - " separator ("Agilent Technologies, Inc. Common Stock"): the earliest of these.
SECURITY_DESC_RE = re.compile(r"""(?:\s|(?<=\)))(?=(?:
    Class\s[A-Z]\b | Series\s[A-Z0-9]+\b | Common\b | New\s+York\s+Registry | Registry\s+Shares | Registered\s+(?:Ordinary\s+)?Shares | Cmn\b | Ordinary\s | American\s+Deposit |
    Depositary\b | Depository\b | Dep\s+Shs\b | Sponsored\s+ADR | ADSs?\b | ADRs?\b |
    Units?\b | Warrants?\b | Rights?\b | Subunits?\b | (?:Preferred\s+)?Shares\b | SBI\b |
    Capital\s+Stock | \$?\d[\d.,]*\s?%\s | Senior\s+Notes | Notes\b | (?:Junior\s+)?Subordinated\b |
    Debentures?\b | Preferred\b | Preference\b | Pfd\b | Fixed[-\s/] | Floating\b | Fltg\b |
    (?:Non-)?Cumulative\b | Redeemable\b | Perpetual\b | When[-\s]Issued | Subordinate\s+Voting |
    Limited\s+(?:Partner|Voting) | Contingent\s+Value | Tangible\s+Equity | Exchangeable\b |
    Beneficial\s+Interest | Tracking\s+Stock | ZONES\b | Tr\s+Ctf | Stock\b
  ))""", re.X | re.I)

NASDAQ_NAME_DESC_RE = re.compile(r"\s+(?:Class\s+[A-Z]\s+)?(?:Common\s+Stock|Ordinary\s+Shares?|Common\s+Shares?)\b.*$",
                                 re.I)

# Rows that are not (ordinary) shares of an operating company.
NON_EQUITY_DESC_RE = re.compile(r"""
    \bwarrants?\b | \brights?\b | \bsub-?units?\b | \bnotes?\b | \bdebentures?\b |
    \bpreferred\b | \bpreference\b | \bpfd\b | \bprd\b | \bdep\s+shs\b | % | \bETNs?\b | \bETFs?\b |
    \bclosed[-\s]end\b | \bfund\b | \bbeneficial\b | \bSBI\b | \bZONES\b | \btr\s+ctf | \bcontingent\s+value\b |
    \btangible\s+equity\b | \bexchangeable\b | \bsenior\b | \bsubordinated\b | \bdue\s+\d{4}\b
""", re.X | re.I)
UNITS_RE = re.compile(r"\bunits?\b", re.I)
LP_UNITS_RE = re.compile(r"\bcommon\b|\blimited\s+partner|\bpartnership\b", re.I)
PLAIN_DEPOSITARY_RE = re.compile(r"(?<!American )(?<!American\s)\bDeposit[ao]ry\s+(?:Shares|Receipts)\b", re.I)

# Issuer names that are funds, trusts or SPAC-like shells, not operating companies.
FUND_NAME_RE = re.compile(r"""\b(?:
    Funds? | Trust | Trusts | Municipal | Munis? | MuniYield | MuniHoldings | MuniAssets | Muni\w+ |
    Portfolios? | ETFs? | ETNs? | Closed[-\s]End | Tax[-\s]?(?:Free|Exempt|Advantaged|Managed) |
    Floating\s+Rate | High\s+(?:Income|Yield) | Total\s+Return | Premium\s+Income | Dividend\s+Income |
    Equity\s+Income | Income\s+Opportunit\w* | Credit\s+Income | Strategic\s+Income | Target\s+Term |
    Investment\s+Grade | Limited\s+Duration | \w*Acquisitions?\d* | Merger\s+Corp\w* | SPAC | Blank\s+Check |
    Authority | BDC | (?:Direct|Specialty|Secured)\s+Lending | Credit\s+Opportunities | Dividend\s+Opp\w* |
    Tax-Advantage\w* | (?:Corporate|Participation)\s+Investors | General\s+American\s+Investors
)\b""", re.X | re.I)
# Closed-end fund families whose funds are not called "Fund" or "Trust" in the listings
# ("Eagle Point Income", "Tortoise Energy Infrastructure", "Eaton Vance Tax-Advantage ...").
FUND_SPONSOR_RE = re.compile(
    r"^(?:Nuveen|Eaton Vance|John Hancock|Eagle Point|Tortoise|Pearl Diver|Saba|Gabelli|GAMCO|Calamos|"
    r"abrdn|Aberdeen|Western Asset|PIMCO|Pimco|Clough|Flaherty & Crumrine|DoubleLine|Allspring|MFS|"
    r"Templeton|PGIM|XAI)\b")
# A trailing series numeral: "Cantor Equity Partners IV", "Churchill Capital Corp XI" (SPAC series).
SPAC_NUMERAL_RE = re.compile(r"\s(?:I|II|III|IV|V|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XX)$")
# A SPAC's units ("Units, each consisting of one Class A ordinary share and one right"); LP
# "Common Units", "Corporate Units", "Tangible Equity Units" are something else.
SPAC_UNITS_DESC_RE = re.compile(r"^Units?\b", re.I)
# ... except banks, which are operating companies although called "... Trust".
BANK_NAME_RE = re.compile(r"\b(?:Bank|Banc|Bancorp\w*|Bancshares|Banking|Financial|Trustco)\b", re.I)

# Legal forms beyond LEGAL_SUFFIX_RE that listing names carry (foreign forms, other spellings).
LISTING_EXTRA_SUFFIX_RE = re.compile(
    r"(?:,?\s+&)?(?:,\s*|\s+)(?:S\.\s?A\.?(?:\s?[A-Z]\.?)*(?:\s+(?:de|y)\s+[A-Za-z.\s]+)?|SAB\s+de\s+CV|"
    r"de\s+C\.V\.|S\.p\.A\.?|SpA|ASA|A/S|AB|Oyj|Tbk|KGaA|N\.V|B\.V\.?|L\.P|L\.L\.C|N\.A\.?|Co\.,|Corporation\.|"
    r"Incorporation|Holding|p\.l\.c\.|Plc|(?i:inc\.?|corp\.?|co\.?|ltd\.?|limited|corporation|company|"
    r"incorporated|holdings|group|llc|plc))$")
# A legal form in the middle of a name starts trailing junk: "Mizuho Financial Group, Inc.
# Sponosred", "Koninklijke Philips N.V. NY", "Brightstar Lottery PLC Trading under the ...".
LISTING_MID_SUFFIX_RE = re.compile(
    r"(?:,\s*|\s+)(?:Inc\.?|Incorporated|Corp\.|Corporation|Ltd\.?|Limited|PLC|plc|Plc|N\.V\.?|S\.\s?A\.|"
    r"AG|LLC|L\.L\.C\.?)(?=\s+(?!of\b|de\b|y\b|and\b|&)\S)")
LISTING_TRAILING_JUNK_RE = re.compile(r"(?:,?\s+(?:New|NEW|REIT|Common|Cmn|Inc\.?Common))+$")


def _strip_listing_legal(name):
    m = LISTING_MID_SUFFIX_RE.search(name)
    if m and m.start() > 0:
        name = name[:m.start()]
    prev = None
    while prev != name:
        prev = name
        name = strip_legal(name)
        name = LISTING_TRAILING_JUNK_RE.sub("", name).rstrip(" ,")
        m = LISTING_EXTRA_SUFFIX_RE.search(name)
        if m and m.start() > 0:
            name = name[:m.start()].rstrip(" ,")
        # "Eli Lilly and Company" -> "Eli Lilly"; "Superior Group of Companies" -> "Superior Group"
        name = re.sub(r"(?:,?\s+(?:and|&|of))+$", "", name).rstrip(" ,")
        if name.endswith(".") and "." not in name.split()[-1][:-1] if name.split() else False:
            name = name[:-1]                        # "... Technologies." but not "F.N.B."
    return name


def _title_case_word(tok):
    """One word of an ALL-CAPS source name: Title Case, but a short acronym stays."""
    parts = []
    for seg in re.split(r"([.\-/])", tok):
        letters = [c for c in seg if c.isalpha()]
        w = ascii_fold(seg).lower().strip(".,&'")
        if w == "com" and parts:
            parts.append("com")                     # "YXT.COM" -> "YXT.com"
        elif len(letters) <= 4 and w not in (COMMON_WORDS | STOPWORDS | LISTING_COMMON_WORDS
                                             | {"a", "an", "in", "on", "at", "to", "by"}):
            parts.append(seg)                       # short acronym: "AZZ", "AT&T", "USA"
        else:
            parts.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), seg.lower()))
    return "".join(parts)                           # "KNIGHT-SWIFT" -> "Knight-Swift"


def clean_listing_name(raw, typo=True):
    """Issuer text of one listing row (security description already removed) -> cleaned name."""
    s = unicodedata.normalize("NFC", raw)
    if typo:
        s = s.translate(TYPO_MAP)
    s = re.sub(r"\s+", " ", s).strip(" ,;")
    s = SHARE_CLASS_RE.sub("", s).strip(" ,")
    s = re.sub(r"^(?:DBA|D/B/A)\s+", "", s)
    # "Chemours Company (The)" -> "The Chemours Company"; other parentheticals ("(NEW)",
    # "(REIT)", "(DE)", "(Canada)", "(Holding Company)") are dropped.
    if re.search(r"\(The\)", s, re.I):
        s = "The " + re.sub(r"\s*\(The\)\s*", " ", s, flags=re.I).strip()
    s = re.sub(r"\s*\([^)]*\)\s*", " ", s).strip(" ,")
    s = re.sub(r"\s+", " ", s)
    # "Brookfield Infrastructure Corporation Brookfield Infrastructure Corporation"
    half = s.split()
    if len(half) % 2 == 0 and half[: len(half) // 2] == half[len(half) // 2:]:
        s = " ".join(half[: len(half) // 2])
    probe = _strip_listing_legal(s)                   # "1-800-FLOWERS.COM, Inc." is ALL CAPS too
    if any(c.isalpha() for c in probe) and not any(c.islower() for c in probe):
        small = STOPWORDS | {"a", "an", "in", "on", "at", "to", "by", "de", "del", "y"}
        s = " ".join(t.lower() if i and t.lower() in small else _title_case_word(t)
                     for i, t in enumerate(s.split()))
    s = _strip_listing_legal(s)
    if re.match(r"(?i)the\s", s) and len(s) > 4:
        s = s[4:]
    s = _strip_listing_legal(s)
    return s.strip()


def not_a_company_row(row, skipped):
    """ETFs and test issues are not companies; counts why a row was skipped."""
    for column, why in (("ETF", "ETF"), ("Test Issue", "test issue")):
        if row.get(column) == "Y":
            skipped[why] += 1
            return True
    return False


def read_listing_rows(shared):
    """-> list of (exchange, symbol, issuer text, security description); ETFs and test issues dropped."""
    rows, skipped = [], {"ETF": 0, "test issue": 0}
    path = os.path.join(shared, NASDAQ_REL)
    log(f"Reading {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            sym = (r.get("Symbol") or "").strip()
            if not sym or sym.startswith("File Creation Time"):
                continue
            if not_a_company_row(r, skipped):
                continue
            sec = r.get("Security Name") or ""
            desc = sec.split(" - ", 1)[1] if " - " in sec else ""
            company = (r.get("Company Name") or "").strip()
            m = NASDAQ_NAME_DESC_RE.search(company)      # "Global Interactive ..., Inc. Common Stock"
            if m and m.start() > 0:
                company, desc = company[:m.start()].strip(), (company[m.start():] + " " + desc).strip()
            rows.append(("NASDAQ", sym, company, desc.strip()))
    path = os.path.join(shared, OTHER_REL)
    log(f"Reading {path}")
    seen = set()
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            sym = (r.get("ACT Symbol") or "").strip()
            seen.add(sym)
            if not_a_company_row(r, skipped):
                continue
            # "Security Name" is the untruncated form of "Company Name" (cut at any hyphen).
            issuer, desc = split_security_desc(r.get("Security Name") or r.get("Company Name") or "")
            rows.append((r.get("Exchange") or "?", sym, issuer, desc))
    path = os.path.join(shared, NYSE_REL)
    log(f"Reading {path}")
    extra = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            sym = (r.get("ACT Symbol") or "").strip()
            if sym and sym not in seen:        # normally none: nyse-listed = Exchange N of other-listed
                issuer, desc = split_security_desc(r.get("Company Name") or "")
                if not re.search(r"\bET[FN]s?\b", issuer + " " + desc):
                    rows.append(("N", sym, issuer, desc))
                    extra += 1
    log(f"  listing rows: {len(rows)} kept ({extra} only in nyse-listed.csv); dropped "
        + ", ".join(f"{v} {k}" for k, v in skipped.items()))
    return rows


def split_security_desc(name):
    s = re.sub(r"\s+", " ", name).strip()
    m = SECURITY_DESC_RE.search(s)
    if m and m.start() > 0:
        return s[:m.start()].strip(), s[m.start():].strip()
    return s, ""


ADS_DESC_RE = re.compile(r"^(?:American\s+Deposit[ao]ry|Sponsored\s+ADR|ADSs?\b|ADRs?\b)", re.I)
ADS_NON_EQUITY_RE = re.compile(r"\b(?:preferred|preference|pfd|notes?)\b|%", re.I)
SBI_RE = re.compile(r"\bBeneficial\b|\bSBI\b", re.I)
REAL_ESTATE_RE = re.compile(r"\b(?:Properties|Homes|Residential|Realty|REIT|Lodging|Hospitality)\b")


def is_equity_desc(desc, issuer=""):
    """Is this row (ordinary) shares of an operating company?"""
    if not desc:
        return True
    if ADS_DESC_RE.search(desc):                      # foreign issuers' main listing
        return not ADS_NON_EQUITY_RE.search(desc)
    if (SBI_RE.search(desc) and REAL_ESTATE_RE.search(issuer)
            and not re.search(r"\b(?:preferred|pfd|notes?)\b|%", desc, re.I)):
        return True                                   # REIT shares of beneficial interest
    if NON_EQUITY_DESC_RE.search(desc):
        return False
    if UNITS_RE.search(desc) and not LP_UNITS_RE.search(desc):
        return False                                  # SPAC units; LP "Common Units" are equity
    return not PLAIN_DEPOSITARY_RE.search(desc)      # "Depositary Shares ... 1/1,000th of a Preferred"


def symbol_root(symbol):
    """BRK.B -> BRK, JPM$C -> JPM, BF-A -> BF."""
    return re.split(r"[.$\-]", symbol, maxsplit=1)[0]


def fold_key(form):
    """Identity of a name across sources: no '~', "The", legal suffix, case, accents or punctuation."""
    return re.sub(r"[^0-9a-z&]+", "", ascii_fold(norm_key(form)).casefold())


def listing_aliases(canonical, original):
    """Aliases derived like the S&P ones, but only when distinctive under the stricter listing rules."""
    aliases = []
    if original != canonical and valid_form(original):
        aliases.append(original)                   # typographic original (O’Reilly)
    folded = ascii_fold(canonical)
    if folded != canonical:
        aliases.append(folded)                     # Estée Lauder -> Estee Lauder
    head = canonical
    if head.lower().endswith(".com") and len(head) > 7:
        head = head[:-4]
    while True:
        parts = head.split()
        if len(parts) < 2 or parts[-1] not in DESCRIPTORS:
            break
        head = " ".join(parts[:-1]).rstrip(" &,")
    while head.split() and head.split()[-1].lower() in STOPWORDS:  # "Telephone and Data Systems"
        head = " ".join(head.split()[:-1])
    if head != canonical and ok_generated_alias(head) and not is_ambiguous_listing(head):
        aliases.append(head)
    return aliases


def load_listings(shared, taken, sp_symbols, tickers):
    """Generated lines from the exchange listings.

    taken: fold keys of every S&P/curated surface form (those companies are already in).
    sp_symbols: ticker symbols of the S&P 500 constituents (same company, other name).
    """
    by_issuer = {}
    for exchange, symbol, issuer, desc in read_listing_rows(shared):
        by_issuer.setdefault(issuer, []).append((exchange, symbol, desc))
    stats = {}

    def drop(why):
        stats[why] = stats.get(why, 0) + 1

    groups = {}    # fold key -> {canonical candidate -> issuer count}, issuers, symbols
    for issuer in sorted(by_issuer):
        rows = by_issuer[issuer]
        equity = [d for _x, _s, d in rows if is_equity_desc(d, issuer)]
        if not equity:
            drop("no common/ordinary shares or ADS (notes, preferred, warrants, rights, units ...)")
            continue
        found = {m.group(0).lower() for m in FUND_NAME_RE.finditer(" ".join([issuer] + equity))}
        if found - {"trust", "trusts"} or (found and not BANK_NAME_RE.search(issuer)) \
                or FUND_SPONSOR_RE.search(issuer):
            drop("fund, trust or SPAC name")             # ... but "Northern Trust"-style banks stay
            continue
        if any(SPAC_UNITS_DESC_RE.search(d) for _x, _s, d in rows):
            drop("SPAC-like (lists units)")
            continue
        canonical = clean_listing_name(issuer)
        if SPAC_NUMERAL_RE.search(canonical) or SPAC_NUMERAL_RE.search(strip_legal(issuer.rstrip(" ,."))):
            drop("SPAC-like (series numeral)")
            continue
        letters = [c for c in canonical if c.isalnum()]
        if len(letters) < 2 or not valid_form(canonical):
            drop("empty or single-letter name")
            continue
        symbols = {s for _x, s, _d in rows}
        roots = {symbol_root(s) for s in symbols}
        if symbols & sp_symbols or roots & {symbol_root(s) for s in sp_symbols}:
            drop("S&P 500 company (same ticker)")
            continue
        key = fold_key(canonical)
        if not key or key in taken:
            drop("already an S&P/curated company or surface form")
            tickers.extend((sym, canonical) for _x, sym, d in rows if is_equity_desc(d, issuer))  # still its ticker
            continue
        g = groups.setdefault(key, {"names": {}, "issuers": [], "roots": []})
        n = g["names"].setdefault(canonical, [not any(c.islower() for c in issuer), 0,
                                              clean_listing_name(issuer, typo=False)])
        n[1] += len(equity)
        g["issuers"].append(issuer)
        g["roots"].append(roots)

    gen, n_alias_dropped, collapsed = {}, 0, []
    for key in sorted(groups):
        g = groups[key]
        # Prefer the source's own mixed case over an all-caps conversion, then the commoner form.
        canonical = min(g["names"], key=lambda n: (g["names"][n][0], -g["names"][n][1], n))
        # Share classes of one company share a ticker root (GEF, GEF.B); different roots mean
        # different companies with the same cleaned name ("Graham Corp." / "Graham Holdings"):
        # the name alone cannot tell them apart, so it is marked ambiguous.
        shared_name = len(g["roots"]) > 1 and not set.intersection(*g["roots"])
        if len(g["issuers"]) > 1:
            collapsed.append((canonical, g["issuers"], shared_name))
        # A one-word listing name that is a first name or surname ("Megan", "Graham") would
        # match people far more often than the company, even with context ("Megan said"): dropped.
        if len(canonical.split()) == 1 and _word(canonical) in (NAME_WORDS | LISTING_NAME_WORDS):
            stats["one-word person name"] = stats.get("one-word person name", 0) + 1
            continue
        forms = [canonical]
        for a in listing_aliases(canonical, g["names"][canonical][2]):
            if a in forms:
                continue
            if fold_key(a) in taken:
                n_alias_dropped += 1
                continue
            forms.append(a)
        marked = [("~" + f) if is_ambiguous_listing(f) or shared_name else f for f in forms]
        gen[canonical] = marked
        if not shared_name:  # one company: its tickers name it
            for issuer in g["issuers"]:
                tickers.extend((sym, canonical) for _x, sym, d in by_issuer[issuer] if is_equity_desc(d, issuer))
    log("  listing issuers dropped: " + "; ".join(f"{v} {k}" for k, v in sorted(stats.items())))
    log(f"  listing issuers collapsed into one line ({len(collapsed)}):")
    for c, issuers, shared_name in collapsed:
        log(f"    {c}: {issuers}" + ("  (different companies: marked ~)" if shared_name else ""))
    log(f"  listing aliases dropped because an S&P/curated line uses them: {n_alias_dropped}")
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


def write_tickers(tickers, lines, path):
    """tickers.tsv: "SYMBOL<TAB>Canonical Name" for the searcher's --company (MSFT, AMZN).
    A symbol follows its company through the merge (a curated line may rename it);
    a symbol claimed by two companies is left out."""
    owner = {}
    for c in lines:
        for f in lines[c]["forms"]:
            owner.setdefault(norm_key(bare(f)), c)
    named = {}
    for symbol, canonical in tickers:
        final = owner.get(norm_key(canonical))
        if symbol and final:
            named.setdefault(symbol.upper(), set()).add(final)
    rows = [f"{sym}\t{next(iter(names))}" for sym, names in sorted(named.items()) if len(names) == 1]
    out = ["# tickers.tsv -- GENERATED by make_gazetteer.py with companies.tsv; do not edit by hand.",
           "# Ticker symbols of the S&P 500 constituents and listed issuers (same sources as",
           "# companies.tsv), each with its canonical name in companies.tsv. Format: SYMBOL<TAB>Name",
           f"# {len(rows)} symbols."] + rows
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")
    os.replace(tmp, path)
    log(f"Wrote {path}: {len(rows)} ticker symbols")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=DEFAULT_SHARED,
                    help="shared gazetteer directory (default: %(default)s)")
    ap.add_argument("--curated", default=os.path.join(HERE, "companies-curated.tsv"))
    ap.add_argument("--out", default=os.path.join(HERE, "companies.tsv"))
    ap.add_argument("--no-listings", action="store_true",
                    help="S&P 500 + curated only (do not read the NASDAQ/NYSE/other listings)")
    args = ap.parse_args(argv)

    sp_path = os.path.join(args.shared, SP500_REL)
    log(f"Reading {sp_path}")
    tickers = []   # (symbol, canonical before merging)
    gen = load_sp500(sp_path, tickers)
    log(f"Reading {args.curated}")
    curated = parse_tsv(args.curated)
    check_curated(curated)
    listing = {}
    if not args.no_listings:
        taken = {fold_key(f) for forms in gen.values() for f in forms}
        taken |= {fold_key(f) for _n, forms in curated for f in forms}
        listing = load_listings(args.shared, taken, load_sp500_symbols(sp_path), tickers)

    marked = sorted({bare(f) for forms in gen.values() for f in forms if f.startswith("~")},
                    key=str.casefold)
    log(f"\nSurface forms marked ambiguous (~) in the generated part ({len(marked)}) -- review:")
    for f in marked:
        log(f"  ~{f}")

    lines = merge({**gen, **listing}, curated)
    if not args.no_listings:
        added = [c for c in lines if c in listing and not lines[c]["curated"]]
        n_marked = sum(lines[c]["forms"][0].startswith("~") for c in added)
        n_forms_marked = sum(f.startswith("~") for c in added for f in lines[c]["forms"])
        log(f"\nListing entries added: {len(added)} ({n_marked} with an ambiguous (~) canonical name; "
            f"{n_forms_marked} of their {sum(len(lines[c]['forms']) for c in added)} surface forms "
            f"are ~; {len(listing) - len(added)} lost in conflicts)")

    order = sorted(lines, key=lambda c: (c.casefold(), c))
    if args.no_listings:
        sources = [
            "# Sources: company names from the \"Security\" column of",
            "#   shared/gazetteer/s-and-p-500-companies/constituents.csv (ODC-PDDL-1.0),",
            "#   cleaned (share classes and legal suffixes removed), merged with",
            "#   common/entities/data/companies-curated.tsv (curated lines override generated ones).",
        ]
    else:
        sources = [
            "# Sources: company names from the \"Security\" column of",
            "#   shared/gazetteer/s-and-p-500-companies/constituents.csv (ODC-PDDL-1.0), and the",
            "#   operating companies among the issuers listed in",
            "#   shared/gazetteer/nasdaq-listings/nasdaq-listed-symbols.csv and",
            "#   shared/gazetteer/nyse-other-listings/{nyse,other}-listed.csv (ODC-PDDL-1.0 packages",
            "#   of NASDAQ Trader's symbol directories; ETFs, test issues, funds, trusts, SPACs,",
            "#   notes, preferred, warrants, rights and units dropped; '~' set more strictly),",
            "#   cleaned (share classes and legal suffixes removed), merged with",
            "#   common/entities/data/companies-curated.tsv (curated lines override generated ones; S&P 500",
            "#   lines override listing lines for the same company or surface form).",
        ]
    out = [
        "# companies.tsv -- GENERATED by make_gazetteer.py; do not edit by hand.",
    ] + sources + [
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
    write_tickers(tickers, lines, os.path.join(os.path.dirname(args.out), "tickers.tsv"))
    n_forms = sum(len(lines[c]["forms"]) for c in order)
    log(f"\nWrote {args.out}: {len(order)} companies, {n_forms} surface forms, "
        f"{n_amb} ambiguous (~)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
