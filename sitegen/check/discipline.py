"""The rules of the guidance about discipline (kỷ luật), from the counts a post gives
as `disciplined` (docs/rules.md gives each clause, its words and how sure the reading is).

- W514: a member disciplined during the year is rated "Không hoàn thành nhiệm vụ"
  (132-QĐ/TW with 16-HD and 21-HD/BTCTW; 124-QĐ/TW), so the members disciplined are at
  most those rated khong_hoan_thanh.
- W515: under 366-QĐ/TW (Điều 11), a collective rated "Hoàn thành xuất sắc nhiệm vụ" has
  no subordinate unit disciplined.
- W516: under 132-QĐ/TW and 124-QĐ/TW, a collective with more than 20% of its
  subordinate units disciplined during the year is rated "Không hoàn thành nhiệm vụ".

Warnings, never errors: a violation is counted once (one disciplined this year for a
violation already counted in last year's rating), and a unit that found and remedied a
violation itself is excepted. Pure, on the facts of each post.
"""
from __future__ import annotations

from sitegen.check.crosscheck import problem_at
from sitegen.check.rules import REGIME_NAME
from sitegen.lang import _, number
from sitegen.problems import Problem
from sitegen.read.model import CountGroup, PostFacts, Rules

MEMBER_RULE = ("132", "124")    # W514: where the clause was read
SHARE_RULE = ("132", "124")     # W516
SHARE = 20                      # W516: "trên 20% số đơn vị trực thuộc bị kỷ luật trong năm"


def problems_of(posts: list, rules: Rules) -> list[Problem]:
    """W514, W515 and W516 for every meeting post that gives who was disciplined."""
    if not rules.discipline:
        return []
    out = []
    for post in posts:
        if post.review_year is None or post.period != "year":
            continue  # the clauses speak of the year's rating
        out += _members(post)
        out += _organizations(post)
    return out


def _members(post: PostFacts) -> list[Problem]:
    g = post.members
    if g is None or not g.disciplined or post.regime not in MEMBER_RULE or not _adds_up(g) or g.disciplined > g.total:
        return []  # more than the total is E308
    failing = g.count("khong_hoan_thanh")
    if g.disciplined <= failing:
        return []
    return [problem_at(post, ("results", "members", "disciplined"), "W514", _(
        "results.members: {disciplined} disciplined during the year, but {failing} rated khong_hoan_thanh; "
        "under {regime}, a member disciplined during the year is rated khong_hoan_thanh (a violation "
        "already counted in last year's rating counts once: then say so in the text)").format(
        disciplined=number(g.disciplined), failing=number(failing), regime=REGIME_NAME[post.regime]))]


def _organizations(post: PostFacts) -> list[Problem]:
    g = post.organizations
    if g is None or not g.disciplined or g.disciplined > g.total or post.level is None:
        return []
    if post.regime == "366" and post.level == "xuat_sac":
        return [problem_at(post, ("results", "unit", "level"), "W515", _(
            "the unit is rated xuat_sac, but {disciplined} of its organisations were disciplined during the "
            "year (results.organizations.disciplined); under 366-QĐ/TW (Điều 11), a collective rated xuat_sac "
            "has no subordinate unit disciplined").format(disciplined=number(g.disciplined)))]
    if (post.regime in SHARE_RULE and post.level != "khong_hoan_thanh" and g.total
            and g.disciplined * 100 > SHARE * g.total):
        return [problem_at(post, ("results", "unit", "level"), "W516", _(
            "the unit is rated {level}, but {disciplined} of its {total} organisations were disciplined during "
            "the year, over {share}; under {regime}, a collective with over {share} of its subordinate units "
            "disciplined is rated khong_hoan_thanh").format(
            level=post.level, disciplined=number(g.disciplined), total=number(g.total), share=f"{SHARE}%",
            regime=REGIME_NAME[post.regime]))]
    return []


def _adds_up(g: CountGroup) -> bool:
    """Counts that do not add up are E301, and an unsplit group does not say who is
    khong_hoan_thanh: a rule over them would repeat the slip or guess."""
    return not g.unsplit and sum(g.counts) == g.rated

