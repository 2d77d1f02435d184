"""Choose the week's pairs: each new tool with its most comparable tool, each tool at most once.

Comparable means the same job (see taxonomy.py). Among tools doing the same job, facets decide
who is the best partner: open-weight models of a similar size, two agents that both live in
Slack. Two tools that no job fits are paired only when they say they are the same thing
(similar.py). A tool whose job is unclear, or whose job nobody else does this week, stays
unpaired.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from verdicts.models import Pair, Tool, pair_key
from verdicts.pairing.background import Crowd
from verdicts.pairing.meaning import tool_vectors
from verdicts.pairing.profile import Profile, different_things, profile
from verdicts.pairing.semantic import MIN_CONTENT_WORDS, MIN_SIMILARITY, rules_permit, twins
from verdicts.pairing.semantic import reason as semantic_reason
from verdicts.pairing.semantic import score as semantic_score
from verdicts.pairing.similar import match, role_match
from verdicts.pairing.taxonomy import JOB_BY_KEY

MIN_PAIR_SCORE = 0.6
# Semantic twins this alike (projected cosine, meaning.py) are paired before the rule pass.
# The cosine bars here and in semantic.py and neighbours.py move with the space. When it last
# changed (the whitened space cut to its 128 discriminant directions, meaning.py), each bar was
# moved to the value passing the same share of the tuning weeks' launch pairs, each week
# projected without its own labels: 0.45 became 0.64, 0.31 became 0.49, 0.28 became 0.46 and
# 0.1 became 0.18.
TWIN_FIRST_SIMILARITY = 0.64
# What share of the labelled launches may be closer to one of two tools than the other is
# (background.py). A rule pair whose two tools a sixth of all labelled launches come between
# agrees on a word, not on a job ("both AI coding agents": a repo-to-prompt CLI and a code
# model). A pair by meaning alone must stand out from nearly all of them. Read from the honest
# history (v17 to v27): rule pairs other than two language models' (their own share is in
# jobs_models.toml) with 15% to 25% between were right 1 time in 4.
RULE_APART = 0.15
MEANING_APART = 0.017
# Background twins: two launches that are each other's closest match in the week, this alike,
# with at most this share of the labelled launches (about 2 in 1,300) between them, pair before
# the rules have a say. Rules match one word of a launch ("writing assistant", "image
# generator") and take such a tool for a weaker pair; that near nothing ever labelled is closer
# says the two do one job ("make AI text sound human", "semantic cache for LLMs").
STRONG_SIMILARITY = 0.49
STRONG_APART = 0.0015


# How a reason names two specialists (model_facts.llm_specialty): "both open-weight code models".
_SPECIALTY_NAMES = {
    "code": "code models",
    "vision": "vision-language models",
    "omni": "speech-and-text models",
    "diffusion": "diffusion language models",
    "reward": "reward and judge models",
    "math": "maths models",
    "tools": "function-calling models",
}


# The size classes above the phone line, as a reason names them: a 27B and a 32B share one.
_SIZE_NAMES = {1: "5B to 15B parameters", 2: "15B to 80B parameters", 3: "over 80B parameters"}


def _size_bucket(params_b: float | None) -> int | None:
    if params_b is None:
        return None
    return 0 if params_b <= 4.5 else 1 if params_b <= 15 else 2 if params_b <= 80 else 3


def _shared_job(a: Profile, b: Profile) -> str | None:
    """The job both tools do first. A tool's second job never pairs it: "AI video generator
    with lifelike avatars" is compared as an avatar tool, not as Sora's rival."""
    return a.job if a.job and a.job == b.job else None


