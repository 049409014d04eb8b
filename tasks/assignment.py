"""Who reviews what: conflict-of-interest rules and a deterministic, balanced assignment (pure functions).

Why a min-cost flow: the problem is a transportation problem (each application needs k reviewers, each
reviewer takes at most max_load, some pairs are not allowed). A greedy pass ("give the next application the
least-loaded allowed reviewers") can paint itself into a corner: it may use up the only reviewer a later
application could have had, and then wrongly report that application as unreviewable. Successive shortest
paths on a flow network always finds the maximum number of assignable pairs, and with a convex cost per
unit of load (the l-th application of a reviewer costs 2l-1, so a reviewer's total cost is load²) the
maximum flow it finds minimises the sum of squared loads: the loads are as even as the constraints allow.
For our sizes (tens of applications, a handful of reviewers) it runs in milliseconds.

Determinism: reviewers are ordered by e-mail address and applications by reference, and Dijkstra breaks
ties by node number, so the same inputs always give the same pairs.

Stability: pairs from an earlier run ("kept") and the coordinator's pins are fixed before the flow runs,
so a re-run after a config change only fills the gaps instead of reshuffling everyone's packet.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tasks.mailbox import is_public_domain

# --- inputs and outputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewerInfo:
    email: str
    name: str
    organisation: str = ""
    max_load: int | None = None
    conflicts: tuple[str, ...] = ()

    @property
    def domain(self) -> str:
        return self.email.rsplit("@", 1)[-1].lower()


@dataclass(frozen=True)
class ApplicationInfo:
    reference: str
    organisation: str | None = None
    domains: tuple[str, ...] = ()  # sender domains of every version of the application
    organisations: tuple[str, ...] = ()  # other names the applicant used (per version)


@dataclass(frozen=True)
class Conflict:
    code: str  # declared, organisation, domain, forbidden
    reason: str  # Dutch, for the coordinator


@dataclass(frozen=True)
class Pair:
    reviewer: str
    application: str
    how: str  # assigned, pinned, kept


@dataclass(frozen=True)
class Shortfall:
    application: str
    needed: int
    assigned: int
    reasons: tuple[str, ...]  # Dutch sentences: why no more reviewers could be found

    def sentence(self) -> str:
        return f"{self.application} heeft {self.assigned} van de {self.needed} beoordelaars: " + "; ".join(self.reasons)


@dataclass
class AssignmentResult:
    pairs: list[Pair] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    excluded: dict[str, list[tuple[str, Conflict]]] = field(default_factory=dict)  # reference → (reviewer, why)
    notes: list[str] = field(default_factory=list)  # ignored pins and dropped pairs, in Dutch

    def load(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for pair in self.pairs:
            counts[pair.reviewer] = counts.get(pair.reviewer, 0) + 1
        return counts

    def for_reviewer(self, email: str) -> list[str]:
        return sorted(pair.application for pair in self.pairs if pair.reviewer == email)

    def for_application(self, reference: str) -> list[str]:
        return sorted(pair.reviewer for pair in self.pairs if pair.application == reference)


# --- conflicts -----------------------------------------------------------------------------------


def _same_domain(one: str, other: str) -> bool:
    """vdab.be and regio.vdab.be belong to the same organisation."""
    one, other = one.lower().lstrip("@"), other.lower().lstrip("@")
    return one == other or one.endswith("." + other) or other.endswith("." + one)


# Only true legal forms are dropped. Unlike the intake's organisation matching, words such as OCMW or CAW stay:
# "CAW Limburg" and "Provincie Limburg" are different organisations.
_LEGAL_FORMS = re.compile(r"\b(ivzw|vzw|v\s?z\s?w|cvba|cv|bv|nv|vof|esv)\b")


def organisation_key(name: str | None) -> str:
    """Case, accents, punctuation and legal form removed: 'V.Z.W. De Brug' → 'de brug'."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", _LEGAL_FORMS.sub(" ", text)).strip()


