"""Which webhook URLs a watch may call (SSRF), and how watches narrow to one meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.errors import WebhookTargetError
from assistant.model import Filters, Meeting
from assistant.watch_matching import narrowed
from assistant.webhooks import check_target


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/hook", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("http://127.0.0.1:9/hook", "loopback, private or reserved"),
        ("http://localhost/hook", "loopback, private or reserved"),
        ("http://10.1.2.3/hook", "loopback, private or reserved"),
        ("http://169.254.169.254/latest/meta-data", "loopback, private or reserved"),
        ("http://[::ffff:127.0.0.1]/hook", "loopback, private or reserved"),
        ("http://user:pw@example.org/hook", "no credentials"),
    ],
)
def test_refused_targets(url: str, reason: str) -> None:
    with pytest.raises(WebhookTargetError, match=reason):
        check_target(url, allow_private=False)


def test_private_targets_when_allowed_and_public_ones_always() -> None:
    check_target("http://127.0.0.1:9/hook", allow_private=True)
    check_target("https://93.184.215.14/hook", allow_private=False)  # a public address
    with pytest.raises(WebhookTargetError, match="only http"):
        check_target("gopher://127.0.0.1/", allow_private=True)


def test_a_watch_narrows_to_one_meeting_or_leaves_it_out() -> None:
    meeting = Meeting(source="x.txt", body="Byråd", municipality="Greve", date=dt.date(2025, 2, 3))
    day = dt.date(2025, 2, 3)
    assert narrowed(Filters(), meeting) == Filters(
        body="Byråd", municipality="Greve", date_from=day, date_to=day
    )
    assert narrowed(Filters(body="Økonomiudvalget"), meeting) is None
    assert narrowed(Filters(date_to=dt.date(2025, 1, 31)), meeting) is None
    assert narrowed(Filters(case_number="01.02"), meeting) == Filters(
        body="Byråd", municipality="Greve", date_from=day, date_to=day, case_number="01.02"
    )
    undated = meeting.model_copy(update={"date": None, "body": None})
    assert narrowed(Filters(body="Byråd"), undated) == Filters(body="Byråd", municipality="Greve")
