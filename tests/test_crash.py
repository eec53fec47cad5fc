"""A build killed at any moment, and two builds at once, never leave a wrong site."""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import golden
from sitegen.write import sitelock
from sitegen.build import build
from sitekit import run
from test_build import tree_hashes

TITLE = "title: Đảng ủy xã Đông Lâm Hạ"


def example_site(tmp_path, extra_posts: int = 0) -> str:
    site = str(tmp_path / "site")
    shutil.copytree(os.path.join(golden.ROOT, "content"), os.path.join(site, "content"))
    shutil.copy(os.path.join(golden.ROOT, "site.yaml"), site)
    for i in range(extra_posts):  # more pages: a longer stretch of writing to land in
        with open(os.path.join(site, "content", "posts", "2024", f"tin-{i:03d}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Tin sinh hoạt số {i}\ndate: 0{1 + i % 9}/03/2024\n---\n\nNội dung tin số {i}.\n")
    return site


def set_title(site: str, suffix: str) -> None:
    """Every page shows the site's title: changing it changes every page (same length)."""
    path = os.path.join(site, "site.yaml")
    with open(path, encoding="utf-8") as f:
        lines = [TITLE + suffix if line.startswith("title:") else line for line in f.read().splitlines()]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def sitegen(site: str, *args, quiet: bool = False) -> subprocess.Popen:
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen([sys.executable, "-m", "sitegen", *args, "-s", site],
                            stdout=out, stderr=out, text=True)


def clean_build(site: str, into: str) -> dict:
    shutil.rmtree(into, ignore_errors=True)
    assert build(site, output=into, cache=False).ok
    return tree_hashes(into)


def test_a_build_killed_at_any_moment_is_repaired_by_the_next(tmp_path):
    """Kill `sitegen build` with SIGKILL at random moments while it switches every page to
    a new title, then put the old title back (same length, so a stale page would keep its
    size): the next build must make output/ exactly what a clean build makes."""
    site = example_site(tmp_path, extra_posts=150)
    set_title(site, " A")
    assert sitegen(site, "build", quiet=True).wait() == 0
    started = time.perf_counter()
    set_title(site, " B")
    assert sitegen(site, "build", quiet=True).wait() == 0  # how long a full switch takes here
    duration = time.perf_counter() - started
    set_title(site, " A")
    assert sitegen(site, "build", quiet=True).wait() == 0
    expected = clean_build(site, str(tmp_path / "clean"))
    rng = random.Random(8)
    moments = sorted(rng.uniform(0.05, duration * 1.1) for _ in range(12))
    for moment in moments:
        set_title(site, " B")
        proc = sitegen(site, "build", quiet=True)
        time.sleep(moment)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        set_title(site, " A")
        again = sitegen(site, "build")
        out, err = again.communicate()
        assert again.returncode == 0, err
        assert tree_hashes(os.path.join(site, "output")) == expected, f"killed after {moment:.2f} s"
        leftovers = [n for _, _, names in os.walk(os.path.join(site, "output")) for n in names
                     if n.endswith(".sitegen-tmp")]
        assert not leftovers


def test_a_second_build_while_one_runs_is_refused_clearly(tmp_path):
    site = example_site(tmp_path)
    with sitelock.site_lock(site, "build"):
        code, out, err = run("build", "-s", site)
        assert code == 2
        assert f"`sitegen build` (process {os.getpid()}) is writing this site" in err
        assert "run the command again" in err
        assert not os.path.exists(os.path.join(site, "output"))
        proc = sitegen(site, "serve", "--port", "8765")
        _, serve_err = proc.communicate(timeout=60)
        assert proc.returncode == 2 and "is writing this site" in serve_err
    assert run("build", "-s", site)[0] == 0  # released: the next build runs


def test_builds_started_together_do_not_corrupt_each_other(tmp_path):
    site = example_site(tmp_path, extra_posts=100)
    procs = [sitegen(site, "build") for _ in range(3)]
    errors = [p.communicate()[1] for p in procs]
    results = [(p.returncode, err) for p, err in zip(procs, errors)]
    assert all(code == 0 or (code == 2 and "is writing this site" in err) for code, err in results), results
    assert any(code == 0 for code, _ in results)
    assert tree_hashes(os.path.join(site, "output")) == clean_build(site, str(tmp_path / "clean"))


def test_temporary_files_of_a_cut_off_write_are_removed_and_nothing_else(tmp_path):
    """A build killed between writing a file's temporary copy and renaming it leaves
    `name.sitegen-tmp` beside the file; the next build removes it, and a file of the
    user's that merely ends the same way, beside no file of sitegen's, stays."""
    from sitegen.write import sitelock
    site = example_site(tmp_path)
    assert sitegen(site, "build", quiet=True).wait() == 0
    output = os.path.join(site, "output")
    ours = os.path.join(output, "index.html.sitegen-tmp")
    theirs = os.path.join(output, "ghi-chu.txt.sitegen-tmp")
    for path in (ours, theirs):
        with open(path, "w") as f:
            f.write("dở dang")
    sitelock.distrust_output(site)  # as a build killed while writing leaves it
    assert sitegen(site, "build", quiet=True).wait() == 0
    assert not os.path.exists(ours)
    with open(theirs) as f:
        assert f.read() == "dở dang"