def _names_match(one: str | None, other: str | None) -> bool:
    """Same organisation: equal keys, or the shorter name inside the longer one when it is specific enough to
    mean one organisation (two words or more, or an acronym such as VDAB): "CAW Limburg" is in "vzw CAW Limburg
    Sint-Truiden", but a bare "Limburg" is in too many names to count."""
    left, right = organisation_key(one), organisation_key(other)
    if not left or not right:
        return False
    if left == right:
        return True
    (short, short_raw), (long_, _) = sorted([(left, one or ""), (right, other or "")], key=lambda item: len(item[0]))
    specific = len(short.split()) >= 2 or re.fullmatch(r"[A-Z]{3,}", short_raw.strip()) is not None
    return specific and f" {short} " in f" {long_} "


def _looks_like_domain(entry: str) -> bool:
    text = entry.strip().lstrip("@")
    return "." in text and " " not in text and "@" not in text


def conflict_of(reviewer: ReviewerInfo, application: ApplicationInfo) -> Conflict | None:
    """The first reason why this reviewer must not review this application, or None."""
    names = [name for name in (application.organisation, *application.organisations) if name]
    for entry in reviewer.conflicts:
        if entry.upper() == application.reference.upper():
            return Conflict("declared", f"{reviewer.name} meldde een belangenconflict met {application.reference}")
        if _looks_like_domain(entry):
            if any(_same_domain(entry, domain) for domain in application.domains):
                return Conflict("declared", f"{reviewer.name} meldde een belangenconflict met het domein {entry}")
        elif any(_names_match(entry, name) for name in names):
            return Conflict("declared", f"{reviewer.name} meldde een belangenconflict met {entry}")
    if reviewer.organisation and any(_names_match(reviewer.organisation, name) for name in names):
        return Conflict("organisation", f"{reviewer.name} werkt bij dezelfde organisatie ({reviewer.organisation})")
    if not is_public_domain(reviewer.domain):
        for domain in application.domains:
            if not is_public_domain(domain) and _same_domain(reviewer.domain, domain):
                return Conflict("domain", f"{reviewer.name} heeft hetzelfde e-maildomein ({domain})")
    return None


# --- min-cost flow -------------------------------------------------------------------------------


class _FlowNetwork:
    """A small min-cost flow network: successive shortest paths with Dijkstra and Johnson potentials.

    Besides plain edges it has convex "load" edges: the n-th unit through one costs 2(base + n) - 1, so the
    units through it cost (base + load)² - base² in total. One such edge per reviewer replaces a ladder of
    unit edges and keeps Dijkstra fast. Every augmenting path carries one unit (pair edges have capacity 1),
    which is what makes per-unit marginal costs exact.
    """

    def __init__(self, nodes: int) -> None:
        self.heads: list[list[int]] = [[] for _ in range(nodes)]
        self.to: list[int] = []
        self.capacity: list[int] = []
        self.cost: list[int] = []
        self.load_base: dict[int, int] = {}  # forward convex edge → load it already carries from fixed pairs

    def add_edge(self, source: int, target: int, capacity: int, cost: int = 0) -> int:
        """Adds the edge and its residual twin; returns the edge's index (its twin is index ^ 1)."""
        index = len(self.to)
        for origin, end, cap, price in ((source, target, capacity, cost), (target, source, 0, -cost)):
            self.heads[origin].append(len(self.to))
            self.to.append(end)
            self.capacity.append(cap)
            self.cost.append(price)
        return index

    def add_load_edge(self, source: int, target: int, capacity: int, base: int) -> int:
        index = self.add_edge(source, target, capacity)
        self.load_base[index] = base
        return index

    def _cost(self, edge: int) -> int:
        forward = edge & ~1
        if forward not in self.load_base:
            return self.cost[edge]
        carried = self.load_base[forward] + self.capacity[forward ^ 1]  # load after the units already sent
        return 2 * carried + 1 if edge == forward else -(2 * carried - 1)

    def run(self, source: int, sink: int) -> int:
        """Push as much flow as possible, cheapest first; returns the flow value."""
        nodes = len(self.heads)
        potential = [0] * nodes  # all initial costs are >= 0, so zero potentials are valid
        flow = 0
        while True:
            distance, via = self._dijkstra(source, potential)
            if distance[sink] is None:
                return flow
            for node in range(nodes):
                if distance[node] is not None:
                    potential[node] += distance[node]
            node = sink
            while node != source:
                edge = via[node]
                self.capacity[edge] -= 1
                self.capacity[edge ^ 1] += 1
                node = self.to[edge ^ 1]
            flow += 1

    def _dijkstra(self, source: int, potential: list[int]) -> tuple[list[int | None], list[int]]:
        nodes = len(self.heads)
        distance: list[int | None] = [None] * nodes
        via = [-1] * nodes
        distance[source] = 0
        queue = [(0, source)]
        while queue:
            dist, node = heapq.heappop(queue)
            if dist != distance[node]:
                continue
            for edge in self.heads[node]:
                if self.capacity[edge] <= 0:
                    continue
                target = self.to[edge]
                candidate = dist + self._cost(edge) + potential[node] - potential[target]
                if distance[target] is None or candidate < distance[target]:
                    distance[target] = candidate
                    via[target] = edge
                    heapq.heappush(queue, (candidate, target))
        return distance, via


