/* sitegen, a post's page: sharing to Zalo and copying the link, listening to the article
   with the browser's own Vietnamese voice, printing. Nothing is sent anywhere until the
   reader clicks; without JavaScript the share links are plain links. */
(function () {
  "use strict";
  var said = document.querySelector(".share-said");

  function tell(text) { if (said) { said.textContent = text; } }

  function copy(url) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(url).then(function () { return true; }, function () { return false; });
    }
    var box = document.createElement("textarea");
    box.value = url; box.setAttribute("readonly", ""); box.style.position = "fixed"; box.style.opacity = "0";
    document.body.appendChild(box); box.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(box);
    return Promise.resolve(ok);
  }

  var copyLink = document.querySelector(".copy-link");
  if (copyLink) {
    copyLink.addEventListener("click", function (e) {
      e.preventDefault();
      copy(copyLink.getAttribute("data-url")).then(function (ok) {
        tell(ok ? "Đã chép liên kết." : "Chưa chép được; hãy chép địa chỉ trên thanh địa chỉ.");
      });
    });
  }
  /* Zalo has no share address that works without its own script; the phone's share
     sheet (where the Zalo app is) does, and elsewhere the link is copied to paste. */
  var zalo = document.querySelector(".share-zalo");
  if (zalo) {
    zalo.addEventListener("click", function (e) {
      e.preventDefault();
      var url = zalo.getAttribute("data-url"), title = zalo.getAttribute("data-title");
      if (navigator.share) {
        navigator.share({ title: title, url: url }).catch(function () {});
      } else {
        copy(url).then(function (ok) {
          tell(ok ? "Đã chép liên kết: mở Zalo và dán vào tin nhắn." : "Hãy chép địa chỉ trang để gửi qua Zalo.");
        });
      }
    });
  }

  var printer = document.querySelector(".print-page");
  if (printer && window.print) {
    printer.hidden = false;
    printer.addEventListener("click", function () { window.print(); });
  }

  /* Listening: the title, the body and the "Kết quả", never the menus. The button shows
     only where the browser has a Vietnamese voice. */
  var listen = document.querySelector(".listen"), speech = window.speechSynthesis;
  if (!listen || !speech || !window.SpeechSynthesisUtterance) { return; }
  function voice() {
    return speech.getVoices().filter(function (v) { return /^vi\b/i.test(v.lang.replace("_", "-")); })[0];
  }
  function text() {
    var parts = [];
    [".post h1", ".post .body", ".post .results"].forEach(function (sel) {
      var node = document.querySelector(sel);
      if (node) { parts.push(node.innerText); }
    });
    return parts.join("\n\n");
  }
  var state = "idle";
  function setState(next) {
    state = next;
    listen.textContent = next === "speaking" ? "Tạm dừng" : (next === "paused" ? "Đọc tiếp" : "Nghe đọc bài");
    listen.setAttribute("aria-pressed", next === "speaking" ? "true" : "false");
  }
  listen.addEventListener("click", function () {
    if (state === "speaking") { speech.pause(); setState("paused"); return; }
    if (state === "paused") { speech.resume(); setState("speaking"); return; }
    var found = voice();
    if (!found) { return; }
    var u = new SpeechSynthesisUtterance(text());
    u.voice = found; u.lang = found.lang; u.rate = 1;
    u.onend = function () { setState("idle"); };
    speech.cancel();
    speech.speak(u);
    setState("speaking");
  });
  function offer() { listen.hidden = !voice(); }
  offer();
  if ("onvoiceschanged" in speech) { speech.addEventListener("voiceschanged", offer); }
}());
