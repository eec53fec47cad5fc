/* sitegen photo viewer: full screen, keyboard (Esc, ←, →, Tab) and swipe. No dependencies.
   Without JavaScript each photo is a plain link to its largest copy. */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll(".gallery a.zoom"));
  if (!links.length) { return; }
  var box, img, caption, counter, index = 0, opener = null, touchX = null;

  function button(cls, label, text) {
    var b = document.createElement("button");
    b.type = "button"; b.className = cls; b.setAttribute("aria-label", label); b.textContent = text;
    return b;
  }

  function build() {
    box = document.createElement("div");
    box.className = "viewer"; box.hidden = true;
    box.setAttribute("role", "dialog"); box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", "Xem ảnh");
    var close = button("v-close", "Đóng (Esc)", "×");
    var prev = button("v-prev", "Ảnh trước", "‹");
    var next = button("v-next", "Ảnh sau", "›");
    var figure = document.createElement("figure");
    img = document.createElement("img");
    caption = document.createElement("figcaption");
    counter = document.createElement("span");
    counter.className = "v-count";
    figure.appendChild(img); figure.appendChild(caption);
    box.appendChild(close); box.appendChild(prev); box.appendChild(figure); box.appendChild(next);
    box.appendChild(counter);
    close.addEventListener("click", hide);
    prev.addEventListener("click", function () { show(index - 1); });
    next.addEventListener("click", function () { show(index + 1); });
    box.addEventListener("click", function (e) { if (e.target === box) { hide(); } });
    box.addEventListener("keydown", onKey);
    box.addEventListener("touchstart", function (e) { touchX = e.changedTouches[0].clientX; }, { passive: true });
    box.addEventListener("touchend", function (e) {
      if (touchX === null) { return; }
      var dx = e.changedTouches[0].clientX - touchX;
      touchX = null;
      if (Math.abs(dx) > 40) { show(index + (dx < 0 ? 1 : -1)); }
    });
    document.body.appendChild(box);
  }

  function show(i) {
    index = (i + links.length) % links.length;
    var link = links[index], thumb = link.querySelector("img");
    img.src = link.getAttribute("href");
    img.alt = thumb ? thumb.alt : "";
    caption.textContent = link.getAttribute("data-caption") || "";
    counter.textContent = (index + 1) + "/" + links.length;
  }

  function open(i) {
    if (!box) { build(); }
    opener = document.activeElement;
    show(i);
    box.hidden = false;
    document.documentElement.classList.add("viewer-open");
    box.querySelector(".v-close").focus();
  }

  function hide() {
    box.hidden = true;
    document.documentElement.classList.remove("viewer-open");
    if (opener && opener.focus) { opener.focus(); }
  }

  function onKey(e) {
    if (e.key === "Escape") { e.preventDefault(); hide(); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); show(index - 1); }
    else if (e.key === "ArrowRight") { e.preventDefault(); show(index + 1); }
    else if (e.key === "Tab") {  /* keep focus inside the dialog */
      var buttons = box.querySelectorAll("button");
      var first = buttons[0], last = buttons[buttons.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    }
  }

  links.forEach(function (link, i) {
    link.addEventListener("click", function (e) { e.preventDefault(); open(i); });
  });
}());
