"""The search page as readers use it, in Chromium: words from their start, the generated
results searched, newest first by date, a spelling suggested, nothing lost while the
index loads, and a plain link where there is no JavaScript."""
import functools
import http.server
import threading
import time

import pytest
from browser import chromium
from sitekit import POST, write_site

from sitegen.build import build

RULES = POST.replace("date: 20/12/2024", "date: 28/12/2024\nslug: quy-dinh").replace(
    "unit: chi-bo-thon-dong-lam", "unit: chi-bo-thon-tay-lam").replace(
    "Sáng 20/12, Chi bộ thôn Đông Lâm tổ chức hội nghị.", "Hội nghị quán triệt Quy định mới về kiểm điểm.")
COMMITTEE = ("---\ntitle: Hội nghị giao ban tháng Giêng, lịch họp\ndate: 05/01/2025\nslug: lich-hop\n---\n\n"
             "Đảng ủy xã An Khê thông báo lịch họp.\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site over HTTP, with the index held back for a second when asked (?cham)."""
    root = tmp_path_factory.mktemp("tim")
    site = write_site(root, {"content/posts/2024/quy-dinh.md": RULES, "content/posts/2025/lich-hop.md": COMMITTEE})
    assert build(site).ok
    output = str(root / "output")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.endswith("du-lieu.js") and "slow" in self.headers.get("Referer", ""):
                time.sleep(1.5)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=output))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tim-kiem/index.html"
    server.shutdown()
    server.server_close()


def titles(page):
    return page.locator("#ket-qua-tim h2").all_text_contents()


def wait_answer(page):
    page.wait_for_function("() => document.querySelector('#trang-thai').textContent")


def test_words_match_from_their_start(served):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served + "?q=dang+uy")
        wait_answer(page)
        assert titles(page) == ["Hội nghị giao ban tháng Giêng, lịch họp"]  # not the post that says "Quy định"
        page.goto(served + "?q=quy+dinh")
        wait_answer(page)
        assert len(titles(page)) == 1 and "Quy" in page.locator("#ket-qua-tim mark").all_text_contents()


def test_newest_first_by_date(served):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served + "?q=hoi+nghi")  # in every title: tied, so by date, not by the text "DD/MM"
        wait_answer(page)
        dates = [d.split(" · ")[0] for d in page.locator("#ket-qua-tim .meta").all_text_contents()]
        assert dates == ["05/01/2025", "28/12/2024", "20/12/2024"]


def test_the_generated_results_are_searched_and_a_slip_gets_a_suggestion(served):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served + "?q=xuat+sac")  # written only in the "Kết quả" sitegen generates
        wait_answer(page)
        assert len(titles(page)) == 2
        page.goto(served + "?q=xuat+xac")
        wait_answer(page)
        assert "Không tìm thấy bài nào" in page.locator("#trang-thai").text_content()
        page.locator("#trang-thai a.suggestion").filter(has_text="xuất sắc").click()
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 2")
        assert page.input_value("#q") == "xuất sắc"
        links = page.locator("#trang-thai a").all_text_contents()
        assert links == []  # found: no suggestion or links left
        page.fill("#q", "khong co tu nay")
        page.wait_for_function("() => document.querySelector('#trang-thai').textContent.includes('lưu trữ')")
        assert page.locator("#trang-thai a").all_text_contents() == ["lưu trữ theo năm", "kết quả xếp loại"]


def test_what_was_typed_before_the_index_loaded_is_searched(served):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served + "?slow", wait_until="domcontentloaded")
        page.fill("#q", "lich hop")  # the form is there at once; the index comes 1.5 s later
        page.wait_for_function("() => document.querySelectorAll('#ket-qua-tim li').length == 1", timeout=10000)
        assert page.input_value("#q") == "lich hop"


def test_without_javascript_no_form_but_a_link_to_the_archive(served):
    with chromium() as browser:
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(served)
        assert not page.locator("#tim-kiem").is_visible()
        assert page.get_by_role("link", name="lưu trữ theo năm").is_visible()


def test_the_search_box_is_one_line_high_on_a_phone(served):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(served)
        box = page.locator("#q").bounding_box()
        assert box["height"] < 60 and box["width"] > 250
