"""W509: what `sitegen init` and `sitegen new` wrote for people to replace, still there.

`new` writes a draft, `init` an example post with invented numbers; both bodies say
where to write the article. A post that is not a draft and still has that text, or a
meeting post whose numbers are all zero, is not ready to publish: check warns, and
deploy refuses it unless forced. Pure.
"""
from __future__ import annotations

import hashlib

from sitegen.lang import _
from sitegen.problems import Problem
from sitegen.read.model import Post

# The bodies the skeletons are written with (scaffold.py writes these very texts).
MEETING_BODY = ("\nSáng nay, chi bộ tổ chức hội nghị kiểm điểm, đánh giá, xếp loại chất lượng. "
                "Viết diễn biến hội nghị ở đây; phần kết quả được tạo từ số liệu phía trên.\n")
POST_BODY = "\nNội dung bài viết.\n"
PAGE_BODY = "\nGiới thiệu ngắn về đơn vị và trang tin.\n"
MARK = "Viết diễn biến hội nghị ở đây"
_DIGESTS = frozenset(hashlib.sha1(body.encode("utf-8")).digest() for body in (MEETING_BODY, POST_BODY, PAGE_BODY))

CODE = "W509"


def placeholder_problems(post: Post) -> list[Problem]:
    if post.draft:
        return []
    out = []
    if post.body_digest in _DIGESTS or MARK in post.lead:
        # The skeletons' text starts after one blank line.
        out.append(Problem(post.rel, post.body_line + 1, 1, CODE,
                           _("this file still has the example text sitegen wrote; write your own text "
                             "here, or mark it `draft: true` until it is ready (deploy refuses it, or "
                             "needs --force)")))
    meeting = post.meeting
    if meeting is not None and _all_zero(meeting):
        loc = post.doc.at(("results",), key=True)
        out.append(Problem(post.rel, loc.line, loc.column, CODE,
                           _("every number of this meeting is 0, as `sitegen new` writes them; fill in "
                             "the meeting's numbers, or mark the post `draft: true` until they are "
                             "known (deploy refuses it, or needs --force)")))
    return out


def _all_zero(meeting) -> bool:
    results = meeting.results
    counts = [g.total or 0 for g in results.groups] + [c for g in results.groups for c in g.counts]
    if results.unit is not None and results.unit.votes is not None:
        counts += [results.unit.votes.agree, results.unit.votes.of]
    if meeting.attendance is not None:
        counts += [meeting.attendance.members or 0, meeting.attendance.present or 0]
    return bool(counts) and not any(counts)
