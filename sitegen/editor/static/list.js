// sitegen's editor: the list of the site's posts and pages, by year, each with its unit's
// name and the problems it has now; found by title, unit or file name as typed (without
// marks too), and narrowed to those with problems. editor.js draws it with sitegenList(ed).
"use strict";
window.sitegenList = function (ed) {
  const {el, fold, open} = ed;
  const $ = (sel) => document.querySelector(sel);
  return function drawList(all, units) {
    // A unit by its name, as the clerk knows it; its id when units.yaml does not have it.
    const names = new Map(units.map((u) => [u.id, u.name]));
    const unitOf = (p) => (p.unit && names.get(p.unit)) || p.unit;
    const draw = () => {
      const q = fold($("#search").value), troubled = $("#troubled").checked;
      const found = all.filter((p) => (!q || fold([p.title, p.unit, unitOf(p), p.path].join(" ")).includes(q))
                                      && (!troubled || p.errors || p.warnings));
      const box = $("#list");
      box.replaceChildren();
      let year = null, ul = null;
      for (const p of found) {
        const y = p.kind === "page" ? "Trang" : String(p.year || "Chưa có ngày");
        if (y !== year) { year = y; box.append(el("h2", {text: y})); ul = el("ul", {class: "posts"}); box.append(ul); }
        const title = el("h3", {}, el("a", {href: "?path=" + encodeURIComponent(p.path), text: p.title,
          onclick: (e) => { e.preventDefault(); open(p.path); }}));
        if (p.draft) title.append(el("span", {class: "badge d", text: "nháp"}));
        if (p.errors) title.append(el("span", {class: "badge e", text: p.errors + " lỗi"}));
        if (p.warnings) title.append(el("span", {class: "badge w", text: p.warnings + " cảnh báo"}));
        ul.append(el("li", {}, title, el("p", {class: "meta", text: [p.date, unitOf(p), p.path].filter(Boolean).join(" · ")})));
      }
      if (!found.length) box.append(el("p", {text: troubled && !q ? "Không bài nào còn lỗi hay cảnh báo." : "Không có bài nào khớp."}));
    };
    $("#search").oninput = draw;
    $("#troubled").onchange = draw;
    draw();
  };
};
