/* sitegen search: runs in the browser over tim-kiem/du-lieu.js, no server needed.
   Matching ignores tones and marks, đ included ("dang uy" finds "Đảng ủy"); results that
   match with the same tones as typed come first; matches are highlighted. */
(function () {
  "use strict";
  var data = window.SITEGEN_SEARCH;
  var form = document.getElementById("tim-kiem");
  if (!data || !form) { return; }
  var input = document.getElementById("q"), yearBox = document.getElementById("nam"),
      unitBox = document.getElementById("don-vi"), list = document.getElementById("ket-qua-tim"),
      status = document.getElementById("trang-thai"), root = form.getAttribute("data-root");

  /* One character in, one character out, so positions in the folded text are positions
     in the original: that is what lets matches be highlighted. Plain lower-case ASCII is
     left alone; every other character is folded once and remembered. */
  var folded = Object.create(null);
  function foldChar(ch) {
    var out = folded[ch];
    if (out === undefined) {
      var low = ch.toLowerCase();
      if (low === "đ") { out = "d"; }
      else {
        var base = low.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
        out = base.length === 1 ? base : (low.length === 1 ? low : ch);
      }
      folded[ch] = out;
    }
    return out;
  }
  function fold(text) { return text.replace(/[^\x00-\x40\x5b-\x7f]/g, foldChar); }

  /* Body text arrives folded (d[8]); titles, units, tags, names and the lead are folded
     here, and are also where a match with exactly the typed tones earns its bonus. */
  var docs = data.docs.map(function (d) {
    var unit = d[4] >= 0 ? data.units[d[4]] : "";
    var tags = d[5].map(function (t) { return data.tags[t]; }).join(", ");
    var head = [d[1], unit, tags, d[6], String(d[3]), d[2], d[7]].join(" \u2022 ");
    return { url: d[0], title: d[1], date: d[2], year: String(d[3]), unit: unit, text: d[7],
             titleLow: d[1].toLowerCase(), titleFold: fold(d[1]), unitFold: fold(unit),
             allLow: head.toLowerCase(), allFold: fold(head) + " \u2022 " + d[8] };
  });

  function option(box, value) {
    var o = document.createElement("option");
    o.value = value; o.textContent = value; box.appendChild(o);
  }
  Array.from(new Set(docs.map(function (d) { return d.year; }))).filter(Boolean).sort().reverse()
    .forEach(function (y) { option(yearBox, y); });
  data.units.slice().sort(function (a, b) { return a.localeCompare(b, "vi"); })
    .forEach(function (u) { option(unitBox, u); });

  function mark(text, terms) {
    var folded = fold(text), ranges = [];
    terms.forEach(function (t) {
      var at = folded.indexOf(t);
      while (t && at >= 0) { ranges.push([at, at + t.length]); at = folded.indexOf(t, at + t.length); }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var frag = document.createDocumentFragment(), pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) { return; }
      frag.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      frag.appendChild(m);
      pos = r[1];
    });
    frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  function snippet(text, terms) {
    var folded = fold(text), at = -1;
    terms.forEach(function (t) { var i = folded.indexOf(t); if (i >= 0 && (at < 0 || i < at)) { at = i; } });
    var start = Math.max(0, at - 60);
    var piece = text.slice(start, start + 220);
    return (start > 0 ? "…" : "") + piece + (start + 220 < text.length ? "…" : "");
  }

  function search() {
    var raw = input.value.trim().toLowerCase(), year = yearBox.value, unit = unitBox.value;
    var exact = raw.split(/\s+/).filter(Boolean), terms = exact.map(fold);
    var found = [];
    docs.forEach(function (d) {
      if ((year && d.year !== year) || (unit && d.unit !== unit)) { return; }
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        if (d.allFold.indexOf(terms[i]) < 0) { return; }
        score += d.titleFold.indexOf(terms[i]) >= 0 ? 5 : (d.unitFold.indexOf(terms[i]) >= 0 ? 3 : 1);
        if (d.allLow.indexOf(exact[i]) >= 0) { score += 2; }        /* same tones as typed */
        if (d.titleLow.indexOf(exact[i]) >= 0) { score += 2; }
      }
      if (terms.length || year || unit) { found.push([score, d]); }
    });
    found.sort(function (a, b) { return b[0] - a[0] || (a[1].date < b[1].date ? 1 : -1); });
    render(found.slice(0, 100).map(function (f) { return f[1]; }), terms, found.length);
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    if (year) { params.set("nam", year); }
    if (unit) { params.set("don-vi", unit); }
    var query = params.toString();
    if (window.history && window.history.replaceState && location.protocol !== "file:") {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }
  }

  function render(results, terms, total) {
    list.textContent = "";
    results.forEach(function (d) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + d.url + "index.html";
      a.appendChild(mark(d.title, terms));
      var h = document.createElement("h2"); h.appendChild(a); li.appendChild(h);
      var meta = document.createElement("p"); meta.className = "meta";
      meta.textContent = d.date + (d.unit ? " · " + d.unit : "");
      li.appendChild(meta);
      var p = document.createElement("p");
      p.appendChild(mark(snippet(d.text, terms), terms));
      li.appendChild(p);
      list.appendChild(li);
    });
    var asked = input.value.trim() || yearBox.value || unitBox.value;
    status.textContent = !asked ? "" : (total ? total + " kết quả" + (total > 100 ? " (hiện 100 kết quả đầu)" : "")
                                             : "Không tìm thấy bài nào.");
  }

  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(search, 120); }
  input.addEventListener("input", later);
  yearBox.addEventListener("change", search);
  unitBox.addEventListener("change", search);
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (params.get("nam")) { yearBox.value = params.get("nam"); }
  if (params.get("don-vi")) { unitBox.value = params.get("don-vi"); }
  form.hidden = false;
  document.getElementById("can-js").hidden = true;
  if (input.value || yearBox.value || unitBox.value) { search(); }
}());
