"""The rules of the guidance that tie a rating to numbers, where the guidance puts them
(docs/rules.md gives each clause, its words and how sure the reading is).

- W501, the quota: the members rated "Hoàn thành xuất sắc nhiệm vụ" are at most a share
  (20%) of those rated "Hoàn thành tốt nhiệm vụ", decided "trong từng tổ chức cơ sở
  đảng" (21-HD/BTCTW). Checked on a tổ chức cơ sở đảng's own members only: not on a chi
  bộ inside one, not on the aggregate totals of a đảng bộ above the cơ sở.
- W511 and W512, the criteria of a unit's level under 21-HD/BTCTW (review years 2019 to
  2022): a chi bộ rated "Hoàn thành xuất sắc nhiệm vụ" has all its members at "Hoàn thành
  nhiệm vụ" or better and at least 80% at "Hoàn thành tốt nhiệm vụ" or better; a đảng bộ
  the same over its subordinate organisations (from its own counts, else from their
  posts); "Hoàn thành tốt nhiệm vụ" the same with 50%.

Warnings, never errors: a province's own guidance may be stricter, and a post may report
a proposal the upper committee later changed. Pure; run across the site's posts, as
they need the units and the children's posts.
"""
from __future__ import annotations

from sitegen.check.rules import REGIME_NAME
from sitegen.lang import N_, _, ngettext, number
from sitegen.problems import Problem
from sitegen.read.model import CountGroup, PostFacts, Quota, Rules
from sitegen.read.units import children_index, children_on

BASE, UNDER, ABOVE = "base", "under", "above"  # where a unit stands against the tổ chức cơ sở đảng
# The years Hướng dẫn 21-HD/BTCTW (18/10/2019) guided, under 132-QĐ/TW, until 124-QĐ/TW.
CRITERIA_YEARS = range(2019, 2023)
_CHI_BO = ("chi_bo", "chi_bo_co_so")
_WHOM = {True: N_("party cell"), False: N_("party committee with subordinate units")}


def standing(unit_id: str, units: dict, day, index: dict | None = None) -> str | None:
    """BASE for a tổ chức cơ sở đảng, UNDER for a chi bộ or đảng bộ bộ phận inside one,
    ABOVE for a đảng bộ above the cơ sở; None for an unknown unit. A `dang_bo` is a cơ sở
    unless one of its units is itself a cơ sở or a đảng bộ; a `chi_bo` with no parent in
    units.yaml stands alone, as a chi bộ cơ sở."""
    unit = units.get(unit_id)
    if unit is None:
        return None
    if unit.kind in ("chi_bo_co_so", "dang_bo_co_so"):
        return BASE
    if unit.kind == "dang_bo_cap_tren":
        return ABOVE
    if unit.kind in ("chi_bo", "dang_bo_bo_phan"):
        return UNDER if unit.parent_on(day) in units else BASE
    children = children_on(index if index is not None else children_index(units), unit_id, day)
    above = any(c.kind in ("chi_bo_co_so", "dang_bo_co_so", "dang_bo", "dang_bo_cap_tren") for c in children)
    return ABOVE if above else BASE


def quota_limit(g: CountGroup, quota: Quota, regime: str) -> tuple[int, int, int]:
    """(percent, base count, most xuat_sac allowed), in integer arithmetic, never rounded up."""
    percent = quota.outstanding_percent if (g.outstanding and regime == "366") else quota.percent
    base = g.count("tot") + (g.count("xuat_sac") if quota.base == "tot_or_better" else 0)
    return percent, base, base * percent // 100


def problems_of(posts: list, units: dict, quota: Quota, rules: Rules) -> list[Problem]:
    """W501, W511 and W512 for every meeting post of a known unit."""
    out = []
    own = {}
    index = children_index(units)
    for post in posts:
        if post.period == "year" and post.level is not None:
            own.setdefault((post.unit, post.review_year), post)
    percents = {"xuat_sac": rules.xuat_sac_unit, "tot": rules.tot_unit}
    for post in posts:
        if post.review_year is None or post.unit not in units:
            continue
        if (rules.quota and post.members is not None
                and standing(post.unit, units, post.meeting_day, index) == BASE):
            out += _quota(post, post.members, quota)
        percent = percents.get(post.level)
        if percent is not None and post.regime == "132" and post.review_year in CRITERIA_YEARS:
            out += _criteria(post, units, own, percent, index)
    return out


