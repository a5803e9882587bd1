"""Comments: threads, mentions of members only, resolving."""

import pytest

from reviews import services
from reviews.errors import InvalidInput, NotAllowed, NotFound


def test_comment_mentions_members_only(segment, users):
    comment = services.comment_add(
        segment=segment,
        author=users["editor"],
        text="@translator see 浙运安; cc @outsider @nobody.",
    )
    assert [u.username for u in comment.mentions.all()] == ["translator"]


def test_replies_stay_one_level_deep(segment, users):
    top = services.comment_add(segment=segment, author=users["editor"], text="Top")
    reply = services.comment_add(segment=segment, author=users["translator"], text="Re", parent=top)
    deeper = services.comment_add(segment=segment, author=users["editor"], text="Re2", parent=reply)
    assert reply.parent == top and deeper.parent == top


def test_comment_rules(segment, users):
    with pytest.raises(InvalidInput):
        services.comment_add(segment=segment, author=users["editor"], text="   ")
    with pytest.raises(NotFound):
        services.comment_add(segment=segment, author=users["outsider"], text="hi")
    comment = services.comment_add(segment=segment, author=users["manager"], text="x")
    with pytest.raises(NotAllowed):
        services.comment_resolve(comment=comment, user=users["translator"])
    resolved = services.comment_resolve(comment=comment, user=users["editor"])
    assert resolved.resolved_by == users["editor"] and resolved.resolved_at
    reopened = services.comment_resolve(comment=comment, user=users["manager"], resolved=False)
    assert reopened.resolved_at is None
