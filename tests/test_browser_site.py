"""The whole example site in a real Chromium, served from the sub-path of base_url:
every page at a 360 px phone width, accessibility (axe-core), console and network
errors, search, and screenshots for people to look at (tests/artifacts/)."""
import functools
import http.server
import os
import shutil
import threading

import pytest

import golden


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
from browser import chromium

HERE = os.path.dirname(os.path.abspath(__file__))
AXE = os.path.join(HERE, "node_modules", "axe-core", "axe.min.js")
ARTIFACTS = os.path.join(HERE, "artifacts")
SUB = "/dang-uy-dong-lam-ha/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    www = tmp_path_factory.mktemp("www")
    golden.build_example(str(www / SUB.strip("/")))
    handler = functools.partial(QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB}", www / SUB.strip("/")
    server.shutdown()
    server.server_close()


def html_pages(output):
    return sorted(rel for rel in golden.tree(str(output)) if rel.endswith(".html"))


def test_every_page_on_a_phone(site_url):
    base, output = site_url
    assert os.path.isfile(AXE), "axe-core is missing: run `sh tests/install.sh`"
    problems = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        seen = []
        page.on("console", lambda m: seen.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: seen.append(f"failed request: {r.url}"))
        page.on("response", lambda r: seen.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        pages = html_pages(output)
        for rel in pages:
            url = base + ("" if rel == "index.html" else rel.replace("index.html", ""))
            seen.clear()
            page.goto(url)
            page.wait_for_load_state("load")
            info = page.evaluate("""() => ({
                description: (document.querySelector('meta[name=description]') || {}).content || '',
                lang: document.documentElement.lang, title: document.title,
                scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
                past: ((main) => Array.from(main.querySelectorAll('input, select, textarea, button'))
                    .filter((e) => e.offsetParent && e.getBoundingClientRect().right > main.getBoundingClientRect().right
                                   - parseFloat(getComputedStyle(main).paddingRight) + 0.5)
                    .map((e) => e.outerHTML.slice(0, 60)))(document.querySelector('main'))})""")
            if len(info["description"].strip()) < 20:  # search engines and chat previews show it
                problems.append(f"{rel}: description {info['description']!r}")
            if info["lang"] != "vi" or not info["title"].strip():
                problems.append(f"{rel}: lang={info['lang']!r} title={info['title']!r}")
            if info["scroll"] > info["width"]:
                problems.append(f"{rel}: scrolls sideways ({info['scroll']} > {info['width']} px)")
            problems += [f"{rel}: a control reaches past the page's margin: {c}" for c in info["past"]]
            page.add_script_tag(path=AXE)
            violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' × ' + v.nodes[0].target.join(' '))""")
            problems += [f"{rel}: axe {v}" for v in violations]
            problems += [f"{rel}: {s}" for s in seen]
    assert problems == [], "\n".join(problems)
    assert len(pages) == 48  # every HTML page of the example site, 404.html included


def test_results_read_on_a_phone_without_sideways_scrolling(site_url):
    """At 360 px every number of the results page, a unit's history and a post's tables
    lies inside the viewport's width, at a readable size; the chart's unit names too."""
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        for rel in ("ket-qua/2025/", "ket-qua/2024/", "don-vi/chi-bo-thon-an-thanh/", "don-vi/dang-uy-xa-dong-lam-ha/",
                    "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/"):
            page.goto(base + rel)
            cells = page.evaluate("""() => [...document.querySelectorAll('td.num')].map(c => {
                const r = c.getBoundingClientRect();
                return {left: r.left, right: r.right, font: parseFloat(getComputedStyle(c).fontSize),
                        text: c.textContent.trim()}; })""")
            assert cells, rel
            outside = [c for c in cells if c["left"] < 0 or c["right"] > 360]
            assert outside == [], rel
            assert min(c["font"] for c in cells) >= 14, rel
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, rel
        # A rating in words reads as a phrase beside its label: "(2 năm liền)" on one line,
        # not one word a line in a column of its own.
        page.goto(base + "don-vi/dang-uy-xa-dong-lam-ha/")
        streak = page.locator("table.stack strong", has_text="năm liền").first
        line = float(page.evaluate("(e) => parseFloat(getComputedStyle(e).lineHeight)", streak.element_handle()))
        assert streak.bounding_box()["height"] < 1.5 * line
        # Beside the two columns of a đảng bộ's roll-up, a level's name keeps room to read as words.
        lines = page.evaluate("""() => [...document.querySelectorAll('table.compare th[scope=row]')]
            .filter(th => th.textContent.includes('nhiệm vụ')).map(th => {
                const s = getComputedStyle(th);
                return (th.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom))
                       / parseFloat(s.lineHeight); })""")
        assert lines and max(lines) < 3.5, lines
        page.goto(base + "ket-qua/2025/")
        labels = page.evaluate("""() => [...document.querySelectorAll('.bar-label')].map(l =>
            parseFloat(getComputedStyle(l).fontSize))""")
        assert labels and min(labels) >= 12
        # each bar says what it shows to a screen reader
        assert "Hoàn thành tốt nhiệm vụ: 30 (81,1%)" in page.locator(".bar").first.get_attribute("aria-label")


def test_a_printed_results_page_names_the_site_and_leaves_out_navigation(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page()
        page.goto(base + "ket-qua/2025/")
        page.emulate_media(media="print")
        assert page.locator(".print-only").first.is_visible()
        assert "Đảng ủy xã Đông Lâm Hạ" in page.locator(".print-only").first.text_content()
        for hidden in (".site-header", "a[download]"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator("table.results-table thead").first.is_visible()  # print keeps the table
        page.emulate_media(media="screen")
        assert not page.locator(".print-only").first.is_visible()


DARK_PAGES = ["", "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/",
              "ket-qua/2025/", "don-vi/dang-uy-xa-dong-lam-ha/", "tim-kiem/?q=xuat+sac", "gioi-thieu/"]


def test_dark_mode_keeps_the_contrast(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740}, color_scheme="dark")
        problems = []
        for rel in DARK_PAGES:
            page.goto(base + rel)
            page.wait_for_load_state("load")
            background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(24, 24, 27)", rel  # dark indeed
            page.add_script_tag(path=AXE)
            problems += page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
        assert problems == []


def test_the_menu_marks_the_section_and_posts_lead_to_related_ones(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "ket-qua/2025/")
        assert page.locator(".menu a[aria-current]").all_text_contents() == ["Kết quả xếp loại"]
        page.goto(base + "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/")
        assert page.locator(".menu a[aria-current]").all_text_contents() == ["Tin bài"]
        related = page.get_by_role("complementary", name="Đọc thêm")
        assert related.get_by_role("heading").all_text_contents() == ["Các năm khác của đơn vị",
                                                                    "Cùng năm đánh giá 2025"]
        assert related.get_by_role("link", name="Năm 2024: Chi bộ Trường THCS Đông Lâm Hạ kiểm điểm năm 2024").count() == 1
        related.get_by_role("link", name="Kết quả xếp loại năm 2025 của các đơn vị").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/ket-qua/2025/index.html")
        page.goto(base)
        widths = page.evaluate("() => [...document.querySelectorAll('.card .thumb')].map(i => i.getBoundingClientRect().width)")
        assert widths and min(widths) >= 80  # thumbnails keep their size (5.5rem) on a phone


POST_NO_PHOTO = "2022/chi-bo-truong-tieu-hoc-dong-lam-ha-to-chuc-hoi-nghi-kiem-diem-nam-2022/"
STUB_VOICE = """
  (() => {
    window.__spoken = [];
    const voices = %s;
    const synth = {
      getVoices: () => voices, speak: (u) => window.__spoken.push(u.text + ' |' + u.lang),
      pause: () => window.__spoken.push('pause'), resume: () => window.__spoken.push('resume'),
      cancel: () => {}, addEventListener: () => {}, onvoiceschanged: null };
    Object.defineProperty(window, 'speechSynthesis', {value: synth});
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  })();
"""


def test_sharing_links_and_the_share_picture(site_url):
    base, output = site_url
    from PIL import Image
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + POST_NO_PHOTO)
        absolute = "https://example.gov.vn/dang-uy-dong-lam-ha/" + POST_NO_PHOTO
        facebook = page.get_by_role("link", name="Facebook").get_attribute("href")
        from urllib.parse import parse_qs, urlsplit
        assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?")
        assert parse_qs(urlsplit(facebook).query)["u"] == [absolute]
        assert page.get_by_role("link", name="Zalo").get_attribute("data-url") == absolute
        image = page.locator('meta[property="og:image"]').get_attribute("content")
        assert image.startswith("https://example.gov.vn/dang-uy-dong-lam-ha/anh/chia-se-")
        with Image.open(output / image.split("/dang-uy-dong-lam-ha/")[1]) as picture:
            assert picture.size == (1200, 630)
        page.get_by_role("link", name="Chép liên kết").click()
        page.locator(".share-said").filter(has_text="liên kết").wait_for()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.reload()
        page.wait_for_load_state("load")
        assert all(url.startswith(base) for url in requests)  # nothing asked of another site


def test_listening_needs_a_vietnamese_voice_and_reads_the_article(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page()
        page.add_init_script(STUB_VOICE % "[{lang: 'en-US', name: 'English'}]")
        page.goto(base + POST_NO_PHOTO)
        assert not page.locator("button.listen").is_visible()
        page = browser.new_page()
        page.add_init_script(STUB_VOICE % "[{lang: 'en-US', name: 'English'}, {lang: 'vi-VN', name: 'Tiếng Việt'}]")
        page.goto(base + POST_NO_PHOTO)
        listen = page.get_by_role("button", name="Nghe đọc bài")
        listen.click()
        spoken = page.evaluate("() => window.__spoken")
        assert len(spoken) == 1 and spoken[0].endswith("|vi-VN")
        text = spoken[0]
        assert text.startswith("Chi bộ Trường Tiểu học Đông Lâm Hạ tổ chức hội nghị kiểm điểm năm 2022")
        assert "Kết quả đánh giá, xếp loại chất lượng" in text  # the results are read too
        assert "Tin bài" not in text and "Lưu trữ" not in text  # not the menus
        page.get_by_role("button", name="Tạm dừng").click()
        page.get_by_role("button", name="Đọc tiếp").click()
        assert page.evaluate("() => window.__spoken")[1:] == ["pause", "resume"]


def test_a_post_page_own_styles_and_scripts_are_small(site_url):
    _, output = site_url
    html = (output / POST_NO_PHOTO / "index.html").read_text(encoding="utf-8")
    import re
    own = re.findall(r'(?:href|src)="((?:\.\./)+assets/[^"]+\.(?:css|js))"', html)
    assert own
    total = sum((output / POST_NO_PHOTO / url).resolve().stat().st_size for url in own)
    assert total < 40 * 1024, total


def test_a_unit_history_as_a_picture(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "don-vi/chi-bo-thon-an-thanh/")
        bars = page.locator("figure.chart .bar-row")
        assert bars.count() == 2
        assert bars.first.locator(".bar-label").text_content() == "2022 · Hoàn thành tốt nhiệm vụ"
        described = bars.first.locator("svg").get_attribute("aria-label")
        assert described.startswith("Năm 2022: tập thể Hoàn thành tốt nhiệm vụ; đảng viên: Hoàn thành xuất sắc nhiệm vụ: ")
        font = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.bar-label')).fontSize)")
        assert font >= 12


def test_the_header_search_box_on_wide_screens(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "luu-tru/")
        box = page.get_by_role("searchbox", name="Tìm bài")
        box.fill("xuat sac")
        box.press("Enter")
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length > 0")
        assert page.input_value("#q") == "xuat sac"
        narrow = browser.new_page(viewport={"width": 360, "height": 740})
        narrow.goto(base)
        assert not narrow.locator(".header-search").is_visible()  # phones: the menu's "Tìm kiếm"
        plain = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
        plain.goto(base)
        assert not plain.locator(".header-search").is_visible()  # no form where search cannot run


def test_search_finds_posts_without_tones(site_url):
    base, _ = site_url
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "tim-kiem/?q=truong+thcs+tieu+bieu")
        page.wait_for_selector("#ket-qua-tim li")
        first = page.locator("#ket-qua-tim h2").first
        assert first.text_content() == "Chi bộ Trường THCS Đông Lâm Hạ hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2025"
        assert first.locator("mark").all_text_contents() == ["Trường", "THCS", "tiêu", "biểu"]
        first.locator("a").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/index.html")
        # đ folds to d; a person's name; the year and unit filters
        page.goto(base + "tim-kiem/")
        page.fill("#q", "doan thi thanh xuan")
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 2")
        page.select_option("#nam", "2025")
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 1")
        page.fill("#q", "")
        page.select_option("#nam", "")
        page.select_option("#don-vi", "Chi bộ thôn An Thạnh")
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 2")
        assert page.locator("#trang-thai").text_content() == "2 kết quả"


def test_exact_tones_rank_first(tmp_path):
    """'hòa' and 'hoà' fold alike; the one typed exactly comes first, and 'hoa' finds both."""
    from sitekit import POST, write_site
    from sitegen.build import build
    a = POST.replace("date: 20/12/2024", "date: 21/12/2024\nslug: a").replace("Chi bộ thôn Đông Lâm tổ chức", "Thôn Hoà Bình tổ chức")
    b = POST.replace("date: 20/12/2024", "date: 22/12/2024\nslug: b").replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam").replace("Chi bộ thôn Đông Lâm tổ chức", "Thôn Hòa Bình tổ chức")
    site = write_site(tmp_path, {"content/posts/2024/hoi-nghi.md": a, "content/posts/2024/b.md": b})
    assert build(site).ok
    with chromium() as browser:
        page = browser.new_page()
        url = (tmp_path / "output" / "tim-kiem" / "index.html").as_uri()
        for query, first in (("hòa bình", "/b/"), ("hoà bình", "/a/")):
            page.goto(url + "?q=" + query)
            page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 2")
            assert first in page.locator("#ket-qua-tim a").first.get_attribute("href")
        page.goto(url + "?q=hoa")
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 2")


SHOTS = {"trang-chu": "", "bai-viet": "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/",
         "ket-qua": "ket-qua/2025/", "tim-kiem": "tim-kiem/?q=kiem+diem+2024"}


def test_screenshots(site_url):
    base, _ = site_url
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    os.makedirs(ARTIFACTS)
    with chromium() as browser:
        for width, name in ((360, "dien-thoai"), (1280, "may-tinh")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for shot, path in SHOTS.items():
                page.goto(base + path)
                page.wait_for_load_state("load")
                page.screenshot(path=os.path.join(ARTIFACTS, f"{shot}-{name}.png"), full_page=True)
            page.close()
    assert len(os.listdir(ARTIFACTS)) == 8