# --- assignment ----------------------------------------------------------------------------------


def _capacity(reviewer: ReviewerInfo, demand: int) -> int:
    return demand if reviewer.max_load is None else min(reviewer.max_load, demand)


def _fixed_pairs(
    reviewers: dict[str, ReviewerInfo],
    applications: dict[str, ApplicationInfo],
    allowed: dict[tuple[str, str], Conflict | None],
    k: int,
    pins: Iterable[tuple[str, str]],
    keep: Iterable[tuple[str, str]],
    result: AssignmentResult,
) -> list[Pair]:
    """Pins first, then pairs from an earlier run, each only while it is still allowed and needed."""
    fixed: list[Pair] = []
    taken: set[tuple[str, str]] = set()
    per_application: dict[str, int] = {}
    for how, pairs in (("pinned", sorted(set(pins))), ("kept", sorted(set(keep)))):
        for email, reference in pairs:
            if email not in reviewers or reference not in applications:
                if how == "pinned":
                    result.notes.append(
                        f"pin {email} – {reference} genegeerd: "
                        + ("onbekende beoordelaar" if email not in reviewers else "geen volledige, tijdige aanvraag")
                    )
                continue
            conflict = allowed[(email, reference)]
            if conflict is not None:
                label = "pin" if how == "pinned" else "eerdere toewijzing"
                result.notes.append(f"{label} {email} – {reference} vervalt: {conflict.reason}")
                continue
            if (email, reference) in taken or per_application.get(reference, 0) >= k:
                continue
            taken.add((email, reference))
            per_application[reference] = per_application.get(reference, 0) + 1
            fixed.append(Pair(email, reference, how))
    return fixed


def assign(
    reviewers: Sequence[ReviewerInfo],
    applications: Sequence[ApplicationInfo],
    k: int,
    *,
    pins: Iterable[tuple[str, str]] = (),
    forbids: Iterable[tuple[str, str]] = (),
    keep: Iterable[tuple[str, str]] = (),
) -> AssignmentResult:
    """Give every application k reviewers without conflicts, loads as even as possible.

    pins and forbids are the coordinator's (reviewer e-mail, reference) pairs; keep are pairs from an
    earlier run that should stay when still allowed. Applications that cannot get k reviewers are listed in
    `shortfalls` with the reasons; they keep whatever reviewers could be found.
    """
    by_email = {reviewer.email: reviewer for reviewer in sorted(reviewers, key=lambda r: r.email)}
    by_reference = {app.reference: app for app in sorted(applications, key=lambda a: a.reference)}
    forbidden = set(forbids)
    result = AssignmentResult()
    allowed: dict[tuple[str, str], Conflict | None] = {}
    for reference, application in by_reference.items():
        for email, reviewer in by_email.items():
            conflict = conflict_of(reviewer, application)
            if conflict is None and (email, reference) in forbidden:
                conflict = Conflict("forbidden", f"{reviewer.name} is voor deze aanvraag uitgesloten (forbid)")
            allowed[(email, reference)] = conflict
            if conflict is not None:
                result.excluded.setdefault(reference, []).append((email, conflict))
    fixed = _fixed_pairs(by_email, by_reference, allowed, k, pins, keep, result)
    result.pairs = fixed + _flow_pairs(by_email, by_reference, allowed, k, fixed)
    result.pairs.sort(key=lambda pair: (pair.application, pair.reviewer))
    result.shortfalls = _shortfalls(by_email, by_reference, allowed, k, result)
    return result


