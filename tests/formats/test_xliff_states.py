"""XLIFF states on export: an unedited unit keeps the attributes it was read with; only a
unit whose state or target we changed gets the CONTRACT state (issue 17, point 3)."""

import itertools

import pytest

from tests.formats.support import as_export, assert_valid, parse, render, xliff_schema
from tests.formats.test_xliff import NS, xliff_doc

STATES = [
    None,
    "new",
    "needs-translation",
    "needs-review-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "translated",
    "signed-off",
    "final",
    "x-checked",
]
QUALIFIERS = [None, "exact-match", "mt-suggestion", "x-house"]
APPROVED = [None, "yes", "no"]
COMBINATIONS = list(itertools.product(STATES, QUALIFIERS, APPROVED))
MAPPED = {  # CONTRACT.md: our state -> XLIFF 1.2 state
    "untranslated": "needs-translation",
    "new": "needs-review-translation",
    "translated": "translated",
    "rejected": "needs-review-translation",
    "approved": "final",
}


def _document(state, qualifier, approved, target="Text") -> bytes:
    unit = f' approved="{approved}"' if approved else ""
    attrs = "".join(
        f' {name}="{value}"'
        for name, value in (("state", state), ("state-qualifier", qualifier))
        if value
    )
    return xliff_doc(
        f'<trans-unit id="u"{unit} resname="r"><source>源</source>'
        f"<target{attrs}>{target}</target></trans-unit>"
    )


def _unit(data: bytes):
    """The trans-unit and its target of a (schema-valid) document."""
    unit = assert_valid(xliff_schema(), data).find(f".//{{{NS}}}trans-unit")
    return unit, unit.find(f"{{{NS}}}target")


@pytest.mark.parametrize(("state", "qualifier", "approved"), COMBINATIONS)
def test_unedited_unit_keeps_its_attributes_exactly(state, qualifier, approved):
    data = _document(state, qualifier, approved)
    parsed = parse("xliff", data)
    out = render("xliff", parsed.skeleton, as_export(parsed))
    before, before_target = _unit(data)
    after, after_target = _unit(out)
    assert dict(after.attrib) == dict(before.attrib)
    assert dict(after_target.attrib) == dict(before_target.attrib)
    assert parse("xliff", out).units[0].state == parsed.units[0].state


@pytest.mark.parametrize("target", ["<target/>", '<target state="new"/>', ""])
def test_unedited_empty_or_missing_target_is_kept(target):
    data = xliff_doc(f'<trans-unit id="u"><source>源</source>{target}</trans-unit>')
    parsed = parse("xliff", data)
    out = render("xliff", parsed.skeleton, as_export(parsed))
    before, after = _unit(data)[0], _unit(out)[0]
    assert [(c.tag, dict(c.attrib)) for c in after] == [(c.tag, dict(c.attrib)) for c in before]


@pytest.mark.parametrize(("state", "qualifier", "approved"), COMBINATIONS)
def test_edited_target_gets_the_mapped_state(state, qualifier, approved):
    parsed = parse("xliff", _document(state, qualifier, approved))
    ours = parsed.units[0].state
    out = render("xliff", parsed.skeleton, as_export(parsed, targets={0: "Edited"}))
    unit, target = _unit(out)
    assert target.get("state") == MAPPED[ours]
    assert target.get("state-qualifier") is None  # it described the replaced target
    assert unit.get("approved") == ("yes" if ours == "approved" else None)
    assert unit.get("resname") == "r"
    assert target.text == "Edited"


STATE_CHANGES = [
    (*combination, ours)
    for combination in COMBINATIONS
    for ours in ("new", "translated", "approved", "untranslated")
    if parse("xliff", _document(*combination)).units[0].state != ours
]


@pytest.mark.parametrize(("state", "qualifier", "approved", "ours"), STATE_CHANGES)
def test_changed_state_gets_the_mapped_state(state, qualifier, approved, ours):
    parsed = parse("xliff", _document(state, qualifier, approved))
    out = render("xliff", parsed.skeleton, as_export(parsed, states={0: ours}))
    unit, target = _unit(out)
    assert target.get("state") == MAPPED[ours]
    assert target.get("state-qualifier") == qualifier  # same target: its origin still holds
    assert unit.get("approved") == ("yes" if ours == "approved" else None)
    assert parse("xliff", out).units[0].state == ours


@pytest.mark.parametrize("state", ["new", "needs-review-translation", "translated", "x-checked"])
def test_approving_writes_final_and_approved_yes(state):
    parsed = parse("xliff", _document(state, "mt-suggestion", None))
    out = render("xliff", parsed.skeleton, as_export(parsed, states={0: "approved"}))
    unit, target = _unit(out)
    assert (target.get("state"), unit.get("approved")) == ("final", "yes")


def test_approved_only_keeps_an_unedited_approved_unit_and_drops_the_others():
    data = xliff_doc(
        '<trans-unit id="a" approved="yes"><source>甲</source>'
        '<target state="signed-off" state-qualifier="exact-match">A</target></trans-unit>\n'
        '<trans-unit id="b" approved="no"><source>乙</source>'
        '<target state="new">B</target></trans-unit>'
    )
    parsed = parse("xliff", data)
    out = render("xliff", parsed.skeleton, as_export(parsed), approved_only=True)
    units = assert_valid(xliff_schema(), out).findall(f".//{{{NS}}}trans-unit")
    first_target = units[0].find(f"{{{NS}}}target")
    assert dict(units[0].attrib) == {"id": "a", "approved": "yes"}
    assert dict(first_target.attrib) == {"state": "signed-off", "state-qualifier": "exact-match"}
    assert dict(units[1].attrib) == {"id": "b"}
    assert units[1].find(f"{{{NS}}}target") is None


def test_units_imported_before_the_imported_state_was_kept_get_the_mapped_state():
    parsed = parse("xliff", _document("new", "mt-suggestion", None))
    units = as_export(parsed)
    units[0].meta = {k: v for k, v in units[0].meta.items() if k != "imported"}
    unit, target = _unit(render("xliff", parsed.skeleton, units))
    assert target.get("state") == "needs-review-translation"
    assert target.get("state-qualifier") == "mt-suggestion"
