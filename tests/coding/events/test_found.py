"""The sentence record: how found actions become events (actor pairs, implicit home sides)."""

from __future__ import annotations

from sitrep.coding.events.found import Found, actor_pairs, at_home
from sitrep.models import Actor

KENYA_GOV = Actor(text="Presidents", name="Kenyan government", code="KENGOV", country="KEN", agent="GOV")
RUTO = Actor(text="Ruto", name="William Ruto", code="KENGOV", country="KEN", agent="GOV")
UGANDA = Actor(text="Uganda", name="Uganda", code="UGA", country="UGA")


def test_a_reciprocal_act_does_not_pair_one_side_with_itself() -> None:
    item = Found(code="057", words=[], sources=[KENYA_GOV, RUTO, UGANDA], targets=[], symmetric=True)
    pairs = actor_pairs(item)
    assert all(t is not None and s.code != t.code for s, t in pairs)
    assert (RUTO, UGANDA) in pairs and (UGANDA, RUTO) in pairs


def test_an_action_at_home_takes_the_doers_country_only_when_nobody_else_is_named() -> None:
    item = Found(code="173", words=[], sources=[KENYA_GOV], targets=[], home=True)
    [(source, target)] = actor_pairs(item)
    assert source is KENYA_GOV and target is not None and (target.code, target.text) == ("KEN", "")
    named = Found(code="173", words=[], sources=[KENYA_GOV], targets=[UGANDA], home=True)
    assert actor_pairs(named) == [(KENYA_GOV, UGANDA)]
    abroad = Found(code="173", words=[], sources=[KENYA_GOV], targets=[])
    assert actor_pairs(abroad) == [(KENYA_GOV, None)]


def test_an_unnamed_doer_at_home_is_the_targets_country() -> None:
    nobody = Actor(text="", name="", code="")
    source, target = at_home(nobody, UGANDA)
    assert source.country == "UGA" and target is UGANDA
    body = Actor(text="UN", name="United Nations", code="IGOUNO", org="UN")
    assert at_home(body, None) == (body, None)  # an organisation has no home country


def test_counterparts_meet_the_one_they_are_counterparts_of() -> None:
    host = Actor(text="the Kenyan minister", name="Kenyan government", code="KENGOV", country="KEN", agent="GOV")
    guests = [Actor(text="Ugandan and Rwandan counterparts", name=n, code=c + "GOV", country=c, agent="GOV")
              for n, c in (("Ugandan government", "UGA"), ("Rwandan government", "RWA"))]
    item = Found(code="040", words=[], sources=[host, *guests], targets=[], symmetric=True)
    pairs = {(s.country, t.country) for s, t in actor_pairs(item) if t is not None}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN"), ("KEN", "RWA"), ("RWA", "KEN")}


def test_an_unnamed_doer_at_home_is_the_country_the_act_is_placed_in() -> None:
    nobody = Actor(text="", name="", code="")
    source, _ = at_home(nobody, UGANDA, place="KEN")
    assert source.country == "KEN"


def test_an_act_told_twice_keeps_the_telling_that_names_the_partner() -> None:
    from sitrep.coding.cameo import cameo_table
    from sitrep.coding.events.found import told_with_partner
    from sitrep.resources import Resources

    cameo = Resources().get(cameo_table)
    calls = Found(code="020", words=[], sources=[UGANDA], targets=[])
    asking = Found(code="0251", words=[], sources=[UGANDA], targets=[RUTO])
    other = Found(code="020", words=[], sources=[KENYA_GOV], targets=[])
    found = [calls, asking, other]
    assert told_with_partner(calls, found, cameo)
    assert not told_with_partner(asking, found, cameo) and not told_with_partner(other, found, cameo)