def _llm_label(a: Profile, b: Profile) -> str | None:
    """Models pair only open with open (and similar size) or closed with closed."""
    if a.closed_model != b.closed_model:
        return None
    if a.llm_specialty != b.llm_specialty:  # a code model is not a chat model's rival
        return None
    # A model built for Arabic is not the rival of one built for Thai; either may still be
    # compared with a general model (labelled rivals: a Polish 11B beside a general 5B).
    if a.llm_language and b.llm_language and a.llm_language != b.llm_language:
        return None
    for_language = (
        f" for {a.llm_language}" if a.llm_language and a.llm_language == b.llm_language else ""
    )
    if a.closed_model:
        kind = _SPECIALTY_NAMES.get(a.llm_specialty, "frontier models")
        return f"{kind} from the big labs"
    sa, sb = _size_bucket(a.params_b), _size_bucket(b.params_b)
    # A general model that runs on a phone (4.5B and under) is judged against its size class
    # only; above it, neighbouring sizes compete (a 14B with a 32B). Specialists are few in a
    # week and compete whatever their size (a 3B code model with a 236B one: both labs' answer
    # to "which open code model").
    size_apart = sa is not None and sb is not None and (abs(sa - sb) > 1 or (sa == 0) != (sb == 0))
    if size_apart and not a.llm_specialty:
        return None
    kind = _SPECIALTY_NAMES.get(a.llm_specialty, "language models") + for_language
    if sa == 0 and sb == 0:
        return f"open-weight {kind} under 4B parameters"
    return f"open-weight {kind}"


def _facets(a: Profile, b: Profile, job: str) -> list[str]:
    """What else the two share, in the words a reader would use."""
    shared: list[str] = []
    if a.license and a.license == b.license:
        shared.append(f"both {a.license}")
    elif a.open_source and b.open_source and job != "llm":
        shared.append("both open source")
    if a.local and b.local and job != "llm":
        shared.append("both run locally")
    size = _size_bucket(a.params_b)
    if job == "llm" and size and size == _size_bucket(b.params_b):  # under 4B is in the label
        shared.append(f"both {_SIZE_NAMES[size]}")
    places = sorted(a.platforms & b.platforms)
    if places:
        shared.append("both for " + " and ".join(places[:2]))
    if a.chat_driven and b.chat_driven and job != "chat-coworker":
        shared.append("both driven by chat")
    return shared


def compare(a_tool: Tool, b_tool: Tool) -> tuple[float, str] | None:
    """(score in [0, 1], reason) when the two tools do the same job, else None."""
    return _compare(profile(a_tool), profile(b_tool))


def _compare(a: Profile, b: Profile) -> tuple[float, str] | None:
    if different_things(a, b):  # a gadget and an app, a dataset and a model
        return None
    job = _shared_job(a, b)
    if job is None:
        return _compare_direct(a, b)
    label: str | None = JOB_BY_KEY[job].label if job in JOB_BY_KEY else None
    if label is None:  # a kind only the exemplars know: name it by what the tools say they are
        return _compare_direct(a, b)
    if job == "llm":
        label = _llm_label(a, b)
        if label is None:
            return None
    facets = _facets(a, b, job)
    strength = min(1.0, min(a.job_score, b.job_score) / 8)
    overlap = len(a.words & b.words) / max(1, min(len(a.words), len(b.words)))
    conflict = 0.05 if (a.open_source != b.open_source and job != "llm") else 0.0
    score = 0.6 + 0.18 * strength + 0.04 * len(facets[:3]) + 0.1 * min(1.0, overlap) - conflict
    reason = "; ".join([f"both {label}", *facets])
    return round(max(0.0, min(1.0, score)), 3), reason


def _compare_direct(a: Profile, b: Profile) -> tuple[float, str] | None:
    """Two tools described as the same thing ("both image upscalers"): by their roles when at
    most one of them has a job the rules are sure of, by shared head phrases when neither has
    a job at all."""
    sure = [p.job for p in (a, b) if p.job and p.job_source == "rules"]
    found = role_match(a.roles, a.grams, b.roles, b.grams) if len(sure) < 2 else None
    if found is None and not a.job and not b.job:
        found = match(a.heads, a.grams, b.heads, b.grams)
    if found is None:
        return None
    reason = "; ".join([found.reason, *_facets(a, b, "")[:2]])
    return found.score, reason


def _twins_agree(a: Profile, b: Profile) -> bool:
    """Near-paraphrases pair first unless the rules object: two different jobs, one job whose
    comparison says no (an open model and a closed one, a 1B and a 400B), a job the rules are
    sure of on one side only (that tool waits for the rule pass, where a partner doing the same
    job may be: "an AI coworker in Slack" is Scarlett's rival before it is ChatGPT's), or two
    language models (the rule pass chooses their rivals by size; model cards all read alike)."""
    if (a.job_source == "rules") != (b.job_source == "rules"):
        return False
    if a.job == b.job == "llm":
        return False
    if not (a.job and b.job):
        return True
    return a.job == b.job and (a.job not in JOB_BY_KEY or _compare(a, b) is not None)


