"""A new version brings text, not approvals: a unit an editor's new version adds that the
file marks approved comes in translated, so four-eyes and the QA gate still stand
before it is approved. A manager's file (as a new document's) keeps its states."""

import pytest

from reviews import services
from reviews.models import Project
from reviews.states import State

XLF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="zh-CN" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>共同富裕。</source>
<target state="translated">Wealth together.</target></trans-unit>
{added}
</body></file></xliff>
"""
ADDED = (
    '<trans-unit id="2" approved="yes"><source>计划有效。</source>'
    '<target state="final">My own words, approved by nobody else.</target></trans-unit>'
)


@pytest.mark.parametrize(
    ("who", "state"), [("editor", State.TRANSLATED), ("manager", State.APPROVED)]
)
def test_an_editors_new_version_adds_no_approved_segment(project, users, who, state):
    Project.objects.filter(pk=project.pk).update(four_eyes=True)
    project.refresh_from_db()
    document = services.document_import(
        project=project, data=XLF.format(added="").encode(), filename="a.xlf", user=users["manager"]
    )
    services.document_reimport(
        document=document, user=users[who], data=XLF.format(added=ADDED).encode(), filename="a.xlf"
    )
    added = document.segments.get(position=1)
    assert (added.target, added.state) == ("My own words, approved by nobody else.", state)
