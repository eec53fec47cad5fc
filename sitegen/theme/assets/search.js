/* sitegen search: runs in the browser over tim-kiem/du-lieu.js, no server needed.
   Words match from their start, ignoring tones and marks, đ included ("dang uy" finds
   "Đảng ủy", never "Quy định"); results that match with the same tones as typed come
   first, then the newest; matches are highlighted. When nothing matches, the common
   slips (s/x, d/gi/r, i/y, ch/tr, l/n) are tried and a spelling the site uses offered. */
(function () {
  "use strict";
  var form = document.getElementById("tim-kiem");
  if (!form) { return; }
  var input = document.getElementById("q"), yearBox = document.getElementById("nam"),
      unitBox = document.getElementById("don-vi"), list = document.getElementById("ket-qua-tim"),
      status = document.getElementById("trang-thai"), root = form.getAttribute("data-root");
  var docs = null, vocabulary = null, units = [];

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
  var WORD = /[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]/;

  /* Where `term` starts a word of `text` (folded), from `from` on; -1 if nowhere. */
  function wordAt(text, term, from) {
    var at = text.indexOf(term, from || 0);
    while (at > 0 && WORD.test(text.charAt(at - 1))) { at = text.indexOf(term, at + 1); }
    return at;
  }

  /* Whether `term` is a whole word of `text`: the bonus for the same tones as typed goes
     to "hoà" itself, not to the start of "hoàn". */
  function hasWord(text, term) {
    for (var at = wordAt(text, term); at >= 0; at = wordAt(text, term, at + 1)) {
      if (!WORD.test(text.charAt(at + term.length))) { return true; }
    }
    return false;
  }

  /* The index arrives after the form is shown; what was typed meanwhile is searched then. */
  function ready() {
    var data = window.SITEGEN_SEARCH;
    if (!data) { return; }
    var f = {};
    data.fields.forEach(function (name, i) { f[name] = i; });
    units = data.units;
    vocabulary = Object.create(null);
    docs = data.docs.map(function (d) {
      var unit = d[f.unit] >= 0 ? data.units[d[f.unit]] : "";
      var tags = d[f.tags].map(function (t) { return data.tags[t]; }).join(", ");
      var head = [d[f.title], unit, tags, d[f.people], String(d[f.year]), d[f.date], d[f.about], d[f.lead]].join(" \u2022 ");
      learn(head);
      return { url: d[f.url], title: d[f.title], date: d[f.date], iso: d[f.iso], year: String(d[f.year]), unit: unit,
               text: d[f.lead], titleLow: d[f.title].toLowerCase(), titleFold: fold(d[f.title]), unitFold: fold(unit),
               allLow: head.toLowerCase(), allFold: fold(head) + " \u2022 " + d[f.folded] };
    });
    Array.from(new Set(docs.map(function (d) { return d.year; }))).filter(Boolean).sort().reverse()
      .forEach(function (y) { option(yearBox, y); });
    units.slice().sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (u) { option(unitBox, u); });
    var params = new URLSearchParams(location.search);
    if (params.get("nam")) { yearBox.value = params.get("nam"); }
    if (params.get("don-vi")) { unitBox.value = params.get("don-vi"); }
    if (input.value || yearBox.value || unitBox.value) { search(); }
  }

  /* The words the site spells with tones, by their folded form: what a suggestion offers. */
  function learn(text) {
    (text.toLowerCase().match(/[^\s\u2022.,;:!?()"“”'’\/–-]+/g) || []).forEach(function (w) {
      var key = fold(w);
      /* the first spelling with tones wins over one without ("xuất" over "xuat") */
      if (!(key in vocabulary) || (!/[^\x00-\x7f]/.test(vocabulary[key]) && /[^\x00-\x7f]/.test(w))) {
        vocabulary[key] = w;
      }
    });
  }

  function option(box, value) {
    var o = document.createElement("option");
    o.value = value; o.textContent = value; box.appendChild(o);
  }

  function mark(text, terms) {
    var low = fold(text), ranges = [];
    terms.forEach(function (t) {
      var at = wordAt(low, t);
      while (t && at >= 0) { ranges.push([at, at + t.length]); at = wordAt(low, t, at + t.length); }
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
    var low = fold(text), at = -1;
    terms.forEach(function (t) { var i = wordAt(low, t); if (i >= 0 && (at < 0 || i < at)) { at = i; } });
    var start = Math.max(0, at - 60);
    var piece = text.slice(start, start + 220);
    return (start > 0 ? "…" : "") + piece + (start + 220 < text.length ? "…" : "");
  }

  function search() {
    if (!docs) { return; }  /* the index is still loading: ready() searches what was typed */
    var raw = input.value.trim().toLowerCase(), year = yearBox.value, unit = unitBox.value;
    var exact = raw.split(/\s+/).filter(Boolean), terms = exact.map(fold);
    var found = [];
    docs.forEach(function (d) {
      if ((year && d.year !== year) || (unit && d.unit !== unit)) { return; }
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        if (wordAt(d.allFold, terms[i]) < 0) { return; }
        score += wordAt(d.titleFold, terms[i]) >= 0 ? 5 : (wordAt(d.unitFold, terms[i]) >= 0 ? 3 : 1);
        if (hasWord(d.allLow, exact[i])) { score += 2; }        /* same tones as typed */
        if (hasWord(d.titleLow, exact[i])) { score += 2; }
      }
      if (terms.length || year || unit) { found.push([score, d]); }
    });
    found.sort(function (a, b) { return b[0] - a[0] || (a[1].iso < b[1].iso ? 1 : a[1].iso > b[1].iso ? -1 : 0); });
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

  /* Spellings of `term` one common slip away, that the site uses. */
  var SLIPS = [["s", "x"], ["x", "s"], ["d", "gi"], ["d", "r"], ["gi", "d"], ["gi", "r"], ["r", "d"], ["r", "gi"],
               ["i", "y"], ["y", "i"], ["ch", "tr"], ["tr", "ch"], ["l", "n"], ["n", "l"]];
  function respell(term) {
    if (vocabulary[term]) { return vocabulary[term]; }
    for (var i = 0; i < SLIPS.length; i++) {
      var from = SLIPS[i][0], to = SLIPS[i][1], at = term.indexOf(from);
      while (at >= 0) {
        var tried = term.slice(0, at) + to + term.slice(at + from.length);
        if (vocabulary[tried]) { return vocabulary[tried]; }
        at = term.indexOf(from, at + 1);
      }
    }
    return null;
  }

  function suggestion(terms) {
    if (!terms.length) { return null; }
    var words = terms.map(respell);
    if (words.some(function (w) { return !w; })) { return null; }
    var text = words.join(" ");
    return fold(text) === terms.join(" ") && input.value.trim().toLowerCase() === text ? null : text;
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
    status.textContent = "";
    if (!asked) { return; }
    if (total) {
      status.textContent = total + " kết quả" + (total > 100 ? " (hiện 100 kết quả đầu)" : "");
      return;
    }
    status.appendChild(document.createTextNode("Không tìm thấy bài nào. "));
    var better = suggestion(terms);
    if (better) {
      status.appendChild(document.createTextNode("Có phải bạn muốn tìm: "));
      var again = document.createElement("a");
      again.href = "?q=" + encodeURIComponent(better);
      again.className = "suggestion";
      again.textContent = better;
      again.addEventListener("click", function (e) { e.preventDefault(); input.value = better; search(); input.focus(); });
      status.appendChild(again);
      status.appendChild(document.createTextNode("? "));
    }
    status.appendChild(document.createTextNode("Bạn cũng có thể xem "));
    [["luu-tru/", "lưu trữ theo năm"], ["ket-qua/", "kết quả xếp loại"]].forEach(function (l, i) {
      var a = document.createElement("a");
      a.href = root + l[0] + "index.html";
      a.textContent = l[1];
      if (i) { status.appendChild(document.createTextNode(" hoặc ")); }
      status.appendChild(a);
    });
    status.appendChild(document.createTextNode("."));
  }

  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(search, 120); }
  input.addEventListener("input", later);
  yearBox.addEventListener("change", search);
  unitBox.addEventListener("change", search);
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.value = input.value || new URLSearchParams(location.search).get("q") || "";
  form.hidden = false;
  document.getElementById("can-js").hidden = true;
  /* A script element, not fetch: a page opened from disk may load scripts, not JSON. */
  var script = document.createElement("script");
  script.src = form.getAttribute("data-index");
  script.onload = ready;
  document.body.appendChild(script);
}());
