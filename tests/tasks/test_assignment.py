from __future__ import annotations

import itertools
import random

import pytest

from tasks.assignment import ApplicationInfo, ReviewerInfo, assign, assignment_digest, conflict_of

pytestmark = pytest.mark.unit

KATRIEN = ReviewerInfo("katrien.vanherck@vdab.be", "Katrien Vanherck", "VDAB")
BART = ReviewerInfo("bart.claes@sint-truiden.be", "Bart Claes", "OCMW Sint-Truiden", conflicts=("buurtwerk-alken.be",))
ELS = ReviewerInfo("els.moors@cawlimburg.be", "Els Moors", "CAW Limburg", conflicts=("vzw De Brug",))
TOM = ReviewerInfo("tom.gijbels@limburg.be", "Tom Gijbels", "Provincie Limburg", conflicts=("HAS-2023-003",))
REVIEWERS = [KATRIEN, BART, ELS, TOM]


def app(number: int, organisation: str, *domains: str) -> ApplicationInfo:
    return ApplicationInfo(f"HAS-2023-{number:03d}", organisation, tuple(domains))


APPLICATIONS = [
    app(1, "vzw De Brug", "vzwdebrug.be"),
    app(2, "CAW Limburg", "cawlimburg.be"),
    app(3, "OCMW Heers", "ocmw-heers.be"),
    app(4, "Buurtwerk Alken", "buurtwerk-alken.be"),
    app(5, "Kansen vzw", "gmail.com"),
    app(6, "Stad Sint-Truiden", "sint-truiden.be"),
]


def test_conflict_of_each_rule_names_its_reason():
    cases = {
        (ELS.email, "HAS-2023-001"): ("declared", "Els Moors meldde een belangenconflict met vzw De Brug"),
        (ELS.email, "HAS-2023-002"): ("organisation", "Els Moors werkt bij dezelfde organisatie (CAW Limburg)"),
        (TOM.email, "HAS-2023-003"): ("declared", "Tom Gijbels meldde een belangenconflict met HAS-2023-003"),
        (BART.email, "HAS-2023-004"): ("declared", "Bart Claes meldde een belangenconflict met het domein buurtwerk-alken.be"),
        (BART.email, "HAS-2023-006"): ("domain", "Bart Claes heeft hetzelfde e-maildomein (sint-truiden.be)"),
    }
    by_email = {r.email: r for r in REVIEWERS}
    by_ref = {a.reference: a for a in APPLICATIONS}
    found = {(email, ref): (c.code, c.reason) for (email, ref) in cases if (c := conflict_of(by_email[email], by_ref[ref]))}
    assert found == cases


def test_conflict_of_public_mail_domain_is_no_conflict():
    reviewer = ReviewerInfo("jan.peeters@gmail.com", "Jan Peeters", "")
    assert conflict_of(reviewer, app(5, "Kansen vzw", "gmail.com")) is None


def test_conflict_of_subdomain_acronym_and_legal_form_variants_match():
    reviewer = ReviewerInfo("an@vdab.be", "An", "VDAB", conflicts=("CAW Limburg",))
    assert conflict_of(reviewer, app(7, "Werkwinkel Haspengouw", "regio.vdab.be")).code == "domain"
    assert conflict_of(reviewer, app(8, "Regio VDAB", "regiovdab.be")).code == "organisation"
    assert conflict_of(reviewer, app(9, "V.Z.W. CAW Limburg", "caw.be")).code == "declared"
    assert conflict_of(reviewer, app(10, "CAW Oost-Brabant", "cawoostbrabant.be")) is None


def test_conflict_of_generic_shared_word_is_no_conflict():
    # "CAW Limburg" and "Provincie Limburg" share only a place name.
    assert conflict_of(TOM, app(2, "CAW Limburg", "cawlimburg.be")) is None


def test_assign_gives_k_reviewers_without_conflicts_and_even_load():
    result = assign(REVIEWERS, APPLICATIONS, 2)

    assert result.shortfalls == []
    assert sorted(result.load().values()) == [3, 3, 3, 3]
    for pair in result.pairs:
        reviewer = next(r for r in REVIEWERS if r.email == pair.reviewer)
        application = next(a for a in APPLICATIONS if a.reference == pair.application)
        assert conflict_of(reviewer, application) is None
    assert {ref: len(result.for_application(ref)) for ref in (a.reference for a in APPLICATIONS)} == {
        a.reference: 2 for a in APPLICATIONS}
    assert sorted(email for email, _ in result.excluded["HAS-2023-001"]) == [ELS.email]


def test_assign_same_result_for_shuffled_inputs():
    first = assign(REVIEWERS, APPLICATIONS, 2)
    shuffled = random.Random(7)
    for _ in range(5):
        reviewers, applications = REVIEWERS[:], APPLICATIONS[:]
        shuffled.shuffle(reviewers)
        shuffled.shuffle(applications)
        assert assign(reviewers, applications, 2).pairs == first.pairs


