"""The vocabulary of job titles: spellings to canonical tokens, head nouns, topic words, level and track cues.

`titles.py` reads a title as a short noun phrase: modifiers then a *head noun* ("engineer", "scientist",
"manager" ...), followed by optional qualifiers ("Software Engineer, Machine Learning"). The tables here say
which words are heads, which are topics (what the work is about) and which are level or track cues. Keeping
them apart from the engine makes the rules reviewable as data.

Every multi-word term that matters is first rewritten into one token ("machine learning" -> "ml",
"business intelligence" -> "bi", "member of technical staff" -> "mts"), so the engine only walks tokens.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------------------
# 1. Canonical spellings (applied in order to the lower-cased, accent-free title)
# --------------------------------------------------------------------------------------------------------

# (pattern, replacement, triggers): a rule runs only when one of its trigger substrings occurs in the title,
# so a typical title pays for a handful of regexes instead of a hundred.
_CANON: list[tuple[str, str, tuple[str, ...]]] = [
    # noise: aggregator suffix, gender tags, bracketed requisition ids
    (r"\s+jobs?\.?\s*$", "", ("job",)),
    (
        r"\(\s*(?:all genders|[mfwdhx](?:\s*/\s*[mfwdhx]){1,3}|[mfwdhx](?:\s*\|\s*[mfwdhx]){1,3})\s*\)",
        " ",
        ("(",),
    ),
    (
        r"(?<![a-z])(?:[mfwdh]\s*/\s*[mfwdhx](?:\s*/\s*[mfwdhx])?|h\s*-\s*f|f\s*-\s*h)(?![a-z])",
        " ",
        ("/", "-"),
    ),
    (r"\[[^\]]*\]", " ", ("[",)),
    (r"[\u2013\u2014\u2012\u2015|•·]", " - ", ("\u2013", "\u2014", "\u2012", "\u2015", "|", "•", "·")),
    (r"[\u2018\u2019`]", "'", ("\u2018", "\u2019", "`")),
    # non-English heads and topics (French, German, Spanish, Italian, Portuguese)
    (
        r"\bcient[ií]fic[oa]s? de datos\b|\bscientifiques? des donnees\b|\bdatenwissenschaftler(?:in)?\b"
        r"|\bdata scientifique\b|\bcientista de dados\b",
        "data scientist",
        ("cient", "scientifique", "datenwiss"),
    ),
    (
        r"\banalistas? de dat[oa]s\b|\banalystes? de donnees\b|\bdatenanalyst(?:in)?\b|\bdata analyste\b",
        "data analyst",
        ("analist", "analyste", "datenanalyst"),
    ),
    (
        r"\bing[eé]nieurs? (?:de |des )?donnees\b|\bingenier[oa] de datos\b|\bdateningenieur(?:in)?\b"
        r"|\bingenieurs? (?:en )?data\b",
        "data engineer",
        ("ingen", "dateningen"),
    ),
    (
        r"\bapprentissage automatique\b|\bmaschinelles? lernen\b|\baprendizaje automatico\b",
        "machine learning",
        ("automati", "maschinell"),
    ),
    (
        r"\bintelligence artificielle\b|\bkunstliche intelligenz\b|\binteligencia artificial\b",
        "ai",
        ("intelligen", "inteligen"),
    ),
    (
        r"\bki[- ](?=ingenieur|engineer|entwickler|developer|experte?|spezialist|berater|architekt)",
        "ai ",
        ("ki",),
    ),
    (
        r"\b(ingenieurs?|engineers?|developers?|developpeurs?|experts?|consultants?|architectes?|chefs? de projet)"
        r" (?:en |d')?ia\b",
        r"\1 ai",
        ("ia",),
    ),
    (
        r"\bing[eé]nieure?s?\b|\bingenier[oa]s?\b|\bingegnere\b|\bingenieurin\b",
        "engineer",
        ("ingen", "ingeg"),
    ),
    (
        r"\bd[eé]veloppeur(?:se)?s?\b|\bdesarrollador(?:a|es)?\b|\bentwickler(?:in)?\b|\bsviluppatore\b",
        "developer",
        ("velopp", "desarroll", "entwickl", "svilupp"),
    ),
    (
        r"\bchercheur(?:se)?\b|\binvestigador(?:a)?\b|\bforscher(?:in)?\b",
        "researcher",
        ("cherch", "investig", "forsch"),
    ),
    (r"\bchef de projets?\b|\bprojektleiter(?:in)?\b", "project manager", ("chef", "projektl")),
    (
        r"\bstagiaire\b|\bpraktikant(?:in)?\b|\bpraktikum\b|\bwerkstudent(?:in)?\b|\bpasante\b|\bpracticas\b",
        "intern",
        ("stagiaire", "praktik", "werkstud", "pasante", "practicas"),
    ),
    (r"\bdata ?stage\b", "datastage", ("stage",)),
    (
        r"\bbecari[oa]\b|\b(?<!early )(?<!late )(?<!growth )(?<!seed )(?<!end )\bstage\b(?! startup| company| renal)",
        "intern",
        ("becari", "stage"),
    ),
    (r"\balternan(?:ce|te?)\b|\bapprentie?\b", "apprentice", ("alternan", "apprenti")),
    (r"\banalista\b|\banalyste\b", "analyst", ("analista", "analyste")),
    (r"\bcientifico\b", "scientist", ("cientifico",)),
    (r"\bconsultor(?:a)?\b|\bberater(?:in)?\b", "consultant", ("consultor", "berater")),
    (r"\bgerente\b|\bresponsable\b", "manager", ("gerente", "responsable")),
    (
        r"\bleiter(?:in)?\b|\bdirecteur\b|\bdirectrice\b|\bdirektor(?:in)?\b",
        "director",
        ("leiter", "directeur", "directrice", "direktor"),
    ),
    # English multi-word terms -> one token
    (r"\ba\.i\.(?=\W|$)", "ai", ("a.i.",)),
    (r"\bartificial[- ]intel(?:ligence|\.)?(?=\W|$)", "ai", ("artificial",)),
    (
        r"\bmachine[- ]?(?:learning|leaning|learnig|lerning|learnings)\b|\bmachinelearning\b",
        "ml",
        ("machine",),
    ),
    (r"\bprinciple\b", "principal", ("principle",)),
    (r"\bdata model(?:l)?ing\b", "datamodeling", ("data model",)),
    (r"\bml ?(?:-|/)? ?ops\b|\bml operations\b|\bmlops\b|\bml ?- ?operations\b", "mlops", ("ml",)),
    (r"\bdeep[- ]learning\b", "dl", ("deep",)),
    (r"\bnatural language(?: processing| understanding)?\b|\bnlu\b", "nlp", ("natural", "nlu")),
    (r"\bcomputer vision\b|\bmachine vision\b", "cv", ("vision",)),
    (r"\bbusiness intelligence\b|\bpower ?bi\b", "bi", ("intelligence", "power")),
    (r"\bdata sciences?\b", "datascience", ("data science",)),
    (r"\bdecision sciences?\b", "decisionscience", ("decision science",)),
    (r"\bdecision scientist\b", "decisionscience scientist", ("decision scien",)),
    (r"\be-?commerce\b", "ecommerce", ("commerce",)),
    (r"\bml sciences?\b", "mlscience", ("ml science",)),
    (r"\bcomputer sciences?\b", "cs", ("computer science",)),
    (r"\bbig data\b", "bigdata", ("big data",)),
    (r"\bdata (?:operations|ops)\b", "dataoperations", ("data op",)),
    (r"\bdata ?cent(?:er|re)s?\b", "datacenter", ("cent",)),
    (r"\bdataops\b|\bdata devops\b", "dataops", ("dataops", "data devops")),
    (r"\bdata ?(?:warehouse|warehousing|lake|lakehouse)\b", "datawarehouse", ("wareh", "lake")),
    (r"\bdata (?:visuali[sz]ation|viz)\b|\bvisuali[sz]ation\b", "visualization", ("visuali", "viz")),
    (r"\bfull[- ]?stack\b", "fullstack", ("stack",)),
    (r"\bback[- ]?end\b", "backend", ("back",)),
    (r"\bfront[- ]?end\b", "frontend", ("front",)),
    (r"\bsite reliability\b|\bsystems? reliability\b", "sre", ("reliability",)),
    (r"\bdev ?ops\b|\bdev ?sec ?ops\b", "devops", ("dev",)),
    (r"\bquality assurance\b", "qa", ("assurance",)),
    (r"\bgen[- ]?ai\b|\bgenerative(?: ai)?\b", "genai", ("gen",)),
    (r"\blarge language models?\b|\bllms\b", "llm", ("language model", "llms")),
    (r"\bprompt engineer(?:ing)?\b", "prompt engineer", ("prompt",)),
    (r"\ba[il] ?(?:/|&|\+|-|and)? ?ml\b|\bml ?(?:/|&|\+|-|and)? ?ai\b|\baiml\b", "ml", ("ml",)),
    (r"\bml ?/ ?ml\b", "ml", ("ml",)),
    (r"\bmember of (?:the )?technical staff\b", "mts", ("technical staff",)),
    (r"\bvice[- ]president\b|\b[saev]vp\b|\bv\.p\.", "vp", ("vice", "vp", "v.p.")),
    (r"\bchief ([a-z]+ )?(?:officer)\b", r"chief \1officer", ("chief",)),
    (r"\bcto\b", "chief technology officer", ("cto",)),
    (r"\bcdao?\b", "chief data officer", ("cda", "cdo")),
    (r"\bcaio\b", "chief ai officer", ("caio",)),
    (r"\bcao\b", "chief analytics officer", ("cao",)),
    (r"\bcio\b", "chief information officer", ("cio",)),
    (r"\bsr\b\.?|\bsnr\b\.?", "senior", ("sr", "snr")),
    (r"\bjr\b\.?", "junior", ("jr",)),
    (r"\bmgr\b", "manager", ("mgr",)),
    (r"\bmgmt\b", "management", ("mgmt",)),
    (r"\bsde\b|\bswe\b", "software engineer", ("sde", "swe")),
    (r"\bmle'?s?\b", "ml engineer", ("mle",)),
    (r"\bco-?op\b", "coop", ("coop", "co-op")),
    (r"\bnew[- ]?grad(?:uate)?s?\b", "newgrad", ("grad",)),
    (r"\bentry[- ]level\b", "entry", ("entry",)),
    (r"\bmid[- ]level\b|\bmid[- ]career\b|\bmid[- ]senior\b", "mid", ("mid",)),
    (r"\bearly[- ]career\b", "earlycareer", ("early",)),
    (r"\br ?& ?d\b", "rnd", ("&",)),
    (r"\bre ?/ ?rs\b", "research engineer / research scientist", ("rs",)),
    (r"\bpre-?train(?:ing)?\b", "pretraining", ("train",)),
    (r"\bpost-?train(?:ing)?\b", "posttraining", ("train",)),
    (r"\bstaff ?\+", "staff", ("+",)),
    (r"\baccount exec(?:utive)?\b", "account executive", ("account exec",)),
    (r"\bpost-?doc(?:toral)?(?: (?:fellow|researcher|scholar|associate|scientist))?\b", "postdoc", ("doc",)),
    (r"\bhuman resources\b", "hr", ("human resources",)),
    (r"\bsupply chain\b", "supplychain", ("supply chain",)),
    (r"\bcustomer success\b", "customersuccess", ("customer success",)),
    (r"\bforward[- ]deployed\b", "forwarddeployed", ("forward",)),
    (r"\bteam ?lead(?:er)?\b", "teamlead", ("team",)),
    (r"\btech(?:nical)? lead\b", "techlead", ("lead",)),
    (r"\bquant(?:itative)?\b", "quant", ("quant",)),
    (r"\bbio-?statistici[ae]n\b", "statistician", ("statistic",)),
    (
        r"\b(engineer|scientist|analyst|developer|researcher|manager|architect|specialist|consultant|designer"
        r"|recruiter|intern|internship|associate|modeler|programmer|lead|director|statistician)s\b",
        r"\1",
        ("ers", "sts", "ns", "ates", "ships", "ads", "ors"),
    ),
    (r"\bmodeller\b", "modeler", ("modell",)),
    (r"\bprogramme\b", "program", ("programme",)),
    (r"\bsciences\b", "science", ("sciences",)),
    (r"&", " & ", ("&",)),
]
CANON: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [(re.compile(p), r, t) for p, r, t in _CANON]

TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9+#'.]*[a-z0-9+#]|[a-z0-9]|[,/()&:|\-]")

# tokens that end the modifier phrase of a head noun (walking left from the head)
PHRASE_BREAK = frozenset(
    {",", "-", "(", ")", ":", "|", "with", "for", "at", "in", "on", "to", "of", "from", "based"}
)
# tokens that join alternatives inside a phrase ("Data & ML Scientist", "ML / NLP Engineer")
JOINERS = frozenset({"/", "&", "and", "+", "or"})
SEGMENT_BREAK = frozenset({",", "-", "(", ")", ":", "|"})

# --------------------------------------------------------------------------------------------------------
# 2. Head nouns
# --------------------------------------------------------------------------------------------------------
# kinds: engineer, scientist, researcher, analyst, architect, modeler, leader, product (product manager/owner),
# generic (intern, associate ...), specialist, mts, other (always the role "other"), role:<id> (always <id>)

# head noun -> kind; see titles.py for what each kind does with its topics
HEAD_WORDS: dict[str, str] = {
    "engineer": "engineer developer programmer dev",
    "scientist": "scientist",
    "researcher": "researcher",
    "analyst": "analyst",
    "architect": "architect",
    "modeler": "modeler",
    # people and function leads
    "leader": "manager director head vp officer president supervisor teamlead techlead owner lead leader",
    "mts": "mts",
    "role:statistician": "statistician",
    "role:quantitative-analyst": "quant",
    # functions outside data/ML/software work: always the role 'other'
    "other": (
        "bioinformatician consultant coordinator recruiter sourcer counsel attorney lawyer paralegal "
        "accountant controller auditor economist designer writer editor marketer technician nurse "
        "chemist biologist physicist teacher instructor professor lecturer tutor trainer annotator "
        "labeler rater investigator strategist representative executive assistant administrator "
        "partner bdr sdr operator clerk founder cofounder pharmacist physician therapist linguist "
        "translator epidemiologist actuary evangelist advocate storyteller producer"
    ),
    # grades and programmes: the role comes from the words around them
    "generic": (
        "intern internship coop trainee apprentice fresher graduate newgrad postdoc fellow student "
        "associate principal"
    ),
    "specialist": "specialist expert practitioner technologist professional",
}
HEADS: dict[str, str] = {w: kind for kind, words in HEAD_WORDS.items() for w in words.split()}
# generic words that are heads only when they close their segment ("Data Lead", "Account Associate") and
# modifiers otherwise ("Lead Data Scientist", "Associate Data Analyst", "Principal Engineer")
CLOSING_HEADS = frozenset(
    [
        "lead",
        "leader",
        "associate",
        "intern",
        "internship",
        "principal",
        "fellow",
        "graduate",
        "student",
        "executive",
        "partner",
        "professional",
        "trainee",
        "apprentice",
        "coop",
        "owner",
        "operator",
        "advocate",
        "assistant",
        "dev",
        "quant",
    ]
)

# --------------------------------------------------------------------------------------------------------
# 3. Topic words: what the work is about
# --------------------------------------------------------------------------------------------------------
# families: ml, dl, ai, nlp, cv, mlops, infra, inference, data, bigdata, etl, analytics, bi, ds, decision,
# research, applied, quant, stats, swe (strong software function), swew (weak software word), eng
# (engineering/technology), product, business, insight, other (a field outside data/ML work), gig

TOPIC_WORDS: dict[str, str] = {
    "ml": "ml dl rl neural recommendation recommender speech",
    "mlscience": "mlscience",
    "model": "model models modeling modelling ranking personalization",
    "ai": "ai genai llm prompt agent agents agentic chatbot conversational gpt",
    "nlp": "nlp language text",
    "cv": "cv vision perception imaging image",
    "mlops": "mlops aiops",
    "infra": "platform infrastructure infra ops",
    # fields outside data/ML work: for engineers, scientists, analysts and managers they mean 'other'
    "other": (
        "operations implementation onboarding salesforce customer support field success "
        "customersuccess presales pre-sales account environmental civil mechanical electrical "
        "hardware chemical process manufacturing rtl asic fpga firmware network networking datacenter "
        "design verification controls robotics mechatronics thermal optical packaging materials "
        "clinical medical lab laboratory food pharmacovigilance formulation formulations toxicology "
        "toxicologist biology chemistry immunology oncology molecular cellular cell protein assay "
        "biomarker ngs neuroscience behavioral bioprocess upstream downstream qc regulatory legal "
        "policy finance financial accounting tax audit risk credit fraud actuarial strategy hr people "
        "recruiting talent communications partnerships partnership procurement supplychain logistics "
        "facilities workplace governance management privacy protection compliance program project "
        "economic market user ux intelligence investment equity trust safeguards enforcement incident "
        "crisis vendor sourcing gtm content curriculum course biometrics human factors pharmaceutical "
        "analytical operation master"
    ),
    "dops": "dataoperations",
    # words that say nothing about the role
    "neutral": "systems system digital founding performance technical geospatial entry integration quality",
    "inference": "inference serving",
    "training": "training",
    "data": "data",
    "bigdata": (
        "bigdata etl elt dataops datawarehouse spark pyspark hadoop databricks snowflake kafka "
        "pipeline pipelines sql database streaming scala"
    ),
    "analytics": "analytics dbt",
    "bi": "bi tableau looker qlik dashboard visualization",
    "reporting": "reporting report",
    "ds": "datascience",
    "decision": "decisionscience",
    "dmodel": "datamodeling",
    "research": "research rnd pretraining posttraining alignment interpretability",
    "applied": "applied",
    "quant": "quant",
    "stats": "statistical statistics biostatistics biostats",
    "computer": "computer",
    "insight": "insight insights pricing ecommerce revenue",
    "product": "product",
    "marketing": "marketing",
    "web": "web",
    "growth": "growth",
    "sales": "sales",
    "business": "business",
    # strong software functions: they decide the role even with ML words around ('AI Security Engineer')
    "swe": (
        "frontend backend fullstack mobile ios android sre devops qa test testing security embedded "
        "game ui react javascript typescript node node.js php .net c# golang kotlin swift ruby rails "
        "appian blockchain wordpress shopify angular vue flutter unity"
    ),
    # weak software words: the function is software unless a data/ML word says more
    "swew": (
        "software cloud application applications api distributed python java c++ rust go "
        "forwarddeployed tools tooling compiler kernel gpu"
    ),
    "eng": "engineering technology tech it development",
    "sol": "solutions solution",
}
TOPICS: dict[str, str] = {w: fam for fam, words in TOPIC_WORDS.items() for w in words.split()}
# words that mark a life-science / other-field research title ("Research Scientist, Immunology")
OTHER_FIELD_RE = re.compile(
    r"\b(?:bio(?!informatic|statist|metric)\w*|chemi\w*|chemist\w*|immun\w*|oncolog\w*|cancer|clinical|patient"
    r"|pharma\w*|toxic\w*|molecul\w*|cell|cellular|protein\w*|assay|neuro\w*|genom\w*|antibod\w*|vaccin\w*"
    r"|material\w*|polymer\w*|physics|geolog\w*|ecolog\w*|environment\w*|food|agri\w*|medical|medicin\w*"
    r"|health outcomes|epidemiolog\w*|virolog\w*|microbio\w*|analytical development|formulation\w*"
    r"|bioprocess|manufactur\w*|safety scientist|social science|economics?|psycholog\w*)\b"
)
# AI-trainer and annotation gig titles: real postings, but not AI engineering
GIG_RE = re.compile(
    r"\b(?:(?:ai|llm|model|chatbot)[- ]?(?:trainer|tutor|rater|evaluator|annotator|writing|writer)\b"
    r"|for training ai\b|training ai (?:data|models?)\b|ai training\b|data annotat\w*\b"
    r"|annotator\b|(?:training|placement) (?:and|&) placement\b|training and placement\b)"
)
# Every GIG_RE match holds one of these: a title without them skips the regex (as do the other *_HINTS below).
GIG_HINTS = ("train", "tutor", "rater", "evaluat", "annotat", "writ", "placement")

# --------------------------------------------------------------------------------------------------------
# 4. Levels and tracks
# --------------------------------------------------------------------------------------------------------

# "Director" that is a sales title, not an executive one
NON_EXEC_DIRECTOR_RE = re.compile(
    r"\b(?:account|client|partner|engagement|sales account|federal account|creative|art|musical|casting)"
    r" director\b"
)
EX_RE = re.compile(r"\b(?:head|director|vp|chief|president|cxo)\b")
EX_HINTS = ("head", "director", "vp", "chief", "president", "cxo")
# ordered level cues: the first one in the title wins (EX cues are handled before)
LEVEL_CUES: list[tuple[str, str]] = [
    (r"\bsenior associate\b|\bassociate manager\b", "MI_COMPOUND"),
    (r"\bprincipal associate\b|\bassociate (?:principal|partner)\b", "SE_COMPOUND"),
    (r"\b(?:account|client|partner|engagement) director\b", "SE_COMPOUND"),
    (
        r"\bintern(?:ship)?\b|\bcoop\b|\btrainee\b|\bapprentice(?:ship)?\b|\bjunior\b|\bentry\b|\bnewgrad\b"
        r"|\bgraduate\b|\bgrad\b|\bfresher\b|\bearlycareer\b|\bcollege\b|\bcampus\b|\bundergrad\w*\b"
        r"|\bpostdoc\b|\buniversity hire\b|\bstudent\b|\bassociate\b|\bsummer 20\d\d\b|\bresidency\b",
        "EN",
    ),
    (
        r"\bsenior\b|\bstaff\b|\bprincipal\b|\blead\b|\bleader\b|\btechlead\b|\bteamlead\b|\bdistinguished\b"
        r"|\bexpert\b|\bmanager\b|\bsupervisor\b|\bsenior fellow\b|\btechnical fellow\b",
        "SE",
    ),
    # "Experienced" is no level of its own: the stated years decide (MI when none are stated)
    (r"\bmid\b|\bintermediate\b", "MI"),
]
# every cue starts at a word boundary: testing it once up front spares the other positions the whole alternation
LEVEL_CUE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(LEVEL_CUES)) + ")")
LEVEL_CUE_CODES = [code for _, code in LEVEL_CUES]

# numeric / roman grades right after a role noun ("Data Scientist II", "Data Engineer 5", "Analyst Level 3")
ROLE_NOUNS = (
    r"engineer|scientist|analyst|developer|programmer|specialist|architect|consultant|associate|researcher"
    r"|modeler|designer|technologist|statistician|ml|administrator|manager|level|grade|director"
)
GRADE_RE = re.compile(
    rf"\b(?:{ROLE_NOUNS})\s+(i{{1,3}}|iv|v|vi|[1-6])(?![a-z0-9+%])(?!\s*(?:\+|years|yrs|month|day))"
)
# a grade follows a role noun and one space (a clean title has single spaces); a ladder step has a digit
GRADE_HINTS = (" i", " v", " 1", " 2", " 3", " 4", " 5", " 6")
LADDER_RE = re.compile(r"\b(l|ic|e)([1-9])\b")
LADDER_HINT_RE = re.compile(r"[1-9]")
GRADE_LEVEL: dict[str, str] = {
    "i": "EN",
    "1": "EN",
    "ii": "MI",
    "2": "MI",
    "iii": "SE",
    "3": "SE",
    "iv": "SE",
    "4": "SE",
    "v": "SE",
    "5": "SE",
    "vi": "SE",
    "6": "SE",
}

# "X Manager" titles that name a function, not people management
IC_MANAGER_RE = re.compile(
    r"\b(?:product|project|program|account|vendor|partner|partnerships?|customersuccess|success|community"
    r"|relationship|brand|communications|marketing|content|events?|social media|case|contracts?|policy"
    r"|release|solutions?|portfolio|campaign|category|channel|territory|clinical data|data management"
    r"|deployment|enablement|engagement|demand generation|lifecycle|sales development|offering|launch"
    r"|risk|compliance|privacy)(?: (?!analytics|data|insights?|engineering|science|bi|ml|ai|reporting)[a-z&]+)?"
    r" manager\b"
)
PEOPLE_TITLE_RE = re.compile(
    r"\b(?:manager|head|director|vp|chief|president|supervisor|teamlead|managing)\b|\btechlead manager\b"
)
PEOPLE_TITLE_HINTS = ("manag", "head", "director", "vp", "chief", "president", "supervisor", "teamlead")
