"""Synthetic reviews at scale, for benchmarks.

Other benchmarks import it::

    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import make_review

API
    make_texts(n, size=10_000, seed=0) -> list[str]
        n distinct English-like articles of about `size` characters each (a title, headings,
        paragraphs, bullet lists; sentences of varied length over a vocabulary of a few
        thousand word forms with the health terms of a kratom review). Deterministic from
        the seed; already in reviewtool's normalized form.
    write_corpus(folder, n, size=10_000, seed=0) -> list[Path]
        The same texts written as UTF-8 .txt files (doc-00000.txt, ...).
    make_review(path, documents=1000, claims=10_000, reviewers=2, findings=0, seed=0,
                doc_size=10_000) -> Path
        A real review file: documents imported through core (import_paths), claims spread
        over documents and reviewers with valid answers of the claim form and anchors on real
        sentences, and, with findings > 0, that many findings with about half the claims
        linked to one (supports / qualifies / contradicts). One Change per ~2,000 records.
    split_into_reviewer_files(base, folder, reviewers, claims_each, seed=0, edits_each=None)
        -> list[Path]
        `reviewers` copies of a base review, each with `claims_each` new claims by its
        own reviewer and `edits_each` edits of claims already in the base (a shared pool,
        so merging the copies produces conflicts).
    reviewer_names(n) -> list[str]

Run `python bench/synthetic.py` for the command-line usage.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from reviewtool.core.review.new_review import new_review

CHANGE_RECORDS = 2_000  # records written per Change (one transaction)

# --------------------------------------------------------------------------------------------
# Vocabulary. Lists are in rough order of frequency: earlier words are drawn more often.

_DOMAIN_NOUNS = """
kratom sleep insomnia withdrawal dose opioid pain anxiety tolerance dependence
mitragynine alkaloid receptor leaf powder tea capsule extract strain supplement
sedation stimulation fatigue mood energy craving relapse recovery treatment therapy
symptom side-effect nausea constipation headache dizziness seizure liver toxicity overdose
addiction detox regimen dosage milligram gram tablet tincture blend
hydroxymitragynine serotonin dopamine metabolism enzyme plasma half-life bioavailability
benzodiazepine buprenorphine methadone morphine naloxone caffeine alcohol cannabis
melatonin valerian chamomile magnesium antidepressant sedative analgesic stimulant
restlessness irritability sweating tremor diarrhea insomniac dreams nightmare
latency awakening rhythm circadian daytime nighttime bedtime nap drowsiness alertness
paynantheine speciogynine speciociliatine corynantheidine mu-opioid kappa-opioid agonist
antagonist hepatotoxicity polysomnography actigraphy hypnotic zolpidem trazodone gabapentin
clonidine loperamide tramadol oxycodone heroin fentanyl nicotine kava ashwagandha
""".split()

_NOUNS = """
study patient user participant adult researcher effect evidence result
group risk benefit outcome trial survey report review analysis sample
health condition disorder doctor clinician physician pharmacist nurse expert
week month year day hour night morning evening time period
community country region market product brand vendor shop label
question answer concern problem issue finding claim statement argument
level amount quantity frequency duration rate proportion percentage number
mechanism pathway process response reaction interaction change difference increase decrease
quality quantity safety efficacy harm danger warning caution advice guidance
body brain mind heart stomach muscle blood nerve system organ
life family friend child parent woman man person individual population
factor variable measure scale score questionnaire interview diary record
source article website forum blog post comment testimonial story account
government agency regulation law policy ban status authority
method approach design protocol procedure trial cohort control placebo
history tradition culture practice use habit routine lifestyle
relief comfort improvement reduction support help alternative option choice
knowledge understanding research science literature data information detail
exposure intake consumption administration preparation formulation product
laboratory animal mouse rat cell model test assay measurement marker
hospital clinic center service program setting environment context
cost price value money income work job employment school
attention focus memory concentration performance ability function activity
limitation weakness strength bias error uncertainty confidence interval
case example instance situation circumstance scenario event episode
discussion conclusion introduction summary overview section paragraph chapter
journal editor author reader audience consumer customer seller retailer manufacturer
ingredient compound substance chemical molecule dose-response threshold ceiling baseline
follow-up dropout adherence compliance abstinence remission flare episode onset course
appetite weight digestion hydration temperature pressure pulse breathing heartbeat
headline claim caveat disclaimer recommendation guideline standard benchmark criterion
difficulty barrier obstacle challenge opportunity advantage drawback trade-off balance
perception belief attitude expectation experience preference motivation intention decision
stress worry panic depression irritation agitation confusion euphoria calm relaxation
sleeplessness wakefulness slumber rest nap snoring apnea dream cycle stage phase
physiology pharmacology toxicology epidemiology psychiatry neurology medicine pharmacy
clinic emergency admission discharge referral prescription medication drug remedy cure
kit batch sample package dosage container bottle bag scoop spoon cup glass
trend pattern tendency correlation association link connection relationship cause
estimate figure statistic average median range spread distribution variance deviation
sponsor funding grant conflict interest disclosure transparency replication
account action activity address age agreement aim air amount animal area arm art aspect
assessment assumption atmosphere background basis beginning behaviour bed benefit bill
board boundary branch bridge budget building campaign capacity career category centre
character charge chart check choice claim class client climate code colleague comparison
competition component concept conference consequence content contract contribution
conversation corner council county couple course court cover creation crime crisis
criticism debate decade definition degree demand department description desire
development device dimension direction director disease display distance district
division document domain draft edge edition education element emphasis employee end
engine entry equipment essay estimate evening exchange exercise expansion expense
experiment explanation expression extent facility fact failure feature fee field fight
file film flow force form foundation frame framework function gap gender generation goal
ground growth guide half hand head hearing height highlight hole home horizon host house
idea image impact implication importance improvement incident income index industry
influence initiative input inquiry insight institution instruction instrument intensity
interpretation investment island item journey judgment key kind label lack landscape
language layer leader lesson letter light limit line list load location logic loss
machine maintenance majority manner margin material matter meaning media meeting member
memory message metal minute mission mix mode moment motion movement name nature network
newspaper note notice object objective observation occasion office operation opinion
order organization origin output owner page panel paper part partner party passage path
payment phase phone picture piece place plan plant platform point position possibility
potential power presence priority principle profile progress project property proposal
protection purpose range reaction reality reason recognition reference reflection reform
region relation release relevance reputation request requirement resource respect
responsibility rest restriction return revenue rise role room root rule safety scheme
scope screen search season seat sector selection sense sequence series session shape
share shift side sign signal site size skill society software solution sort space speech
spirit staff stage start state step stock strategy structure style subject success
suggestion sum surface surprise target task team technique technology term text theme
theory thought threat tool topic total track trade training transfer transition trust
truth type unit version view vision voice volume wave way week weight whole will window
""".split()

_IRREGULAR_PLURALS = {
    "person": "people", "child": "children", "man": "men", "woman": "women",
    "mouse": "mice", "analysis": "analyses", "diagnosis": "diagnoses", "criterion": "criteria",
    "datum": "data", "life": "lives", "people": "people", "evidence": "evidence",
    "research": "research", "information": "information", "knowledge": "knowledge",
    "advice": "advice", "guidance": "guidance", "money": "money", "data": "data",
    "insomnia": "insomnia", "health": "health", "sleep": "sleep", "kratom": "kratom",
    "caffeine": "caffeine", "alcohol": "alcohol", "cannabis": "cannabis", "safety": "safety",
    "efficacy": "efficacy", "literature": "literature", "toxicity": "toxicity",
}

_VERBS = """
reduce increase improve affect cause help report suggest show find
use take need seem appear remain become include involve require
describe explain consider examine assess measure compare observe note claim
relieve ease worsen trigger prevent induce promote disrupt delay shorten
support contradict confirm question challenge doubt recommend advise warn caution
interact bind activate block inhibit stimulate modulate regulate alter influence
develop experience suffer tolerate manage treat cure address control monitor
start stop continue switch combine mix replace avoid limit restrict
produce contain deliver provide offer present discuss review study test
lower raise lengthen enhance boost weaken strengthen restore maintain protect
worsen mask mimic reverse counteract amplify dampen prolong curb blunt
evaluate investigate analyse document record track quantify estimate predict detect
identify characterize classify rank rate score label market sell advertise promote
prescribe dispense administer ingest consume swallow brew steep dissolve taper
underestimate overestimate exaggerate downplay question dispute endorse highlight emphasize
outline summarize mention cite reference quote attribute link associate connect
accept achieve acquire adapt add adjust admit adopt allow alter announce anticipate apply
approach argue arrange attach attempt attract avoid balance benefit break bring build
calculate capture carry change check choose clarify collect commit communicate complete
concern conclude conduct construct contribute convince cover create debate decide define
deliver demonstrate deny derive design determine direct discover display distinguish
divide earn enable encourage ensure establish exceed exclude expand expect explore expose
express extend face fail favour feature fill focus follow form gain gather generate grant
handle hold ignore illustrate imply impose indicate inform insist inspect install intend
interpret introduce invest justify keep lack lead learn leave lend list locate maximize
minimize modify move obtain occupy open organize overcome perceive perform permit pick
place plan point possess pursue qualify reach realize receive recognize reduce refer
reflect refuse reject relate release rely remove repeat represent resolve respond reveal
satisfy secure seek select separate serve settle shape share signal solve specify spread
stress submit succeed suit supply survive sustain target tend transfer transform trust
""".split()

_IRREGULAR_VERBS = {  # base: (third person, past, participle, -ing)
    "take": ("takes", "took", "taken", "taking"), "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"), "become": ("becomes", "became", "become", "becoming"),
    "bind": ("binds", "bound", "bound", "binding"), "stop": ("stops", "stopped", "stopped", "stopping"),
    "suffer": ("suffers", "suffered", "suffered", "suffering"),
    "offer": ("offers", "offered", "offered", "offering"),
    "differ": ("differs", "differed", "differed", "differing"),
    "recur": ("recurs", "recurred", "recurred", "recurring"),
    "control": ("controls", "controlled", "controlled", "controlling"),
}

_ADJECTIVES = """
small large high low new recent early late common rare mild severe
significant modest strong weak clear unclear consistent limited available possible
potential likely unlikely important serious chronic acute daily regular occasional
clinical medical scientific traditional natural herbal synthetic pharmaceutical
safe unsafe effective ineffective harmful beneficial positive negative adverse
physical mental emotional psychological social economic legal
long short brief extended prolonged gradual sudden rapid slow steady
restful restless poor good better worse best worst deep light
main primary secondary major minor key central general specific particular
previous current future further additional other similar different same single
randomized controlled observational retrospective prospective cross-sectional systematic
self-reported anecdotal preliminary conclusive robust reliable variable inconsistent
low-dose high-dose moderate heavy frequent infrequent long-term short-term
older younger healthy sick vulnerable pregnant elderly young
independent official local national international online commercial unregulated
nightly weekly monthly annual intermittent persistent recurrent transient temporary permanent
sedative stimulating calming relaxing energizing soothing addictive habit-forming toxic
dependent tolerant resistant sensitive susceptible prone exposed affected untreated treated
measurable noticeable visible subtle dramatic profound marginal negligible substantial
statistical qualitative quantitative empirical theoretical practical experimental
standard typical unusual atypical notable remarkable surprising expected unexpected
reported observed measured estimated predicted assumed suspected confirmed documented
peer-reviewed published unpublished industry-funded small-scale large-scale multicenter
Asian American European Thai Malaysian Indonesian rural urban
able absent absolute abstract academic acceptable accurate active actual adequate
alternative ambitious ancient annual anxious apparent appropriate automatic average aware
basic bitter blind bold brief broad busy careful casual certain cheap civil classic
close cold comfortable comparable competitive complete complex comprehensive concerned
confident conscious conservative constant contemporary conventional correct costly
critical crucial cultural curious dangerous dark dear decent dedicated deep definite
delicate dense desperate detailed difficult digital direct distinct diverse domestic
dominant dry due dynamic eager easy economic efficient elaborate eligible emotional
entire equal essential ethical evident exact excellent exceptional excessive exclusive
existing expensive explicit extensive external extreme fair familiar famous favourable
final fine firm flexible foreign formal former fortunate free fresh friendly full
fundamental generous genuine global grand grateful great gross guilty happy hard hidden
honest huge ideal identical illegal immediate implicit impressive inadequate incomplete
individual inevitable informal initial inner innocent intense intensive interested
internal invisible isolated joint junior just keen known lasting legitimate liberal
likely linear literary live logical loose loud loyal lucky mature meaningful mere
moderate modern moral multiple narrow native necessary neutral nervous normal numerous
objective obvious odd open opposite optimal ordinary organic original overall partial
passive patient peculiar permanent personal plain pleasant political popular powerful
precise pregnant present pretty principal prior private probable productive professional
prominent proper proud pure quiet radical random rational raw ready real reasonable
relative relevant reluctant remarkable remote representative respective responsible
rich rigid rough round routine sacred sharp simple sole solid sophisticated sound
spare special spontaneous stable steep stiff strict structural subsequent successful
sudden sufficient suitable superior sure suspicious sweet tall technical tender thick
thin tight tiny tough tremendous true ultimate unable uncertain unfair unique universal
unknown unlikely unusual upper useful usual valid valuable various vast vital vivid
voluntary warm weekly welcome whole wide wild willing wise wonderful worried worthy
""".split()

_ADVERBS = """
often sometimes usually rarely frequently occasionally generally typically commonly
however moreover therefore nevertheless meanwhile similarly consequently additionally
significantly slightly markedly substantially considerably modestly clearly reportedly
possibly probably likely apparently seemingly arguably potentially presumably
quickly slowly gradually rapidly steadily suddenly eventually initially finally
partly largely mostly mainly primarily partially fully completely entirely barely
nightly daily regularly consistently reliably safely effectively carefully closely
independently separately jointly directly indirectly strongly weakly moderately heavily
""".split()

_SENTENCE_ADVERBS = """
However Moreover Therefore Nevertheless Meanwhile Similarly Consequently Additionally
Importantly Notably Interestingly Unfortunately Overall Historically Clinically
""".split() + ["In contrast", "In addition", "In practice", "In general", "In particular",
               "As a result", "For example", "On the other hand", "At the same time", "To date",
               "So far", "Even so", "In many cases"]
_MODALS = ["may", "might", "can", "could", "would", "should", "appears to", "seems to",
           "tends to", "is likely to", "is thought to"]
_SINGULAR_DETERMINERS = ["the", "the", "the", "a", "a", "this", "that", "each", "any", "no",
                         "their", "its", "our", "every", "one"]
_PLURAL_DETERMINERS = ["the", "the", "some", "many", "most", "such", "several", "these",
                       "those", "their", "our", "no", "few", "all", "other"]
_PREPOSITIONS = ["in", "of", "for", "with", "among", "during", "after", "before", "without",
                 "across", "within", "between", "under", "over", "through", "despite",
                 "following", "compared with", "in response to", "because of"]
_CONJUNCTIONS = ["and", "but", "while", "although", "because", "whereas", "since", "so",
                 "yet", "as", "though", "when", "unless", "if"]
_POPULATIONS = ["adults", "older adults", "young adults", "people with chronic pain",
                "people in opioid withdrawal", "regular kratom users", "first-time users",
                "women", "men", "adolescents", "people with insomnia", "veterans",
                "people with anxiety", "heavy users", "occasional users", "patients in recovery",
                "shift workers", "people taking antidepressants", "not specified"]
_SURNAMES = """
Smith Johnson Nguyen Garcia Chen Kumar Okafor Lindqvist Rossi Tanaka Müller Schmidt
Kowalski Novak Silva Santos Ahmed Hassan Ibrahim Cohen Levi Murphy Kelly Brennan
Grundmann Swogger Prozialeck Veltri Singh Vicknasingam Boyer Henningfield Coe Garcia-Romeu
Larsen Andersen Dubois Lefèvre Moreau Bianchi Romano Kim Park Lee Wang Zhang Liu Ito
""".split()
_JOURNALS = ["Drug and Alcohol Dependence", "Journal of Psychoactive Drugs",
             "Addiction", "Sleep Medicine", "Journal of Ethnopharmacology",
             "Frontiers in Pharmacology", "The American Journal on Addictions",
             "Journal of Clinical Sleep Medicine", "Psychopharmacology",
             "BMC Complementary Medicine and Therapies", "Substance Use & Misuse"]
_UNITS = ["mg", "g", "mg/kg", "grams", "milligrams", "µg"]
_STUDY_NOUNS = ["study", "survey", "trial", "review", "analysis", "cohort study",
                "case series", "case report", "pilot study", "meta-analysis",
                "cross-sectional survey", "online survey", "laboratory study"]
_PEOPLE_NOUNS = ["participants", "users", "respondents", "patients", "adults", "volunteers",
                 "people", "subjects", "veterans", "smokers", "students"]
_TITLE_PATTERNS = [
    "{D} and {D2}: What the Evidence Says",
    "Does {D} Cause {D2}?",
    "{D} for {D2}: Benefits, Risks and Dosage",
    "Can {D} Help with {D2}?",
    "{A} {D}: A Guide to {D2}",
    "The Link Between {D} and {D2}",
    "{D}, {D2} and {D3}: A Review",
    "Understanding {D} {N}",
    "What Users Report About {D} and {D2}",
    "{A} Effects of {D} on {D2}",
]
_HEADINGS = ["Introduction", "Background", "What Is {D}?", "How {D} Affects {D2}",
             "Risks and Side Effects", "What the Research Says", "Dosage and Timing",
             "{D} and {D2}", "Potential Benefits", "Safety Considerations", "Conclusion",
             "Frequently Asked Questions", "The Bottom Line", "Key Takeaways",
             "Withdrawal and Recovery", "Mechanisms of Action", "User Experiences",
             "Limitations of the Evidence", "Legal Status", "Alternatives to {D}"]


def _plural(noun: str) -> str:
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith("sis"):
        return noun[:-3] + "ses"
    return noun + "s"


def _verb_forms(verb: str) -> tuple[str, str, str, str]:
    """(third person singular, past, participle, -ing)."""
    if verb in _IRREGULAR_VERBS:
        return _IRREGULAR_VERBS[verb]
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    return third, past, past, ing


class _Pool:
    """Draws words with a Zipf-like skew: word i is repeated about `top / (i + 1)**0.7` times
    in a flat list, so that one `rng.choice` is one skewed draw (fast)."""

    def __init__(self, words: list[str], top: int = 16):
        unique = list(dict.fromkeys(words))
        self.words = unique
        self.flat = [w for i, w in enumerate(unique)
                     for _ in range(max(1, round(top / (i + 1) ** 0.7)))]


_UNCOUNTABLE = {"evidence", "research", "information", "knowledge", "advice", "guidance",
                "money", "data", "health", "safety", "efficacy", "literature", "physiology",
                "pharmacology", "toxicology", "epidemiology", "psychiatry", "neurology",
                "medicine", "funding", "transparency", "hydration", "digestion", "calm",
                "relaxation", "sleeplessness", "wakefulness", "slumber", "euphoria",
                "confusion", "agitation", "depression", "stress", "breathing", "adherence",
                "compliance", "abstinence", "remission", "follow-up", "weight", "appetite"}
_NOUN_POOL = _Pool(_NOUNS)
_PLURAL_POOL = _Pool(["people"] + [_plural(n) for n in _NOUNS if n not in _UNCOUNTABLE])
_DOMAIN_POOL = _Pool(_DOMAIN_NOUNS, top=24)
_ADJ_POOL = _Pool(_ADJECTIVES)
_ADV_POOL = _Pool(_ADVERBS)
_VERB_BASE = _Pool(_VERBS)
_VERB_FORMS = {v: _verb_forms(v) for v in _VERB_BASE.words}
_VERB_3RD = _Pool([_VERB_FORMS[v][0] for v in _VERB_BASE.words])
_VERB_PAST = _Pool([_VERB_FORMS[v][1] for v in _VERB_BASE.words])
_VERB_ING = _Pool([_VERB_FORMS[v][3] for v in _VERB_BASE.words])


def _article(determiner: str, phrase: str) -> str:
    if determiner == "a" and phrase[0] in "aeiou":
        determiner = "an"
    return f"{determiner} {phrase}"


def vocabulary() -> set[str]:
    """Every word form the generator can produce (lower case, without numbers and names)."""
    words: set[str] = set()
    for pool in (_NOUN_POOL, _PLURAL_POOL, _DOMAIN_POOL, _ADJ_POOL, _ADV_POOL, _VERB_BASE,
                 _VERB_3RD, _VERB_PAST, _VERB_ING):
        words.update(pool.words)
    words.update(_plural(n) for n in _DOMAIN_NOUNS)
    for group in (_MODALS, _SINGULAR_DETERMINERS, _PLURAL_DETERMINERS, _PREPOSITIONS, _CONJUNCTIONS, _POPULATIONS,
                  _STUDY_NOUNS, _PEOPLE_NOUNS, _SENTENCE_ADVERBS):
        for phrase in group:
            words.update(phrase.lower().split())
    return words


# --------------------------------------------------------------------------------------------
# Prose


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.choice = rng.choice
        self.random = rng.random

    # phrases
    def noun_phrase(self) -> tuple[str, bool]:
        """A noun phrase and whether it is plural."""
        c, r = self.choice, self.random()
        if r < 0.22:
            return c(_DOMAIN_POOL.flat), False
        if r < 0.36:
            return _article(c(_SINGULAR_DETERMINERS), c(_NOUN_POOL.flat)), False
        if r < 0.50:
            return _article(c(_SINGULAR_DETERMINERS),
                            f"{c(_ADJ_POOL.flat)} {c(_NOUN_POOL.flat)}"), False
        if r < 0.62:
            return f"{c(_PLURAL_DETERMINERS)} {c(_ADJ_POOL.flat)} {c(_PLURAL_POOL.flat)}", True
        if r < 0.70:
            return f"{c(_ADJ_POOL.flat)} {c(_PLURAL_POOL.flat)}", True
        if r < 0.80:
            return _article(c(_SINGULAR_DETERMINERS),
                            f"{c(_NOUN_POOL.flat)} of {c(_DOMAIN_POOL.flat)}"), False
        if r < 0.90:
            return f"{c(_PLURAL_POOL.flat)} of {c(_ADJ_POOL.flat)} {c(_DOMAIN_POOL.flat)}", True
        return f"{c(_DOMAIN_POOL.flat)} {c(_PLURAL_POOL.flat)}", True

    def verb_phrase(self, plural: bool) -> str:
        c, r = self.choice, self.random()
        if r < 0.35:
            return f"{c(_MODALS)} {c(_VERB_BASE.flat)}"
        if r < 0.60:
            return c(_VERB_BASE.flat) if plural else c(_VERB_3RD.flat)
        if r < 0.80:
            return c(_VERB_PAST.flat)
        if r < 0.90:
            return f"{c(_ADV_POOL.flat)} {c(_VERB_BASE.flat) if plural else c(_VERB_3RD.flat)}"
        return f"{'are' if plural else 'is'} {c(_VERB_ING.flat)}"

    def prep_phrase(self) -> str:
        return f"{self.choice(_PREPOSITIONS)} {self.noun_phrase()[0]}"

    def clause(self) -> str:
        subject, plural = self.noun_phrase()
        text = f"{subject} {self.verb_phrase(plural)} {self.noun_phrase()[0]}"
        r = self.random()
        if r < 0.45:
            text += " " + self.prep_phrase()
        if r < 0.12:
            text += " " + self.prep_phrase()
        return text

    def number(self) -> str:
        r = self.random()
        if r < 0.4:
            return str(self.rng.randint(2, 400))
        if r < 0.7:
            return f"{self.rng.randint(1, 99)}%"
        return f"{self.rng.randint(1, 12) * 5:,}"

    def citation(self) -> str:
        rng = self.rng
        if self.random() < 0.5:
            return f"{self.choice(_SURNAMES)} et al., {rng.randint(1995, 2025)}"
        return f"{self.choice(_SURNAMES)} and {self.choice(_SURNAMES)}, {rng.randint(1995, 2025)}"

    def dose(self) -> str:
        rng = self.rng
        unit = self.choice(_UNITS)
        low = rng.randint(1, 15)
        if self.random() < 0.5:
            return f"{low} {unit}"
        return f"{low}–{low + rng.randint(1, 10)} {unit}"

    # sentences
    def sentence(self) -> str:
        c, r = self.choice, self.random()
        if r < 0.20:
            s = self.clause()
        elif r < 0.32:
            s = f"{c(_SENTENCE_ADVERBS)}, {self.clause()}"
        elif r < 0.44:
            s = f"{self.clause()}, {c(_CONJUNCTIONS)} {self.clause()}"
        elif r < 0.52:
            s = (f"In {_article('a', c(_ADJ_POOL.flat))} {c(_STUDY_NOUNS)} of {self.number()} "
                 f"{c(_PEOPLE_NOUNS)}, {self.clause()}")
        elif r < 0.59:
            s = f"According to {self.citation()}, {self.clause()}"
        elif r < 0.65:
            s = f"At doses of {self.dose()}, {self.clause()}"
        elif r < 0.71:
            s = (f"{c(_DOMAIN_POOL.words[:12]).capitalize()} {c(_MODALS)} {c(_VERB_BASE.flat)} "
                 f"{c(_DOMAIN_POOL.flat)} in {c(_POPULATIONS[:-1])}")
        elif r < 0.76:
            s = f"{self.clause()} ({self.number()} of {c(_PEOPLE_NOUNS)})"
        elif r < 0.80:
            s = f"{self.clause()} ({self.citation()})"
        elif r < 0.85:
            s = f"{self.clause()}; {self.clause()}"
        elif r < 0.90:
            s = f"{self.prep_phrase()}, {self.clause()}"
        elif r < 0.93:
            s = f"{self.clause()}, which {self.verb_phrase(False)} {self.noun_phrase()[0]}"
        elif r < 0.96:
            s = (f"Many {c(_PEOPLE_NOUNS)} say that {c(_DOMAIN_POOL.words[:12])} "
                 f"{c(_VERB_3RD.flat)} their {c(_DOMAIN_POOL.flat)}")
        else:
            word = c(_DOMAIN_POOL.words[:12])
            return f"Does {word} {c(_VERB_BASE.flat)} {self.noun_phrase()[0]}?"
        return s[0].upper() + s[1:] + "."

    def heading(self) -> str:
        return self._fill(self.choice(_HEADINGS))

    def title(self) -> str:
        return self._fill(self.choice(_TITLE_PATTERNS))

    def _fill(self, pattern: str) -> str:
        c = self.choice
        domains = self.rng.sample(_DOMAIN_POOL.words[:30], 3)
        return pattern.format(D=domains[0].capitalize(), D2=domains[1].capitalize(),
                              D3=domains[2].capitalize(), A=c(_ADJ_POOL.words[:60]).capitalize(),
                              N=c(_PLURAL_POOL.words[:60]).capitalize())

    def article(self, size: int) -> str:
        rng, r = self.rng, self.random
        parts = [self.title(), ""]
        length = len(parts[0]) + 2
        paragraph: list[str] = []
        target = rng.randint(2, 9)
        while length < size:
            roll = r()
            if not paragraph and roll < 0.06 and len(parts) > 3:
                line = self.heading()
                parts += [line, ""]
                length += len(line) + 2
                continue
            if not paragraph and roll < 0.10 and len(parts) > 3:
                items = [f"- {self.sentence()}" for _ in range(rng.randint(2, 5))]
                block = "\n".join(items)
                parts += [block, ""]
                length += len(block) + 2
                continue
            sentence = self.sentence()
            paragraph.append(sentence)
            length += len(sentence) + 1
            if len(paragraph) >= target:
                parts += [" ".join(paragraph), ""]
                length += 1
                paragraph, target = [], rng.randint(2, 9)
        if paragraph:
            parts.append(" ".join(paragraph))
        return "\n".join(parts).strip()


def make_texts(n: int, size: int = 10_000, seed: int = 0) -> list[str]:
    """`n` distinct articles of about `size` characters, deterministic from `seed`."""
    texts: list[str] = []
    seen: set[int] = set()
    for number in range(n):
        attempt = 0
        while True:
            rng = random.Random(f"{seed}:{number}:{attempt}")
            text = _Writer(rng).article(size)
            key = hash(text)
            if key not in seen:
                break
            attempt += 1
        seen.add(key)
        texts.append(text)
    return texts


def write_corpus(folder: Path | str, n: int, size: int = 10_000, seed: int = 0) -> list[Path]:
    """Write `n` articles as UTF-8 .txt files into `folder` (created if missing)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, text in enumerate(make_texts(n, size, seed)):
        path = folder / f"doc-{number:05d}.txt"
        path.write_text(text + "\n", encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------
# Reviews

_FIRST = ["Amara", "Ben", "Chiara", "Dmitri", "Esther", "Farid", "Greta", "Hiroshi", "Ines",
          "Jonas", "Kalani", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa",
          "Samir", "Tove"]
_LAST = ["Okafor", "Lindqvist", "Rossi", "Petrov", "Cohen", "Haddad", "Berg", "Sato", "Moreno",
         "Weber", "Kahale", "Ferraro", "Ruiz", "Karimi", "Nyström", "Raman", "Girard", "Alves",
         "Nasser", "Holm"]

_SENTENCE_END = re.compile(r"(?<=[.?!])(?: (?=[A-Z])|\n|$)")
_STANCE_WEIGHTS = (("supports", 0.6), ("qualifies", 0.25), ("contradicts", 0.15))
_CATEGORY = (("risk", 35), ("benefit", 30), ("open_question", 15), ("mechanism", 12),
             ("other", 8))
_CLAIM_STANCE = (("asserts", 50), ("hedges", 40), ("refutes", 10))
_EVIDENCE = (("none", 30), ("anecdote", 20), ("expert_opinion", 20), ("cites_study", 20),
             ("cites_review", 10))
_CERTAINTY = (("high", 10), ("moderate", 25), ("low", 35), ("very_low", 30))
_DOWNGRADES = ("risk_of_bias", "inconsistency", "indirectness", "imprecision",
               "publication_bias")
_DOSE = (("yes", 30), ("no", 15), ("unclear", 55))


def reviewer_names(n: int) -> list[str]:
    """n distinct, deterministic reviewer names ("Amara Okafor", "Ben Lindqvist", ...)."""
    names = []
    for i in range(n):
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i + i // len(_FIRST)) % len(_LAST)]}"
        if i >= len(_FIRST) * len(_LAST):
            name += f" {i}"
        names.append(name)
    return names


def _weighted(rng: random.Random, table) -> str:
    values = [v for v, _ in table]
    weights = [w for _, w in table]
    return rng.choices(values, weights)[0]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a text that make a good quote (40–400 characters)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base, body = line.start(), line.group()
        if body.startswith("- "):
            base, body = base + 2, body[2:]
        if not body.endswith((".", "?", "!")):
            continue  # a title or heading
        start = 0
        for end_match in _SENTENCE_END.finditer(body):
            end = end_match.start()
            if 40 <= end - start <= 400:
                spans.append((base + start, base + end))
            start = end_match.end()
    return spans


def _answers(rng: random.Random, quote: str, *, variant: bool = False) -> dict:
    """Valid claim-form answers about a quoted sentence."""
    words = quote.rstrip(".?!").split()
    if variant and len(words) > 6:  # a second reviewer words the same claim differently
        words = words[: max(6, len(words) - rng.randint(1, 4))]
    statement = " ".join(words[:28])
    statement = statement[0].upper() + statement[1:]
    answers: dict = {"statement": statement, "category": _weighted(rng, _CATEGORY)}
    if rng.random() < 0.9:
        answers["stance"] = _weighted(rng, _CLAIM_STANCE)
    if rng.random() < 0.95:
        evidence = _weighted(rng, _EVIDENCE)
        answers["evidence_cited"] = evidence
        if evidence in ("cites_study", "cites_review") and rng.random() < 0.8:
            answers["citation"] = (f"{rng.choice(_SURNAMES)} et al. {rng.randint(1995, 2025)}, "
                                   f"{rng.choice(_JOURNALS)}")
    if rng.random() < 0.9:
        certainty = _weighted(rng, _CERTAINTY)
        answers["certainty"] = certainty
        if certainty != "high" and rng.random() < 0.85:
            picked = set(rng.sample(_DOWNGRADES, rng.randint(1, 3)))
            answers["downgrade_reasons"] = [d for d in _DOWNGRADES if d in picked]
    if rng.random() < 0.85:
        answers["dose_dependent"] = _weighted(rng, _DOSE)
    if rng.random() < 0.8:
        answers["population"] = rng.choice(_POPULATIONS)
    if rng.random() < 0.3:
        answers["notes"] = _Writer(rng).sentence()
    return answers


class _Documents:
    """The documents of a review with their texts and quotable sentences (computed lazily)."""

    def __init__(self, ids: list[str], texts: list[str]):
        self.ids, self.texts = ids, texts
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def spans(self, index: int) -> list[tuple[int, int]]:
        spans = self._spans.get(index)
        if spans is None:
            spans = self._spans[index] = sentence_spans(self.texts[index]) or [(0, min(
                80, len(self.texts[index])))]
        return spans

    @classmethod
    def from_review(cls, review) -> _Documents:
        rows = review.conn.execute(
            "SELECT d.document_id, c.text FROM documents d JOIN contents c ON c.sha256 = d.sha256 "
            "ORDER BY d.filename, d.document_id").fetchall()
        return cls([r[0] for r in rows], [r[1] for r in rows])


def _add_claims(review, documents: _Documents, names: list[str], claims: int,
                rng: random.Random, *, finding_ids: list[str] | None = None,
                overlap: float = 0.5, linked: float = 0.5) -> list[str]:
    """Write `claims` claims spread over documents and reviewers; returns their ids."""
    from reviewtool.core.review.anchors import anchor_at
    from reviewtool.core.store.changes import Change
    from reviewtool.core.review.claims import CLAIM_FORM, create_claim
    from reviewtool.core.review.findings import link_claim
    from reviewtool.core.forms.in_review import form_in_force

    form = form_in_force(review, CLAIM_FORM)
    per_reviewer = [claims // len(names) + (i < claims % len(names)) for i in range(len(names))]
    stances = [s for s, _ in _STANCE_WEIGHTS]
    stance_weights = [w for _, w in _STANCE_WEIGHTS]
    picked: list[tuple[int, int]] = []  # (document, sentence) other reviewers quoted
    claim_ids: list[str] = []
    for reviewer_index, (name, count) in enumerate(zip(names, per_reviewer)):
        own: list[tuple[int, int]] = []
        done = 0
        while done < count:
            batch = min(CHANGE_RECORDS, count - done)
            with Change(review, name) as change:
                for _ in range(batch):
                    if picked and rng.random() < overlap:
                        doc, sentence = picked[rng.randrange(len(picked))]
                        variant = True
                    else:
                        doc = rng.randrange(len(documents.ids))
                        sentence = rng.randrange(len(documents.spans(doc)))
                        variant = False
                    start, end = documents.spans(doc)[sentence]
                    text = documents.texts[doc]
                    anchor = anchor_at(text, start, end)
                    answers = _answers(rng, text[start:end], variant=variant)
                    claim_id = create_claim(review, change, documents.ids[doc], anchor, answers,
                                            form)
                    if finding_ids and rng.random() < linked:
                        link_claim(change, claim_id, rng.choice(finding_ids),
                                   rng.choices(stances, stance_weights)[0])
                    own.append((doc, sentence))
                    claim_ids.append(claim_id)
            done += batch
        picked.extend(own)
    return claim_ids


def _add_findings(review, name: str, findings: int, rng: random.Random) -> list[str]:
    from reviewtool.core.store.changes import Change
    from reviewtool.core.review.findings import create_finding

    writer = _Writer(rng)
    categories = [c for c, _ in _CATEGORY]
    finding_ids = []
    for start in range(0, findings, CHANGE_RECORDS):
        with Change(review, name) as change:
            for _ in range(min(CHANGE_RECORDS, findings - start)):
                finding_ids.append(create_finding(change, writer.sentence(),
                                                  rng.choice(categories)))
    return finding_ids


def make_review(path: Path | str, documents: int = 1000, claims: int = 10_000,
                reviewers: int = 2, findings: int = 0, seed: int = 0,
                doc_size: int = 10_000, *, verbose: bool = False) -> Path:
    """Create a review file at `path` (which must not exist) and return its path."""
    from reviewtool.core.review.documents import import_paths, text_sha256
    from reviewtool.core.store.ids import document_id
    from reviewtool.core.store.reviewfile import ReviewFile

    path = Path(path)
    names = reviewer_names(max(1, reviewers))
    rng = random.Random(f"review:{seed}")
    clock = time.perf_counter()

    def step(what: str) -> None:
        nonlocal clock
        if verbose:
            now = time.perf_counter()
            print(f"  {what}: {now - clock:.1f} s", file=sys.stderr)
            clock = now

    texts = make_texts(documents, doc_size, seed)
    step(f"{documents} texts generated")
    with new_review(path, title=f"Synthetic review {seed}",
                           question="What do articles claim about kratom and sleep?",
                           reviewer=names[0]) as review:
        with tempfile.TemporaryDirectory(prefix="reviewtool-corpus-") as folder:
            paths = []
            for number, text in enumerate(texts):
                file = Path(folder) / f"doc-{number:05d}.txt"
                file.write_text(text + "\n", encoding="utf-8", newline="\n")
                paths.append(file)
            outcomes = import_paths(review, paths, reviewer=names[0])
        step(f"{documents} documents imported")
        ids = [o.document_id for o in outcomes]
        if any(i is None for i in ids) or any(
                document_id(text_sha256(t)) != i for t, i in zip(texts, ids)):
            docs = _Documents.from_review(review)  # stored text differs from the generated
        else:
            docs = _Documents(ids, texts)
        finding_ids = _add_findings(review, names[0], findings, rng) if findings else None
        _add_claims(review, docs, names, claims, rng, finding_ids=finding_ids)
        step(f"{claims} claims written" + (f", {findings} findings" if findings else ""))
    step("closed")
    return path


def split_into_reviewer_files(base: Path | str, folder: Path | str, reviewers: int,
                              claims_each: int, seed: int = 0,
                              edits_each: int | None = None) -> list[Path]:
    """`reviewers` copies of the review `base` in `folder`, each with its own reviewer's
    `claims_each` new claims and `edits_each` edits (default 2% of claims_each, at least 10)
    of claims already in the base, drawn from a shared pool so that the copies conflict."""
    from reviewtool.core.store.changes import Change
    from reviewtool.core.store.reviewfile import ReviewFile

    base, folder = Path(base), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if edits_each is None:
        edits_each = max(10, claims_each // 50)
    names = reviewer_names(reviewers + 8)[8:]  # not the base's reviewers
    with ReviewFile.open(base, readonly=True) as review:
        shared = [row[0] for row in review.conn.execute(
            "SELECT claim_id FROM claims ORDER BY claim_id")]
    pool = shared[: max(1, min(len(shared), 4 * edits_each))]
    paths = []
    for k, name in enumerate(names):
        rng = random.Random(f"split:{seed}:{k}")
        path = folder / f"reviewer-{k + 1:02d}.review"
        if path.exists():
            raise FileExistsError(f"{path} already exists")
        _copy_database(base, path)
        with ReviewFile.open(path) as review:
            review.set_local("owner", name)
            documents = _Documents.from_review(review)
            _add_claims(review, documents, [name], claims_each, rng, overlap=0.0)
            if pool and edits_each:
                with Change(review, name) as change:
                    for claim_id in rng.sample(pool, min(edits_each, len(pool))):
                        certainty = rng.choice(["moderate", "low", "very_low"])
                        change.set("claim", claim_id, {
                            "certainty": certainty,
                            "notes": f"{name}: rated {certainty} after checking the source."})
        paths.append(path)
    return paths


def _copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of an SQLite file, even if it is open elsewhere in WAL mode."""
    import sqlite3

    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    out = sqlite3.connect(dest)
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode = DELETE")
    finally:
        src.close()
        out.close()


# --------------------------------------------------------------------------------------------

USAGE = """\
usage: python bench/synthetic.py COMMAND ...

  texts N [--size CHARS] [--seed S]            print statistics and the first text
  corpus FOLDER N [--size CHARS] [--seed S]    write N .txt files
  review FILE [--documents N] [--claims M] [--reviewers R] [--findings K]
              [--seed S] [--doc-size CHARS]    create a review file (prints timings)
  split BASE FOLDER --reviewers K --claims-each M [--edits-each E] [--seed S]
                                               reviewer copies of BASE for merging

From Python (other benchmarks):
  sys.path.insert(0, str(Path(__file__).parent))
  from synthetic import make_texts, write_corpus, make_review, split_into_reviewer_files
"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0
    parser = argparse.ArgumentParser(prog="synthetic.py", usage=USAGE)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("texts")
    p.add_argument("n", type=int)
    p.add_argument("--size", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p = commands.add_parser("corpus")
    p.add_argument("folder", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--size", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p = commands.add_parser("review")
    p.add_argument("file", type=Path)
    p.add_argument("--documents", type=int, default=1000)
    p.add_argument("--claims", type=int, default=10_000)
    p.add_argument("--reviewers", type=int, default=2)
    p.add_argument("--findings", type=int, default=0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--doc-size", type=int, default=10_000)
    p = commands.add_parser("split")
    p.add_argument("base", type=Path)
    p.add_argument("folder", type=Path)
    p.add_argument("--reviewers", type=int, required=True)
    p.add_argument("--claims-each", type=int, required=True)
    p.add_argument("--edits-each", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.command == "texts":
        texts = make_texts(args.n, args.size, args.seed)
        elapsed = time.perf_counter() - started
        words = [w.lower() for t in texts for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", t)]
        lengths = [len(s.split()) for t in texts[:50] for s in
                   (t[a:b] for a, b in sentence_spans(t))]
        print(f"{len(texts)} texts, {sum(map(len, texts)):,} characters in {elapsed:.2f} s; "
              f"{len(set(words)):,} distinct words of {len(words):,}; sentence length "
              f"{min(lengths)}–{max(lengths)} words (mean {sum(lengths) / len(lengths):.1f}, "
              f"sd {_sd(lengths):.1f})")
        print()
        print(texts[0] if texts else "")
    elif args.command == "corpus":
        paths = write_corpus(args.folder, args.n, args.size, args.seed)
        print(f"{len(paths)} files in {args.folder} ({time.perf_counter() - started:.1f} s)")
    elif args.command == "review":
        make_review(args.file, args.documents, args.claims, args.reviewers, args.findings,
                    args.seed, args.doc_size, verbose=True)
        print(f"{args.file}: {args.documents} documents, {args.claims} claims, "
              f"{args.reviewers} reviewers, {args.findings} findings in "
              f"{time.perf_counter() - started:.1f} s "
              f"({args.file.stat().st_size / 1e6:.0f} MB)")
    elif args.command == "split":
        paths = split_into_reviewer_files(args.base, args.folder, args.reviewers,
                                          args.claims_each, args.seed, args.edits_each)
        print(f"{len(paths)} reviewer files in {args.folder} "
              f"({time.perf_counter() - started:.1f} s)")
    return 0


def _sd(values: list[int]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


if __name__ == "__main__":
    sys.exit(main())