def _at(post: PostFacts, path) -> tuple:
    return post.at(path) or post.at(("results", "unit", "level")) or post.at(("title",)) or (1, 1)


def _quota(post: PostFacts, g: CountGroup, quota: Quota) -> list[Problem]:
    if sum(g.counts) + g.unsplit != g.rated:
        return []  # counts that do not add up are E301; a quota of them would repeat the slip
    xuat_sac = g.count("xuat_sac")
    percent, base, limit = quota_limit(g, quota, post.regime)
    if xuat_sac <= limit:
        return []
    base_name = _("tot") if quota.base == "tot" else _("tot + xuat_sac")
    hint = (_("; if the competent level allowed {percent} for this unit, write `outstanding: true`").format(
        percent=f"{quota.outstanding_percent}%") if post.regime == "366" and not g.outstanding else "")
    line, column = _at(post, ("results", "members", "xuat_sac"))
    return [Problem(post.rel, line, column, "W501", _(
        "results.members: under {regime}, the members rated xuat_sac are at most {percent} of those rated "
        "{base_name} in each base organisation of the Party: {percent} of {base} is {limit}, here there are "
        "{xuat_sac}{hint}").format(
        regime=REGIME_NAME[post.regime], percent=f"{percent}%", base_name=base_name, base=number(base),
        limit=number(limit), xuat_sac=number(xuat_sac), hint=hint))]


def _criteria(post: PostFacts, units: dict, own: dict, percent: int, index: dict) -> list[Problem]:
    unit = units[post.unit]
    chi_bo = unit.kind in _CHI_BO
    group = post.members if chi_bo else post.organizations
    found = []
    if group is not None and sum(group.counts) + group.unsplit == group.rated:
        failing = group.count("khong_hoan_thanh")  # 0 when not given: only what is known is checked
        good = group.count("xuat_sac") + group.count("tot")
        if failing:
            found.append(_("{count} khong_hoan_thanh").format(count=number(failing)))
        if group.rated and good * 100 < percent * group.rated:
            found.append(_("{good}/{rated} at tot or better").format(good=number(good), rated=number(group.rated)))
    elif group is None and not chi_bo:
        found = _from_children(post, own, percent, index)
    if not found:
        return []
    code = "W511" if post.level == "xuat_sac" else "W512"
    noun = _("members") if chi_bo else _("organisations")
    message = _("under 21-HD/BTCTW (II.B, 1.3), a {whom} rated {level} has all its {noun} at hoan_thanh or "
                "better, and at least {percent} at tot or better: here {found}").format(
        whom=_(_WHOM[chi_bo]), level=post.level, noun=noun, percent=f"{percent}%", found="; ".join(found))
    line, column = _at(post, ("results", "unit", "level"))
    return [Problem(post.rel, line, column, code, message)]


def _from_children(post: PostFacts, own: dict, percent: int, index: dict) -> list:
    """A đảng bộ's criteria from its units' own posts for the year, naming them."""
    kids = sorted(u.id for u in children_on(index, post.unit, post.meeting_day))
    rated = {kid: own[(kid, post.review_year)].level for kid in kids if (kid, post.review_year) in own}
    if not rated:
        return []
    found = []
    failing = sorted(kid for kid, level in rated.items() if level == "khong_hoan_thanh")
    if failing:
        found.append(_("the posts of {units} say khong_hoan_thanh").format(units=", ".join(failing)))
    good = [kid for kid, level in rated.items() if level in ("xuat_sac", "tot")]
    if len(rated) == len(kids) and len(good) * 100 < percent * len(kids):
        found.append(ngettext("the post of its {count} unit gives {good} at tot or better ({units})",
                              "the posts of its {count} units give {good} at tot or better ({units})",
                              len(kids)).format(
            count=len(kids), good=len(good), units=", ".join(sorted(good)) or _("none")))
    return found