def test_assign_pin_and_forbid_are_respected():
    result = assign(REVIEWERS, APPLICATIONS, 2, pins=[(TOM.email, "HAS-2023-005")], forbids=[(KATRIEN.email, "HAS-2023-005")])

    assert TOM.email in result.for_application("HAS-2023-005")
    assert KATRIEN.email not in result.for_application("HAS-2023-005")
    assert [p.how for p in result.pairs if (p.reviewer, p.application) == (TOM.email, "HAS-2023-005")] == ["pinned"]


def test_assign_pin_with_conflict_is_not_honoured_and_reported():
    result = assign(REVIEWERS, APPLICATIONS, 2, pins=[(ELS.email, "HAS-2023-001")])

    assert ELS.email not in result.for_application("HAS-2023-001")
    assert result.notes == [
        "pin els.moors@cawlimburg.be – HAS-2023-001 vervalt: Els Moors meldde een belangenconflict met vzw De Brug"]


def test_assign_too_few_reviewers_reports_which_application_and_why():
    reviewers = [KATRIEN, ELS, ReviewerInfo("tom.gijbels@limburg.be", "Tom Gijbels", "Provincie Limburg", max_load=1)]
    applications = [app(1, "vzw De Brug", "vzwdebrug.be"), app(2, "CAW Limburg", "cawlimburg.be"),
                    app(3, "OCMW Heers", "ocmw-heers.be")]

    result = assign(reviewers, applications, 2)

    assert [shortfall.sentence() for shortfall in result.shortfalls] == [
        "HAS-2023-002 heeft 1 van de 2 beoordelaars: Els Moors werkt bij dezelfde organisatie (CAW Limburg); "
        "max_load bereikt bij Tom Gijbels"]
    assert len(result.pairs) == 5  # everything that can be assigned is


def test_assign_application_with_every_reviewer_in_conflict_lists_all_reasons():
    result = assign([ELS], [app(2, "CAW Limburg", "cawlimburg.be")], 1)

    assert result.pairs == []
    assert result.shortfalls[0].reasons == (
        "slechts 0 van de 1 beoordelaars zonder belangenconflict",
        "Els Moors werkt bij dezelfde organisatie (CAW Limburg)",
    )


def test_assign_keeps_earlier_pairs_and_only_fills_gaps():
    first = assign(REVIEWERS, APPLICATIONS, 2)
    earlier = [(p.reviewer, p.application) for p in first.pairs]
    newcomer = ReviewerInfo("lies.wouters@ocmw-wellen.be", "Lies Wouters", "OCMW Wellen")
    # A reviewer now declares a conflict with one of their applications: only that pair changes.
    dropped = next(p for p in first.pairs if p.reviewer == KATRIEN.email)
    katrien = ReviewerInfo(KATRIEN.email, KATRIEN.name, KATRIEN.organisation, conflicts=(dropped.application,))

    second = assign([katrien, BART, ELS, TOM, newcomer], APPLICATIONS, 2, keep=earlier)

    changed = {(p.reviewer, p.application) for p in second.pairs} ^ set(earlier)
    assert (KATRIEN.email, dropped.application) in changed
    assert len(changed) == 2  # the dropped pair and its one replacement
    assert [p.how for p in second.pairs].count("kept") == len(earlier) - 1


def _brute_force(reviewers: list[ReviewerInfo], applications: list[ApplicationInfo], k: int) -> tuple[int, int]:
    """(-pairs, sum of squared loads) of the best assignment, by trying every one."""
    options = []
    for application in applications:
        allowed = [r.email for r in reviewers if conflict_of(r, application) is None]
        options.append([c for size in range(k + 1) for c in itertools.combinations(allowed, size)])
    best = None
    for choice in itertools.product(*options):
        load: dict[str, int] = {}
        for chosen in choice:
            for email in chosen:
                load[email] = load.get(email, 0) + 1
        if any(r.max_load is not None and load.get(r.email, 0) > r.max_load for r in reviewers):
            continue
        key = (-sum(map(len, choice)), sum(v * v for v in load.values()))
        best = key if best is None or key < best else best
    assert best is not None
    return best


def test_assign_matches_brute_force_optimum_on_random_small_calls():
    rng = random.Random(2023)
    for _ in range(25):
        references = [f"HAS-2023-00{n}" for n in range(1, 5)]
        reviewers = [
            ReviewerInfo(f"r{i}@org{i}.be", f"R{i}", f"Org {i}", max_load=rng.choice([None, 1, 2, 3]),
                         conflicts=tuple(rng.sample(references, rng.randint(0, 2))))
            for i in range(4)
        ]
        applications = [app(n, f"Aanvrager {n}", f"a{n}.be") for n in range(1, 5)]

        result = assign(reviewers, applications, 2)

        assert (-len(result.pairs), sum(v * v for v in result.load().values())) == _brute_force(reviewers, applications, 2)


def test_assignment_digest_depends_on_references_and_versions_not_order():
    assert assignment_digest(["B", "A"], {"A": "1"}) == assignment_digest(["A", "B"], {"A": "1"})
    assert assignment_digest(["A", "B"], {"A": "1"}) != assignment_digest(["A", "B"], {"A": "2"})