def _models_agree(a: Profile, b: Profile) -> bool:
    """Background twins may overrule every rule but the language models' own. Two language
    models wait for the rule pass: whose rival a model is depends on openness and size, which the
    rule pass weighs (model cards read alike whatever the size: a 7B took a 32B from a 27B). A
    closed frontier model never pairs here: its launch copy, "a new standard for intelligence",
    says nothing a sentence model can place."""
    if a.job == b.job == "llm":
        return False
    return not any(p.job == "llm" and p.closed_model for p in (a, b))


def _held_for_rules(
    pool: Sequence[Tool], profiles: dict[str, Profile], crowd: Crowd, new_keys: Collection[str]
) -> set[str]:
    """Tools whose sure rule job has a partner just as close in the background: such a tool waits
    for the rule pass rather than pair as a background twin with a tool no rule places. "An AI
    coworker in Slack" is Scarlett's rival before it is "a partner for your most ambitious
    work"."""
    held: set[str] = set()
    for a in pool:
        if profiles[a.key].job_source != "rules":
            continue
        for b in crowd.near(a, STRONG_APART):
            if not (a.key in new_keys or b.key in new_keys):
                continue
            found = _compare(profiles[a.key], profiles[b.key])
            if found is not None and found[0] >= MIN_PAIR_SCORE:
                held.add(a.key)
                break
    return held


def refused(
    crowd: Crowd, a: Profile, b: Profile, a_tool: Tool, b_tool: Tool, *, rules: bool
) -> bool:
    """Whether the background (background.py) refuses the pair. A rule pair: when no labelled
    kind is near both tools (Crowd.strangers: the rule matched a word, not a job), or when more
    than RULE_APART of the labelled launches come between the two (a job the background places
    worse or better than most sets its own share, taxonomy.Job.apart: the model runners, the
    language models). A pair by meaning alone: when more than MEANING_APART do. Two closed
    frontier models are exempt from both: their launches say "our most capable model" in a
    hundred ways, and their job is being general."""
    if not rules:
        return crowd.apart(a_tool, b_tool, MEANING_APART)
    if a.closed_model and b.closed_model:
        return False
    if crowd.strangers(a_tool, b_tool):
        return True
    job = JOB_BY_KEY.get(a.job) if a.job == b.job else None
    share = job.apart if job is not None and job.apart is not None else RULE_APART
    return crowd.apart(a_tool, b_tool, share)


def explain(pair: Pair) -> str:
    """Why these two are compared (recomputed from the tools; the editor's pins get a plain note)."""
    found = compare(pair.a, pair.b)
    if found is not None:
        return found[1]
    return "pinned by the editor" if pair.pinned else pair.reason