def _flow_pairs(
    reviewers: dict[str, ReviewerInfo],
    applications: dict[str, ApplicationInfo],
    allowed: dict[tuple[str, str], Conflict | None],
    k: int,
    fixed: list[Pair],
) -> list[Pair]:
    emails, references = list(reviewers), list(applications)
    fixed_set = {(pair.reviewer, pair.application) for pair in fixed}
    fixed_load = {email: sum(pair.reviewer == email for pair in fixed) for email in emails}
    fixed_per_application = {ref: sum(pair.application == ref for pair in fixed) for ref in references}
    # Nodes: 0 source, 1 sink, then applications, then reviewers.
    source, sink = 0, 1
    app_node = {ref: 2 + index for index, ref in enumerate(references)}
    reviewer_node = {email: 2 + len(references) + index for index, email in enumerate(emails)}
    network = _FlowNetwork(2 + len(references) + len(emails))
    for ref in references:
        network.add_edge(source, app_node[ref], k - fixed_per_application[ref], 0)
    pair_edges: dict[int, tuple[str, str]] = {}
    for ref in references:
        for email in emails:
            if allowed[(email, ref)] is None and (email, ref) not in fixed_set:
                pair_edges[network.add_edge(app_node[ref], reviewer_node[email], 1, 0)] = (email, ref)
    demand = k * len(references)
    for email, reviewer in reviewers.items():
        # Fixed pairs count towards the load, so balancing sees a reviewer's whole load.
        spare = max(_capacity(reviewer, demand) - fixed_load[email], 0)
        network.add_load_edge(reviewer_node[email], sink, spare, fixed_load[email])
    network.run(source, sink)
    return [
        Pair(email, ref, "assigned")
        for edge, (email, ref) in pair_edges.items()
        if network.capacity[edge] == 0
    ]


def _shortfalls(
    reviewers: dict[str, ReviewerInfo],
    applications: dict[str, ApplicationInfo],
    allowed: dict[tuple[str, str], Conflict | None],
    k: int,
    result: AssignmentResult,
) -> list[Shortfall]:
    load = result.load()
    shortfalls = []
    for ref in applications:
        assigned = result.for_application(ref)
        if len(assigned) >= k:
            continue
        blocked = [allowed[(email, ref)] for email in reviewers if allowed[(email, ref)] is not None]
        free = [email for email in reviewers if allowed[(email, ref)] is None]
        reasons = [conflict.reason for conflict in blocked if conflict is not None]
        if len(free) < k:
            reasons.insert(0, f"slechts {len(free)} van de {len(reviewers)} beoordelaars zonder belangenconflict")
        full = [email for email in free if email not in assigned and _at_max_load(reviewers[email], load)]
        if full:
            reasons.append("max_load bereikt bij " + ", ".join(reviewers[email].name for email in full))
        shortfalls.append(Shortfall(ref, k, len(assigned), tuple(reasons)))
    return shortfalls


def _at_max_load(reviewer: ReviewerInfo, load: dict[str, int]) -> bool:
    return reviewer.max_load is not None and load.get(reviewer.email, 0) >= reviewer.max_load


def assignment_digest(references: Iterable[str], versions: dict[str, str] | None = None) -> str:
    """A short, order-independent fingerprint of what a reviewer was sent (references and their versions)."""
    items = sorted(f"{ref}@{(versions or {}).get(ref, '')}" for ref in references)
    return hashlib.sha256("\n".join(items).encode()).hexdigest()[:12]
