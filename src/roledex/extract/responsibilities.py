"""Responsibility statements -> normalized verb-object phrases grouped by theme.

Role profiles show "the most characteristic responsibility statements of each role, as phrases grouped by
theme, with the share of postings that state them". Shares need phrases that collide across postings, so
"Design, build and maintain scalable data pipelines using Spark" becomes ("design data pipeline",
"build data pipeline", "maintain data pipeline"), all in theme data-pipelines.

How a statement is read (a lexicon and a few rules, no model: one pass of set and dict look-ups):

1. Clean: markdown marks, a leading "Label:" and a subject prefix ("You will be responsible for ...") go;
   multiword terms become one unit ("machine learning" -> ml, "large language models" -> llms, "a/b tests",
   "deep learning", "data scientists") so that heads are not split.
2. The statement must open with a verb of the lexicon (~200 lemmas, any inflection; British spellings and
   synonyms fold: analyse -> analyze, utilise/leverage -> use, spearhead -> lead, productionize -> deploy).
   Statements that do not ("Experience with Spark", "Strong communication skills") give nothing: in a
   responsibilities section such bullets are requirements or headings, and a noun-phrase fallback filled
   the top lists with noise. Nominal openings with "of" count ("Design and development of X").
3. Coordinated verbs share the object ("design, build and maintain X"; at most 3 verbs). A light verb with
   a nominalization takes the nominalized verb ("lead the development of X" -> develop X).
4. The object: fillers (determiners, "scalable", "robust", "end-to-end", participles, numbers) are skipped;
   content tokens run to a preposition, conjunction, punctuation, relative word, or past a plural noun (the
   head); the last two units are kept and the head is singularized. An empty object before a preposition
   takes it ("collaborate with product team", "contribute to roadmap"); a pronoun reuses the previous
   object ("build models and deploy them to production" -> deploy model to production).
5. Later clauses: "to <verb>", "and/,/; <verb>" when the verb has the inflection of the opening one (so
   "build dashboards and reports" is not read as the verb "report"), "by/while <verb>ing". At most 4
   phrases a statement; each phrase once per posting. "use", "help", "be", "join" give no phrase of their
   own (tools belong to the skills section) but their later clauses do.

Theme rules (the first that applies wins):

| step | rule | examples |
|---|---|---|
| 1 | head is a person or team | lead/mentor/hire/grow/build/manage ... -> leadership; any other verb -> collaboration |
| 2 | strong verb | train, fine-tune -> model-development; deploy, monitor -> deployment-mlops; ingest, orchestrate -> data-pipelines; research, publish, experiment, stay current -> research; visualize, forecast -> analysis-insight; collaborate, partner, communicate, present, liaise, translate -> collaboration; mentor, coach, hire, recruit -> leadership; document, debug, refactor, troubleshoot -> engineering-quality; prompt -> genai-applications |
| 3 | two-word object term | data model, data platform, data quality -> data-pipelines; ml pipeline, ml platform -> deployment-mlops; feature engineering -> model-development; production code -> engineering-quality; business requirement -> product-business |
| 4 | specific object term, in this theme order | genai (llm, rag, agent, embedding, prompt), leadership (roadmap, strategy, vision, culture), research (paper, experiment, novel, poc), analysis (dashboard, insight, metric, kpi, a/b test, sql), deployment (production, inference, infrastructure, platform, ci/cd, cloud), data (pipeline, etl, warehouse, schema, dbt, spark), model (model, algorithm, ml, ranking, nlp), collaboration (stakeholder, feedback), product (requirement, use case), quality (code, test, documentation, best practice, security) |
| 5 | weak verb | analyze, report, query, measure -> analysis-insight; scale, operate, serve, ship -> deployment-mlops; clean, migrate, collect, label -> data-pipelines; evaluate, prototype, explore, benchmark -> research; lead, manage, oversee, guide, foster -> leadership; coordinate, consult, engage, work with -> collaboration; test, review, write, validate, fix -> engineering-quality |
| 6 | generic object term | product, customer, client, business, user, revenue, feature, solution -> product-business; data, dataset -> data-pipelines; quality, reliability, process -> engineering-quality |
| 7 | otherwise | other |
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

THEMES: dict[str, str] = {
    "model-development": "Build and train models",
    "deployment-mlops": "Deploy and operate ML systems",
    "data-pipelines": "Build data pipelines and platforms",
    "research": "Research, experiment and publish",
    "analysis-insight": "Analyze data and report insights",
    "genai-applications": "Build LLM and generative AI applications",
    "collaboration": "Collaborate and communicate",
    "leadership": "Lead, mentor and set direction",
    "product-business": "Shape products and serve the business",
    "engineering-quality": "Test, review and document",
    "other": "Other responsibilities",
}

MAX_PHRASES_PER_STATEMENT = 4
_MAX_GROUP_VERBS = 3
_MAX_WORDS = 5


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _mapping(text: str) -> dict[str, str]:
    """ "a=b; c d=e" -> {"a": "b", "c d": "e"}: lexicon tables kept compact and readable."""
    return dict(pair.strip().split("=", 1) for pair in text.split(";"))


# ---------------------------------------------------------------------------------------------------------
# Verbs: "lemma" or "surface>lemma" (a synonym or spelling folded into another lemma).

_VERBS = """
accelerate act adapt address adhere administer adopt advance advise advocate aggregate align analyze annotate apply
architect articulate assemble assess assist audit author automate benchmark brainstorm bring build calculate
capture centralize champion classify clean cluster co-author coach code collaborate collect communicate
compare complete compute conceptualize conduct configure connect consolidate construct consult containerize
contribute convert coordinate craft create curate cultivate customize debug define deliver demo demonstrate deploy
derive design detect develop devise diagnose direct discover discuss document draft drive educate elicit
embed empower enable engage enhance ensure establish estimate evaluate evangelize evolve examine
execute expand experiment explain explore extend extract facilitate find fine-tune fix forecast formulate
foster gather generate govern grow guide handle help hire host identify ideate implement improve increase
influence inform ingest innovate inspire instrument integrate interact interpret interview introduce invent
investigate iterate join justify label launch lead learn liaise maintain manage manipulate map maximize measure mentor
migrate mine minimize model modernize monitor motivate negotiate nurture onboard operate optimize orchestrate
organize oversee own participate partner perform pilot pioneer pitch plan predict prepare preprocess present
pretrain prioritize process produce program promote prompt propose prototype provide provision publish
quantify query rank recommend recruit reduce refactor refine release report represent research resolve
respond retrain retrieve review run scale schedule scope script secure segment select serve set shape share
ship showcase simplify simulate solve specify standardize stay_current store streamline structure study
summarize supervise support surface synthesize teach test track train transform translate triage
troubleshoot tune uncover understand unify update upgrade use validate verify visualize work wrangle write
spearhead>lead utilize>use leverage>use productionize>deploy operationalize>deploy analyse>analyze
finetune>fine-tune
"""
_IRREGULAR = _mapping(  # lemma=past/participle
    "build=built/built; write=wrote/written; lead=led/led; drive=drove/driven; run=ran/run; "
    "grow=grew/grown; bring=brought/brought; teach=taught/taught; set=set/set; "
    "understand=understood/understood; find=found/found; oversee=oversaw/overseen"
)
_DOUBLING = _words("plan ship set run map program")  # planning, shipped
_EL_VERBS = _words("model label")  # modeling and modelling

_SILENT_VERBS = _words("use help be act join play take")
_AS_SKIP = _words("act serve become")  # "serve as the liaison" is a role, not a task
_PHRASAL_LEMMAS = _mapping(  # verb particle=lemma
    "set up=set up; roll out=roll out; build out=build; scale up=scale; clean up=clean; spin up=set up; "
    "carry out=conduct; figure out=identify; break down=break down; reach out=reach out; write up=write"
)
_PHRASAL = {tuple(key.split()): lemma for key, lemma in _PHRASAL_LEMMAS.items()}
# Nominalizations read as their verb when followed by "of" ("the design and development of X").
_NOMINAL = _mapping(
    "design=design; development=develop; implementation=implement; deployment=deploy; creation=create; "
    "building=build; construction=build; maintenance=maintain; analysis=analyze; evaluation=evaluate; "
    "optimization=optimize; integration=integrate; migration=migrate; testing=test; "
    "documentation=document; delivery=deliver; execution=execute; adoption=adopt; automation=automate; "
    "management=manage; improvement=improve; definition=define; review=review; training=train; "
    "establishment=establish; monitoring=monitor; validation=validate; research=research; "
    "productionization=deploy; launch=launch; preparation=prepare; collection=collect; curation=curate; "
    "modeling=model; modelling=model; visualization=visualize; scaling=scale; planning=plan; "
    "prototyping=prototype; refinement=refine; enhancement=enhance; expansion=expand; evolution=evolve; "
    "selection=select; investigation=investigate; exploration=explore; assessment=assess; "
    "identification=identify; measurement=measure; tuning=tune; fine-tuning=fine-tune; "
    "coordination=coordinate; creating=create; developing=develop; designing=design"
)
_NOUN_VERBS = _words(
    "model test process report design research review plan experiment document map query track"
)
_LIGHT_VERBS = _words("lead drive own oversee support contribute participate assist help manage execute")

# ---------------------------------------------------------------------------------------------------------
# Object vocabulary.

_FILLERS = _words(
    "the a an our their your its his her this these those all any each every some such various multiple "
    "several many new existing key core robust scalable reliable efficient effective complex innovative "
    "large-scale end-to-end modern advanced critical relevant appropriate necessary next-generation "
    "performant highly well accurate impactful meaningful actionable valuable clear concise timely "
    "comprehensive detailed proper successful optimal maintainable reusable sophisticated powerful diverse "
    "different latest current future additional other both same own overall entire full whole specific "
    "important major primary simple small big large fast first-class great strong solid excellent exceptional "
    "ambitious exciting challenging interesting production-grade production-ready resilient flexible seamless "
    "smooth long-term short-term day-to-day ongoing continuous regular frequent rigorous thorough deep broad "
    "in-depth clean"
)
_FILLER_PREFIXES = ("well-", "high-", "highly-", "best-", "world-", "cutting-", "state-", "top-")
_PRONOUNS = _words("it them they")
_PEOPLE = _words(
    "team engineer scientist analyst member staff people talent others colleague peer junior intern hire "
    "leader manager researcher developer individual contributor employee direct_report data_scientist "
    "data_engineer product_manager software_engineer group organization org coworker"
)
_REQUIREMENT_NOUNS = _words(
    "experience background skill degree knowledge expertise proficiency familiarity ability understanding fluency "
    "passion interest commitment track_record duty duties responsibility"
)
_CONJ = frozenset(("and", "or", "&", "/", ",", "and/or"))
_STOP = _CONJ | _words(
    "using with to for in into across from on at by via through within throughout over under between among is "
    "are was were be been will can should must may might has have had yourself themselves ourselves itself "
    "together against around as of per including include includes such like leveraging utilizing based "
    "powered that which who whom whose where when while so because whether if but ; : ( ) ! ? . etc e.g i.e "
    "ensuring enabling allowing helping driving supporting resulting leading according than then not without "
    "toward towards beyond after before during alongside along"
)
_PREPOSITIONS = frozenset(
    ("with", "to", "on", "in", "into", "across", "around", "about", "alongside", "between")
)
_CLAUSE_JOIN = frozenset(("and", ",", ";", "&", "then", "also", "as", "well", "and/or", ":"))
_ING_JOIN = frozenset(("by", "while", "through", "when"))
_HELP_WORDS = frozenset(("help", "helps", "helping", "us", "work", "working"))
_HELP_VERBS = frozenset(("help", "helps", "helping"))
_HELP_OPENERS = frozenset(("help", "helps", "helping", "work", "working", "strive", "aim"))
_PARTITIVE = _words(
    "suite suites set sets range variety number portfolio library collection series family kind kinds type "
    "types generation array host fleet aspect aspects part parts piece pieces lifecycle life-cycle amount "
    "amounts volume volumes quantity quantities lot lots wealth thousands hundreds millions billions dozens"
)
_TREND = _words(
    "advancement advance development trend innovation progress breakthrough technique technology research"
)
_TREND_PREPS = frozenset(("in", "of", "within", "across"))
_PLURAL_MODIFIERS = frozenset(("ads", "sales", "operations", "jobs", "users", "customers", "systems"))
_TO_PRODUCTION_VERBS = _words("deploy ship release move push bring put launch transition promote") | {
    "roll out"
}

# ---------------------------------------------------------------------------------------------------------
# Themes. Object terms are matched on units (underscores join multiword units; the head is singular).

_STRONG_VERBS = {
    "model-development": "train fine-tune pretrain retrain",
    "deployment-mlops": "deploy monitor containerize provision instrument",
    "data-pipelines": "ingest orchestrate wrangle",
    "research": "research publish experiment invent pioneer co-author stay_current",
    "analysis-insight": "visualize forecast quantify query",
    "collaboration": "collaborate partner communicate present liaise interact translate reach_out showcase",
    "leadership": "mentor coach hire recruit onboard supervise interview inspire motivate nurture empower",
    "engineering-quality": "document debug refactor troubleshoot audit",
    "genai-applications": "prompt",
}
_WEAK_VERBS = {
    "analysis-insight": "analyze report measure interpret uncover segment mine estimate summarize examine "
    "calculate",
    "deployment-mlops": "scale operate serve host configure administer upgrade ship release roll_out set_up",
    "data-pipelines": "clean migrate collect extract transform preprocess label annotate curate aggregate store "
    "consolidate",
    "research": "evaluate prototype explore investigate benchmark study innovate advance learn pilot ideate "
    "brainstorm",
    "model-development": "tune model predict classify rank",
    "leadership": "lead manage oversee direct guide champion foster cultivate evangelize advocate teach educate "
    "set influence grow",
    "collaboration": "coordinate consult engage align explain advise inform share facilitate work_with discuss "
    "articulate demo represent respond",
    "product-business": "negotiate pitch elicit",
    "engineering-quality": "test review write validate verify fix resolve triage secure adhere code program "
    "standardize diagnose govern",
}
_LEADS_PEOPLE = _words(
    "lead mentor coach hire recruit onboard manage grow build train develop guide supervise direct oversee "
    "scale inspire motivate empower nurture teach educate interview assemble champion foster cultivate"
)
_THEME_ORDER = (
    "genai-applications",
    "leadership",
    "research",
    "analysis-insight",
    "data-pipelines",
    "deployment-mlops",
    "model-development",
    "collaboration",
    "product-business",
    "engineering-quality",
)
_BIGRAM_TERMS = {
    "data-pipelines": "data.model data.platform data.infrastructure data.architecture data.quality "
    "data.governance data.flow data.source data.product data.validation training.data",
    "model-development": "feature.engineering feature.store training.pipeline search.ranking",
    "deployment-mlops": "ml.pipeline ml.platform ml.infrastructure ml.system inference.pipeline serving.pipeline "
    "deployment.pipeline ci/cd.pipeline",
    "engineering-quality": "production.code test.coverage best.practice code.review technical.debt unit.test",
    "analysis-insight": "business.intelligence key.indicator performance.indicator",
    "product-business": "product.feature product.requirement business.requirement customer.need use.case",
    "leadership": "technical.direction technical.vision",
    "genai-applications": "ai.agent ai.application ai.feature ai.assistant",
}
_SPECIFIC_TERMS = {
    "genai-applications": "llm rag prompt agent agentic generative genai chatbot embedding vector_database "
    "copilot assistant foundation_model language_model gpt langchain conversational chat retrieval",
    "leadership": "roadmap strategy vision direction culture hiring mentorship mentoring initiative leadership "
    "guidance",
    "research": "paper publication research experiment hypothesis novel literature conference patent "
    "proof-of-concept poc scientific frontier breakthrough prototype benchmark",
    "analysis-insight": "data_analytics a/b_test a/b_testing insight dashboard report reporting metric kpi visualization "
    "forecast forecasting recommendation analysis analytic analytics trend statistical statistic query sql segmentation "
    "causal attribution finding survey bi looker tableau power_bi experimentation",
    "deployment-mlops": "production serving inference deployment mlops ci/cd infrastructure platform latency "
    "throughput monitoring observability kubernetes docker container cloud aws gcp azure gpu cluster "
    "scalability uptime sla devops microservice service",
    "data-pipelines": "data_quality data_platform data_governance data_engineering pipeline etl elt ingestion warehouse lake lakehouse schema dbt airflow spark kafka "
    "streaming database table snowflake databricks bigquery lineage catalog",
    "model-development": "model algorithm ml deep_learning neural_network classifier recommender "
    "recommendation_system ranking personalization computer_vision nlp prediction predictive reinforcement_learning "
    "transformer training fine-tuning ai detection classification representation",
    "collaboration": "stakeholder cross-functional partnership communication relationship feedback alignment",
    "product-business": "requirement use_case go-to-market",
    "engineering-quality": "code code_review documentation best_practice unit_test test testing bug incident "
    "technical_debt security compliance privacy standard",
}
_GENERIC_TERMS = {
    "product-business": "product customer client business user revenue growth market pricing sale sales "
    "feature solution value",
    "data-pipelines": "data dataset",
    "engineering-quality": "quality reliability process",
}


def _term_table(groups: dict[str, str], joiner: str = "") -> dict[str, str]:
    """term -> theme; where a term is listed under two themes the earlier theme of _THEME_ORDER wins."""
    table: dict[str, str] = {}
    for theme in reversed(_THEME_ORDER):
        for term in groups.get(theme, "").split():
            table[term.replace(".", joiner) if joiner else term] = theme
    return table


_STRONG = {verb.replace("_", " "): theme for verb, theme in _term_table(_STRONG_VERBS).items()}
_WEAK = {verb.replace("_", " "): theme for verb, theme in _term_table(_WEAK_VERBS).items()}
_BIGRAMS = _term_table(_BIGRAM_TERMS, " ")
_SPECIFIC = _term_table(_SPECIFIC_TERMS)
_GENERIC = _term_table(_GENERIC_TERMS)
_THEME_RANK = {theme: rank for rank, theme in enumerate(_THEME_ORDER)}


def _theme(verb: str, units: list[str]) -> str:
    """The theme of one phrase by the rules of the module docstring."""
    head = units[-1]
    if head in _PEOPLE:
        return "leadership" if verb in _LEADS_PEOPLE else "collaboration"
    theme = _STRONG.get(verb)
    if theme:
        return theme
    if len(units) == 2:
        theme = _BIGRAMS.get(f"{units[0]} {head}")
        if theme:
            return theme
    best = ""
    for unit in units:
        theme = _SPECIFIC.get(unit)
        if theme and (not best or _THEME_RANK[theme] < _THEME_RANK[best]):
            best = theme
    if best:
        return best
    theme = _WEAK.get(verb)
    if theme:
        return theme
    for unit in units:
        theme = _GENERIC.get(unit)
        if theme:
            return theme
    return "other"


# ---------------------------------------------------------------------------------------------------------
# Inflections and singulars.


def _inflections(lemma: str) -> dict[str, str]:
    """surface -> form ("base", "s", "ing", "ed") of one verb, US and British spellings."""
    if lemma == "stay_current":
        return {
            "stay_current": "base",
            "stays_current": "s",
            "staying_current": "ing",
            "stayed_current": "ed",
        }
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    stem = lemma
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        stem = lemma[:-1]
    elif lemma in _DOUBLING:
        stem = lemma + lemma[-1]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = lemma[:-1] + "ied"
    elif lemma.endswith("e"):
        past = lemma + "d"
    else:
        past = stem + "ed"
    forms = {lemma: "base", third: "s", stem + "ing": "ing"}
    if lemma in _IRREGULAR:
        for surface in _IRREGULAR[lemma].split("/"):
            forms.setdefault(surface, "ed")
    else:
        forms[past] = "ed"
    if lemma in _EL_VERBS:
        forms.update({lemma + "ling": "ing", lemma + "led": "ed"})
    if lemma.endswith(("ize", "yze")):  # optimise, analyse
        for surface, form in list(forms.items()):
            forms.setdefault(surface.replace("iz", "is").replace("yz", "ys"), form)
    return forms


def _verb_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for entry in _VERBS.split():
        surface_lemma, _, canonical = entry.partition(">")
        lemma = (canonical or surface_lemma).replace("_", " ")
        for surface, form in _inflections(surface_lemma).items():
            table.setdefault(surface, (lemma, form))
    return table


_VERB_FORMS = _verb_table()
_VERB_SURFACES = frozenset(_VERB_FORMS)
# words in -ly that are not adverbs ("continuously improve" skips the adverb; "family planning" is no verb)
_NOT_ADVERBS = _VERB_SURFACES | _words(
    "family supply assembly anomaly anomalies italy july ally rally reply monopoly poly fly rely comply "
    "multiply early only daily weekly monthly quarterly yearly friendly"
)

_NO_SINGULAR = _words("""data analytics business kubernetes aws gcs ops mlops devops dataops llmops sales news series species
    statistics economics physics mathematics robotics genomics graphics logistics ethics dynamics semantics
    linguistics informatics bioinformatics mechanics operations others ads windows ios pandas sas redis
    postgres express status corpus campus focus consensus bias basis analysis diagnosis hypothesis synthesis
    thesis kudos""")
_IRREGULAR_PLURAL = _mapping(
    "analyses=analysis; hypotheses=hypothesis; diagnoses=diagnosis; criteria=criterion; indices=index; "
    "matrices=matrix; caches=cache; gpus=gpu; cpus=cpu; tpus=tpu; apis=api; kpis=kpi; llms=llm; sdks=sdk; "
    "slas=sla; etls=etl; proof-of-concepts=proof-of-concept; databases=database; releases=release; "
    "responses=response; courses=course; cases=case; bases=base; use_cases=use_case; "
    "direct_reports=direct_report"
)


def _singular(word: str) -> str:
    """Crude singular of a head noun: pipelines -> pipeline, analyses -> analysis; data stays data."""
    if word[-1] != "s" or len(word) <= 3 or word in _NO_SINGULAR:
        return word
    irregular = _IRREGULAR_PLURAL.get(word)
    if irregular:
        return irregular
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


# ---------------------------------------------------------------------------------------------------------
# Tokens. Each token has a kind, looked up once: known words from the tables, other words on first sight.

_CONTENT, _PLURAL, _FILLER, _PRONOUN, _STOPWORD = range(5)


def _kind_table() -> dict[str, int]:
    kinds = {surface: _FILLER for surface, (_, form) in _VERB_FORMS.items() if form == "ed"}  # "deployed"
    kinds.update(dict.fromkeys(_FILLERS, _FILLER))
    kinds.update(dict.fromkeys(_PRONOUNS, _PRONOUN))
    kinds.update(dict.fromkeys(_STOP, _STOPWORD))
    return kinds


_KINDS = _kind_table()
_KNOWN_KINDS = len(_KINDS)
_KIND_CACHE_LIMIT = 100_000  # words seen in postings; bounded so a long run cannot grow it without end


def _kind(tok: str) -> int:
    kind = _KINDS.get(tok)
    if kind is not None:
        return kind
    if not tok or tok[0].isdigit() or tok[-2:] in ("'s", "s'") or tok.startswith(_FILLER_PREFIXES):
        kind = _FILLER
    elif tok[-1] == "s" and tok not in _PLURAL_MODIFIERS and _singular(tok) != tok:
        kind = _PLURAL
    else:
        kind = _CONTENT
    if len(_KINDS) < _KIND_CACHE_LIMIT + _KNOWN_KINDS:
        _KINDS[tok] = kind
    return kind


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# (character, replacement): punctuation becomes its own token, markup goes
_SPACING = (*((char, f" {char} ") for char in ",;:()!?"), ("|", " , "), *((char, " ") for char in '*`_"[]'))
_SPACING_NON_ASCII = (("–", " , "), ("—", " , "), ("’", "'"), *((char, " ") for char in "“”•·\xa0"))
# Multiword terms folded into one token before parsing, where the words alone would split a head ("machine
# learning models") or hide a verb ("take ownership of"). Two-word nouns that parse well as they are ("data
# scientists", "best practices", "code reviews", "use cases") are matched later as two-word theme terms.
_PHRASES = _mapping(
    "code reviews=code_review; code review=code_review; machine learning=ml; machine-learning=ml; artificial intelligence=ai; large language models=llms; large "
    "language model=llm; large-language models=llms; natural language processing=nlp; deep "
    "learning=deep_learning; computer vision=computer_vision; reinforcement learning=reinforcement_learning; "
    "neural networks=neural_network; neural network=neural_network; language models=language_model; language "
    "model=language_model; foundation models=foundation_model; foundation model=foundation_model; direct "
    "reports=direct_report; real time=real-time; end to end=end-to-end; state of the art=state-of-the-art; "
    "cross functional=cross-functional; unit tests=unit_test; proof of concepts=proof-of-concept; proofs of "
    "concept=proof-of-concept; proof of concept=proof-of-concept; generative ai=genai; gen ai=genai; go to "
    "market=go-to-market; vector databases=vector_database; vector database=vector_database; life "
    "cycle=lifecycle; retrieval augmented generation=rag; retrieval-augmented generation=rag; a/b "
    "tests=a/b_test; a/b test=a/b_test; a/b testing=a/b_testing; ab tests=a/b_test; ab testing=a/b_testing; "
    "a/b experiments=a/b_test; fine tune=fine-tune; fine tuning=fine-tuning; fine tuned=fine-tuned; fine "
    "tunes=fine-tunes; take ownership of=own; taking ownership of=owning; take ownership for=own; make "
    "sure=ensure; keep track of=track; come up with=devise; take part in=participate in; take the lead "
    "on=lead; take the lead in=lead; deep dive into=analyze; dive deep into=analyze; dive into=analyze; dig "
    "into=analyze; keep up with=stay_current with; keeping up with=staying_current with; track "
    "record=track_record; programming languages=programming_language; programming "
    "language=programming_language; recommendation systems=recommendation_system; recommendation "
    "system=recommendation_system; recommender systems=recommendation_system; recommendation "
    "engines=recommendation_system; recommendation engine=recommendation_system"
)
# "stay up to date with", "keeping abreast of", "remain current on" ... -> the verb "stay current" + with
_STAY_STATES = (
    "up-to-date",
    "up to date",
    "current",
    "abreast",
    "informed",
    "on top",
    "at the forefront",
    "updated",
)
for _surface in ("stay", "stays", "staying", "keep", "keeping", "remain", "remaining"):
    for _state in _STAY_STATES:
        for _prep in (" with", " on", " of", " about", " in", ""):
            _lemma = "staying" if _surface.endswith("ing") else "stay"
            _PHRASES[f"{_surface} {_state}{_prep}"] = f"{_lemma}_current with"


def _phrase_index(phrases: dict[str, str]) -> dict[str, tuple[tuple[tuple[str, ...], list[str]], ...]]:
    """first word -> ((the other words, replacement tokens), ...), longest first."""
    index: dict[str, list[tuple[tuple[str, ...], list[str]]]] = {}
    for phrase, replacement in phrases.items():
        first, *rest = phrase.split()
        index.setdefault(first, []).append((tuple(rest), replacement.split()))
    return {first: tuple(sorted(v, key=lambda item: -len(item[0]))) for first, v in index.items()}


_PHRASE_INDEX = _phrase_index(_PHRASES)
_PHRASE_FIRST = frozenset(_PHRASE_INDEX)
_KEEP_SLASH = frozenset(("ci/cd", "a/b", "ai/ml", "ml/ai", "tcp/ip", "and/or", "24/7"))
_LEADING_MARKS = frozenset(("-", "--", "+", ">", "#", "##", "###", ",", ".", "(", ")", "o", "&", ":"))
_OPENERS = frozenset(("in", "as", "additionally", "together", "day-to-day", "daily"))
_SUBJECT_WORDS = _words("""you you'll we'll will would also then be responsible accountable primarily mainly directly fully for
    tasked with expected to asked able required involved in charge of charged are going can expect get""")


def _positions(raw: list[str], words: frozenset[str]) -> list[int]:
    """Indexes of `words` in `raw`, ascending (list.index runs in C; the words are few)."""
    found: list[int] = []
    for word in words:
        k = -1
        for _ in range(raw.count(word)):
            k = raw.index(word, k + 1)
            found.append(k)
    found.sort()
    return found


def _fold(raw: list[str], firsts: frozenset[str], slashes: bool) -> list[str]:
    """Fold multiword terms into one token and split "design/improve" into two verbs."""
    if slashes:
        firsts = firsts | {tok for tok in raw if "/" in tok}
    tokens: list[str] = []
    last = 0
    for k in _positions(raw, firsts):
        if k < last:
            continue
        tok = raw[k]
        hits = _PHRASE_INDEX.get(tok)
        if hits is not None:
            for rest, replacement in hits:
                if tuple(raw[k + 1 : k + 1 + len(rest)]) == rest:
                    tokens += raw[last:k]
                    tokens += replacement
                    last = k + 1 + len(rest)
                    break
        elif tok not in _KEEP_SLASH and tok.split("/", 1)[0] in _VERB_FORMS:
            tokens += raw[last:k]
            for part in tok.split("/"):
                tokens += (part, "/")
            tokens.pop()
            last = k + 1
    if not last:
        return raw
    tokens += raw[last:]
    return tokens


def _drop_asides(tokens: list[str]) -> list[str]:
    """Drop short asides in parentheses: "large (PB-scale) volumes", "the (dbt) roadmap", "(Gen) AI"."""
    out: list[str] = []
    k, n = 0, len(tokens)
    while k < n:
        tok = tokens[k]
        if tok == "(" and ")" in tokens[k + 1 : k + 6]:
            k = tokens.index(")", k + 1) + 1
            continue
        out.append(tok)
        k += 1
    return out


def _tokens(statement: str) -> list[str]:
    """Lower-case word and punctuation tokens, multiword terms folded, label and subject prefix dropped."""
    if "](" in statement:
        statement = _LINK.sub(r"\1", statement)
    text = statement[:400].lower()
    for char, spaced in _SPACING if text.isascii() else _SPACING + _SPACING_NON_ASCII:
        if char in text:
            text = text.replace(char, spaced)
    if "." in text:
        text = (text + " ").replace(". ", " . ")  # sentence ends; node.js and e.g stay whole
    raw = text.split()
    firsts = _PHRASE_FIRST.intersection(raw)
    slashes = "/" in text
    tokens = _fold(raw, firsts, slashes) if firsts or slashes else raw
    if "(" in text:
        tokens = _drop_asides(tokens)
    start, n = 0, len(tokens)
    while start < n and (tokens[start] in _LEADING_MARKS or tokens[start][0].isdigit()):
        start += 1
    if ":" in tokens[start : start + 7]:  # "Collaboration: Work with ...", "Model Development: Oversee ..."
        colon = tokens.index(":", start)
        after = tokens[colon + 1] if colon + 1 < n else ""
        if tokens[start] not in _VERB_FORMS or after in _VERB_FORMS or after in _SUBJECT_WORDS:
            start = colon + 1
    if start < n and tokens[start] in _OPENERS and "," in tokens[start : start + 8]:
        start = tokens.index(",", start) + 1  # "In this role, ..."
    while start < n and tokens[start] in _SUBJECT_WORDS:  # "you will be responsible for ..."
        start += 1
    return tokens[start:] if start else tokens


# ---------------------------------------------------------------------------------------------------------
# Clauses.


def _verb_group(tokens: list[str], i: int, form: str | None) -> tuple[list[str], str, int] | None:
    """Coordinated verbs at i: "design, build and maintain" -> ([design, build, maintain], form, next)."""
    n = len(tokens)
    lemmas: list[str] = []
    while True:
        while i < n and tokens[i][-2:] == "ly" and tokens[i] not in _NOT_ADVERBS:
            i += 1  # adverbs: "continuously improve"
        hit = _VERB_FORMS.get(tokens[i]) if i < n else None
        if hit is None or (form is not None and hit[1] != form):
            break
        lemma, form = hit
        i += 1
        if i < n:
            phrasal = _PHRASAL.get((lemma, tokens[i]))
            if phrasal is not None:
                lemma, i = phrasal, i + 1
            elif lemma == "set" and tokens[i] == "of":
                break  # "a set of tools"
        if len(lemmas) < _MAX_GROUP_VERBS and lemma not in lemmas:
            lemmas.append(lemma)
        if i + 1 < n and tokens[i] in _PREPOSITIONS and tokens[i + 1] in _CONJ:
            i += 1  # "develop, report on, and analyze X"
        end = i
        while i < n and tokens[i] in _CONJ:
            i += 1
        if i == end:
            break
    if not lemmas or form is None:
        return None
    return lemmas, form, end


def _object(tokens: list[str], i: int) -> tuple[list[str], int, bool]:
    """Object units at i (head last, at most 2), the index after them, and whether it was a pronoun."""
    n = len(tokens)
    units: list[str] = []
    plural = False  # the last unit is a plural noun, which closes the noun phrase
    while i < n:
        tok = tokens[i]
        kind = _KINDS.get(tok)
        if kind is None:
            kind = _kind(tok)
        if kind == _FILLER:
            i += 1
            continue
        if kind == _STOPWORD:
            if tok == "of" and units and units[-1] in _PARTITIVE:
                units.clear()  # "a suite of tools" -> tools
                plural = False
                i += 1
                continue
            if tok == "based" and units and i + 1 < n and tokens[i + 1] not in _STOP:
                units.clear()  # "an aws based streaming solution" -> streaming solution
                plural = False
                i += 1
                continue
            if tok in _CONJ:
                if not units:  # "clean, well-tested code"
                    i += 1
                    continue
                if len(units) == 1 and not plural:
                    i = _shared_head(tokens, i, units)
            break
        if plural:
            break  # "models leveraging X", "datasets spanning Y"
        if kind == _PRONOUN:
            if not units:
                return units, i + 1, True
            break
        units.append(tok)
        plural = kind == _PLURAL
        i += 1
    if len(units) > 2 and units[-3] == "data" and units[-2] in _DATA_COMPOUNDS:
        return [f"data_{units[-2]}", units[-1]], i, False  # "data science team" keeps "data science"
    return units[-2:], i, False


_DATA_COMPOUNDS = _words("science engineering quality platform governance analytics engineer scientist")


def _shared_head(tokens: list[str], i: int, units: list[str]) -> int:
    """A lone first unit before a conjunction at i: "product and engineering teams" -> product team (the
    modifier shares the next head); "a stable, scalable, and modern data platform" -> data platform (an
    adjective list). Returns the index after what was read (i when nothing was)."""
    comma = tokens[i] == ","
    if comma and not units[0].endswith(_ADJECTIVE_ENDINGS):
        return i
    n, j, conjunct = len(tokens), i + 1, list[str]()
    while j < n:
        tok = tokens[j]
        kind = _KINDS.get(tok)
        if kind is None:
            kind = _kind(tok)
        if kind == _FILLER:
            j += 1
            continue
        if comma and tok in _CONJ:
            conjunct.clear()  # the words so far were adjectives of the list
            j += 1
            continue
        if kind == _STOPWORD:
            break
        if (
            not conjunct
            and _VERB_FORMS.get(tok, ("", ""))[1] in ("base", "s")
            and not (comma and j + 1 < n and tokens[j + 1] in _CONJ)  # "a stable, secure, and modern X"
        ):
            return i  # "build infrastructure and deploy models": a new clause, not a conjunct
        conjunct.append(tok)
        j += 1
        if kind == _PLURAL:
            break
    if len(conjunct) < 2:
        return i
    units[:] = conjunct[-2:] if comma else [units[0], conjunct[-1]]
    return j


_ADJECTIVE_ENDINGS = ("ble", "al", "ive", "ous", "ful", "ic", "ent", "ant", "ary", "less", "ed", "ern", "ing")


def _nominal_group(tokens: list[str], i: int) -> tuple[list[str], int] | None:
    """ "the design, review and maintenance of X" at i -> ([design, review, maintain], index of X)."""
    n = len(tokens)
    while i < n and tokens[i] in _FILLERS:
        i += 1
    lemmas: list[str] = []
    while i < n and tokens[i] in _NOMINAL:
        lemmas.append(_NOMINAL[tokens[i]])
        i += 1
        j = i
        while j < n and tokens[j] in _CONJ:
            j += 1
        if i < j < n and tokens[j] in _NOMINAL:
            i = j
    if lemmas and i < n and tokens[i] == "of":
        return lemmas[:_MAX_GROUP_VERBS], i + 1
    return None


def _skip_help(tokens: list[str], i: int) -> int:
    """ "help (us) (to) build X" reads as "build X"; "help customers" stays a verb."""
    n = len(tokens)
    if i < n and tokens[i] in _HELP_OPENERS:
        j = i + 1
        while j < n and j < i + 3 and tokens[j] in ("us", "the", "our", "team", "to"):
            j += 1
        hit = _VERB_FORMS.get(tokens[j]) if j < n else None
        if hit is not None and hit[1] in ("base", "ing"):
            return j
    return i


class _Reader:
    """The clauses of one statement; keeps the last object so that "deploy them" can reuse it."""

    __slots__ = ("out", "previous", "tokens")

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.out: list[tuple[str, str]] = []
        self.previous: list[str] = []

    def read(self) -> list[tuple[str, str]]:
        tokens, n = self.tokens, len(self.tokens)
        if not n:
            return self.out
        i = 0
        while i < n and tokens[i][-2:] == "ly" and tokens[i] not in _NOT_ADVERBS:
            i += 1
        if i >= n or (tokens[i] not in _VERB_FORMS and tokens[i] not in _NOMINAL):
            return self.out
        if tokens[i] in _HELP_OPENERS:
            i = _skip_help(tokens, i)
        nominal = _nominal_group(tokens, i) if tokens[i] in _NOMINAL else None  # "Design and testing of X"
        group = _verb_group(tokens, i, None) if nominal is None else None
        if group is not None:
            lemmas, form, i = group
            if form == "ed" or (form == "ing" and lemmas[0] == "learn"):
                return self.out  # "Advanced English", "Demonstrated ability", "Learning budget": not tasks
            if (
                i == 1
                and n > 1
                and tokens[0] in _NOUN_VERBS
                and (tokens[1] in _NOMINAL or _VERB_FORMS.get(tokens[1], ("", ""))[1] == "ing")
                and (n == 2 or tokens[2] in _STOP)
            ):
                return self.out  # "Model training", "Test automation", "Process improvement": headings
        elif nominal is not None:
            (lemmas, i), form = nominal, "base"
        else:
            return self.out
        if lemmas[0] in _AS_SKIP:
            form = "ing"  # "Act as the team's expert, ensuring X, providing Y"
        i = self.clause(lemmas, i)
        # later clauses: "... to <verb>", "..., and <verb>" (same inflection), "... by <verb>ing"
        later = _VERB_SURFACES.intersection(tokens[i + 1 :])
        for p in _positions(tokens, later) if later else ():
            if p <= i or tokens[p] in _HELP_VERBS:
                continue  # "to help develop X" is read at "develop"
            if len(self.out) >= MAX_PHRASES_PER_STATEMENT:
                break
            k = p - 1
            while k > i and (
                tokens[k] in _HELP_WORDS or (tokens[k][-2:] == "ly" and tokens[k] not in _NOT_ADVERBS)
            ):
                k -= 1
            trigger = tokens[k]
            if trigger == "to":
                want = "base"
            elif trigger in _CLAUSE_JOIN:
                want = form
            elif trigger in _ING_JOIN:
                want = "ing"
            else:
                continue
            group = _verb_group(tokens, p, want)
            if group is not None:
                i = self.clause(group[0], group[2])
        return self.out[:MAX_PHRASES_PER_STATEMENT]

    def clause(self, lemmas: list[str], i: int) -> int:
        """Read the object after the verbs `lemmas` at i, emit their phrases, return the index after."""
        tokens, n = self.tokens, len(self.tokens)
        while i < n and tokens[i][-2:] == "ly" and tokens[i] not in _NOT_ADVERBS:
            i += 1  # "collaborate closely with"
        nxt = tokens[i] if i < n else ""
        if nxt == "as" and lemmas[0] in _AS_SKIP:
            return i + 1
        if nxt == "of" or lemmas[0] in _LIGHT_VERBS:  # "lead the development of X" -> develop X
            nominal = _nominal_group(tokens, i + 1 if nxt in ("of", "to", "in", "with", "on") else i)
            if nominal is not None:
                lemmas, i = nominal
        prep = ""
        units, end, pronoun = _object(tokens, i)
        if not units and not pronoun and end < n and tokens[end] in _PREPOSITIONS:
            nominal = _nominal_group(tokens, end + 1)  # "participate in the design of X"
            if nominal is not None:
                lemmas, start = nominal
                units, end, pronoun = _object(tokens, start)
            elif end + 1 < n and _VERB_FORMS.get(tokens[end + 1], ("", ""))[1] == "ing":
                group = _verb_group(tokens, end + 1, "ing")  # "contribute to designing X" -> design X
                if group is not None:
                    return self.clause(group[0], group[2])
            else:
                prep = tokens[end]  # "collaborate with X", "contribute to X"
                units, end, pronoun = _object(tokens, end + 1)
        if pronoun:
            units = self.previous
        elif units and end < n and tokens[end] in _TREND_PREPS and _singular(units[-1]) in _TREND:
            inner, inner_end, _ = _object(tokens, end + 1)  # "advancements in ml" -> ml
            if inner:
                units, end = inner, inner_end
        suffix = ""
        if end + 1 < n and tokens[end] in ("to", "into", "in") and tokens[end + 1] in ("production", "prod"):
            suffix, end = " to production", end + 2
        if not units:
            return end
        head = _singular(units[-1])
        if head in _REQUIREMENT_NOUNS:
            return end
        if head == "set" and units[0] == "data":
            units, head = ["dataset"], "dataset"
        units = [units[0], head] if len(units) == 2 else [head]
        self.previous = units
        obj = f"{units[0]} {head}" if len(units) == 2 else head
        if "_" in obj:
            obj = obj.replace("_", " ")
        if obj.count(" ") + (prep != "") > _MAX_WORDS - 2:
            obj = head.replace("_", " ")  # "collaborate with data science team" keeps "team"
            if obj.count(" ") + (prep != "") > _MAX_WORDS - 2:
                return end
        for lemma in lemmas:
            if lemma in _SILENT_VERBS:
                continue
            verb = f"{lemma} {prep}" if prep else lemma
            if suffix and lemma in _TO_PRODUCTION_VERBS and obj.count(" ") + verb.count(" ") < _MAX_WORDS - 3:
                phrase = f"{verb} {obj}{suffix}"
            else:
                phrase = f"{verb} {obj}"
            if phrase.count(" ") < _MAX_WORDS:
                self.out.append((phrase, _theme("work with" if verb == "work with" else lemma, units)))
        return end


def responsibility_phrases(statements: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(phrase, theme id) pairs, each phrase once per posting, in first-seen order.

    A phrase is a verb lemma (with its preposition where the object needs one) and the head of its object,
    singularized, 2 to 5 words: "build data pipeline", "collaborate with product team", "deploy model to
    production". The theme is a key of THEMES. Statements that do not open with a responsibility verb give
    nothing; non-strings are skipped.
    """
    seen: set[str] = set()
    result: list[tuple[str, str]] = []
    for statement in statements:
        if not statement or not isinstance(statement, str):
            continue
        for phrase, theme in _statement_phrases(statement):
            if phrase not in seen:
                seen.add(phrase)
                result.append((phrase, theme))
    return tuple(result)


@lru_cache(maxsize=16384)
def _statement_phrases(statement: str) -> tuple[tuple[str, str], ...]:
    """The phrases of one statement. Memoized: a third of the statements in real postings recur (reposts,
    the same posting on several boards, a company's standard duties), and reading one costs tens of µs."""
    return tuple(_Reader(_tokens(statement)).read())
