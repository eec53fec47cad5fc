"""A ward committee's archive of 10,000 meeting posts builds within 300 MB (the memory
budget in docs/performance.md). Measured as the highest
resident size of the build process and of each of its worker processes."""
import os
import random
import shutil
import subprocess
import sys

from sitekit import SITE_YAML

POSTS = 10_000
UNITS = 300
LIMIT_MB = 300

WORDS = ("chi bộ", "đảng viên", "nghị quyết", "kiểm điểm", "phê bình", "tự phê bình", "nhiệm vụ",
         "chuyên môn", "học sinh", "giáo viên", "thôn", "khu phố", "an ninh", "trật tự",
         "chuyển đổi số", "dân vận", "thi đua", "khắc phục", "hạn chế", "đoàn kết", "kỷ luật",
         "kế hoạch", "năm học", "ủy ban", "mặt trận", "đoàn thanh niên", "hội phụ nữ")


def _body(rng: random.Random, i: int) -> str:
    paragraphs = []
    for p in range(7):
        words = [rng.choice(WORDS) for _ in range(rng.randint(60, 90))]
        words[0] = words[0].capitalize()
        if p == 2:
            words[3] = f"**{words[3]}**"
        paragraphs.append(" ".join(words) + f" (đoạn {p + 1}, bài {i}).")
    paragraphs.insert(3, "\n".join(f"- {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}." for _ in range(4)))
    return "\n\n".join(paragraphs) + "\n"


def make_site(root: str) -> None:
    rng = random.Random(8)
    os.makedirs(os.path.join(root, "content", "posts"))
    with open(os.path.join(root, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(SITE_YAML)
    units = ["- id: dang-uy-phuong-lon\n  name: Đảng ủy phường Lớn\n  kind: dang_bo\n"]
    units += [f"- id: chi-bo-{u}\n  name: Chi bộ khu phố {u}\n  kind: chi_bo\n  parent: dang-uy-phuong-lon\n"
              for u in range(UNITS)]
    with open(os.path.join(root, "content", "units.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(units))
    for i in range(POSTS):
        year = 2015 + i % 10
        unit = i % UNITS
        total = rng.randint(8, 60)
        excellent = total // 10
        good = total - excellent - 2
        folder = os.path.join(root, "content", "posts", str(year + 1))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"bai-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(f"""---
title: "Chi bộ khu phố {unit}: kiểm điểm năm {year} (bài {i})"
date: {1 + i % 28:02d}/12/{year}
slug: kiem-diem-{i:05d}
unit: chi-bo-{unit}
review_year: {year}
tags: ["Kiểm điểm cuối năm", "Khu phố {unit % 7}"]
attendance: {{members: {total}, present: {total - 1}}}
results:
  unit:
    level: tot
    votes: {{agree: {total - 1}, of: {total - 1}}}
  members:
    total: {total}
    xuat_sac: {excellent}
    tot: {good}
    hoan_thanh: 2
---

{_body(rng, i)}""")


def test_a_10000_post_site_builds_within_300_mb(tmp_path):
    base = "/dev/shm" if os.path.isdir("/dev/shm") else str(tmp_path)  # spare the disk 17,000 files
    root = os.path.join(base, f"sitegen-large-{os.getpid()}")
    shutil.rmtree(root, ignore_errors=True)
    try:
        make_site(root)
        # VmHWM for the build process itself (ru_maxrss would carry pytest's size over
        # exec); the workers are its children, whose ru_maxrss is their own peak.
        probe = ("import resource, sys; from sitegen.cli import main; code = main(['build', '-s', sys.argv[1]]); "
                 "hwm = int([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]); "
                 "print(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")
        proc = subprocess.run([sys.executable, "-c", probe, root], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        main_kb, workers_kb = (int(x) for x in proc.stdout.split()[-2:])
        pages = sum(1 for _, _, names in os.walk(os.path.join(root, "output")) for n in names if n == "index.html")
        assert pages > POSTS + UNITS, pages
        with open(os.path.join(root, "output", str(2015 + 9999 % 10), "kiem-diem-09999", "index.html"), encoding="utf-8") as f:
            assert "(đoạn 7, bài 9999)" in f.read()
        print(f"{POSTS:,} posts: build peak {main_kb / 1024:.0f} MB, workers {workers_kb / 1024:.0f} MB")
        assert main_kb / 1024 < LIMIT_MB and workers_kb / 1024 < LIMIT_MB, (main_kb, workers_kb)
    finally:
        shutil.rmtree(root, ignore_errors=True)