def choose_pairs(
    new_tools: Sequence[Tool],
    catalog: Sequence[Tool] = (),
    *,
    limit: int | None = None,
    exclude: Collection[str] = (),
    pinned: Sequence[tuple[str, str]] = (),
) -> list[Pair]:
    """The week's pairs: pinned ones first (always kept), then the best-scoring ones.

    Every pair holds at least one new tool; catalog tools are partners only. `exclude` holds
    pair keys (models.pair_key) shown in recent issues. Pinned pairs are (key, key) tuples;
    pins naming a tool that is not in `new_tools` or `catalog` are skipped. `limit` caps the
    total, pinned pairs included (they are never dropped for it).
    """
    by_key: dict[str, Tool] = {}
    for tool in (*catalog, *new_tools):
        by_key[tool.key] = tool
    used: set[str] = set()
    pairs: list[Pair] = []
    for a_key, b_key in pinned:
        if (
            a_key == b_key
            or a_key in used
            or b_key in used
            or a_key not in by_key
            or b_key not in by_key
        ):
            continue
        a, b = by_key[a_key], by_key[b_key]
        found = compare(a, b)
        score, reason = found if found else (1.0, "pinned by the editor")
        pairs.append(Pair(a, b, score, reason, pinned=True))
        used |= {a_key, b_key}

    new_keys = {t.key for t in new_tools}
    candidates = [t for t in by_key.values() if t.key not in used]
    # One batched pass through the model; profiles and the twins reuse the cache.
    crowd = Crowd(candidates, tool_vectors(candidates))
    profiles = {t.key: profile(t) for t in candidates}
    chosen: list[Pair] = []

    def take_twins(
        minimum: float,
        allowed: Callable[[Profile, Profile], bool],
        apart: Callable[[Tool, Tool], bool],
        min_words: int = MIN_CONTENT_WORDS,
    ) -> list[Tool]:
        """Pair the pool's twins (semantic.twins); returns what is left of the pool. The rules'
        reason is given when they would pair the two too, else the launches' own words."""
        pool = [t for t in candidates if t.key not in used]
        profs = [profiles[t.key] for t in pool]
        for twin in twins(pool, profs, new_keys, exclude, minimum=minimum, allowed=allowed,
                          apart=apart, min_words=min_words):  # fmt: skip
            a, b = pool[twin.a], pool[twin.b]
            if a.key not in new_keys:
                a, b = b, a
            rule = _compare(profiles[a.key], profiles[b.key])
            if rule is None or rule[0] < MIN_PAIR_SCORE:
                rule = (semantic_score(twin.similarity), semantic_reason(a, b))
            score, reason = rule
            chosen.append(Pair(a, b, score, reason))
            used.update((a.key, b.key))
        return [t for t in pool if t.key not in used]

    def meaning_refused(a: Tool, b: Tool) -> bool:
        return refused(crowd, profiles[a.key], profiles[b.key], a, b, rules=False)

    held = _held_for_rules(candidates, profiles, crowd, new_keys)

    def waits(a: Tool, b: Tool) -> bool:
        sure = {t.key for t in (a, b) if profiles[t.key].job_source == "rules"}
        return len(sure) == 1 and bool(sure & held)

    # Background twins first, whatever the rules say (STRONG_SIMILARITY, STRONG_APART). One job
    # word is enough here ("Create comics with AI"): the crowd vouches for the match. None is
    # not ("the platform for modern teams").
    take_twins(
        STRONG_SIMILARITY,
        _models_agree,
        lambda a, b: not crowd.close(a, b, STRONG_APART) or waits(a, b),
        min_words=1,
    )
    # Then two launches that say the same thing in other words, when the rules do not object;
    # otherwise the greedy rule pass below can take one of them for a weaker pair.
    candidates = take_twins(TWIN_FIRST_SIMILARITY, _twins_agree, meaning_refused)
    edges: list[tuple[float, int, int, str]] = []
    for i, a in enumerate(candidates):
        for j in range(i + 1, len(candidates)):
            b = candidates[j]
            if a.key not in new_keys and b.key not in new_keys:
                continue
            if pair_key(a.key, b.key) in exclude:
                continue
            if refused(crowd, profiles[a.key], profiles[b.key], a, b, rules=True):
                continue
            found = _compare(profiles[a.key], profiles[b.key])
            if found and found[0] >= MIN_PAIR_SCORE:
                edges.append((found[0], i, j, found[1]))
    # Greedy by score: the strongest comparison first, each tool once. Ties go to the order
    # the tools came in, so the same input always gives the same pairs.
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    for score, i, j, reason in edges:
        a, b = candidates[i], candidates[j]
        if a.key in used or b.key in used:
            continue
        if a.key not in new_keys:  # the new tool leads: "NewTool vs Established"
            a, b = b, a
        chosen.append(Pair(a, b, score, reason))
        used |= {a.key, b.key}
    # The tools no rule could pair: by what their launches mean (semantic.py).
    take_twins(MIN_SIMILARITY, rules_permit, meaning_refused)
    # Best first (stable, so equal scores keep the order they were chosen in): a limit keeps the
    # strongest comparisons, whichever pass found them.
    pairs += sorted(chosen, key=lambda p: -p.score)
    if limit is not None:
        pairs = pairs[: max(limit, sum(p.pinned for p in pairs))]
    return pairs
