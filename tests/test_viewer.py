"""The photo viewer in a real Chromium, used with the keyboard only and by swiping."""
import pytest

import golden
from browser import chromium

POST = "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/index.html"


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    out = tmp_path_factory.mktemp("viewer") / "output"
    golden.build_example(str(out))
    return out


def test_viewer_opens_moves_and_closes_with_the_keyboard(output):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((output / POST).as_uri())
        first = page.locator(".gallery a.zoom").first
        first.focus()
        page.keyboard.press("Enter")
        viewer = page.locator(".viewer")
        assert viewer.is_visible()
        assert page.evaluate("() => document.activeElement.className") == "v-close"
        assert page.locator(".v-count").text_content() == "1/2"
        assert page.locator(".viewer figcaption").text_content() == "Quang cảnh hội nghị tại phòng họp nhà trường"
        page.keyboard.press("ArrowRight")
        assert page.locator(".v-count").text_content() == "2/2"
        page.keyboard.press("ArrowRight")
        assert page.locator(".v-count").text_content() == "1/2"  # wraps around
        for _ in range(5):  # Tab stays inside the dialog
            page.keyboard.press("Tab")
            assert page.evaluate("() => !!document.activeElement.closest('.viewer')")
        page.keyboard.press("Escape")
        assert not viewer.is_visible()
        assert page.evaluate("() => document.activeElement.classList.contains('zoom')")
        assert errors == []


def test_viewer_swipes_on_a_phone(output):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto((output / POST).as_uri())
        page.locator(".gallery a.zoom").first.tap()
        assert page.locator(".v-count").text_content() == "1/2"
        page.evaluate("""() => {
            const box = document.querySelector('.viewer');
            const touch = x => new Touch({identifier: 1, target: box, clientX: x, clientY: 300});
            box.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(300)], bubbles: true}));
            box.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(100)], bubbles: true}));
        }""")
        assert page.locator(".v-count").text_content() == "2/2"
