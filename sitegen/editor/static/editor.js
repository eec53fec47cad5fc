// sitegen's editor: the form of a meeting post, checked as it is typed and saved, and the
// way between it and the list of posts. Its parts: the list (list.js), each field
// (fields.js), photos (photos.js), a Word file brought in (word.js), what is typed and
// not saved (keep.js). Plain script, no build step: it talks only to the serve that sent
// it (the token in the page's meta).
"use strict";
(function () {
  const TOKEN = document.querySelector('meta[name="sitegen-token"]').content;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const LEVELS = [["xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"], ["tot", "Hoàn thành tốt nhiệm vụ"],
                  ["hoan_thanh", "Hoàn thành nhiệm vụ"], ["khong_hoan_thanh", "Không hoàn thành nhiệm vụ"]];
  const GROUPS = [["members", "Đảng viên", "đảng viên"], ["organizations", "Tổ chức đảng trực thuộc", "tổ chức"],
                  ["leadership", "Tập thể lãnh đạo, quản lý", "tập thể"], ["leaders", "Cán bộ lãnh đạo, quản lý", "cán bộ"]];
  const NOT_RATED = [["exempt", "Miễn công tác và sinh hoạt đảng"], ["suspended", "Đình chỉ sinh hoạt đảng"],
                     ["new", "Mới kết nạp chưa đủ 6 tháng"], ["pending", "Chưa đánh giá vì lý do khác"]];

  let site = {units: [], tags: []};  // what the form offers: api/site
  let doc = null;          // {path, kind, form, body, digest, bodyEdited, deletePhotos}
  let timer = null, asked = 0, dirty = false, last = null;
  const {get, set, idOf, el, field, fieldset, grid, rows, fold} =
    window.sitegenFields({doc: () => doc, changed: () => changed(), redraw: () => drawForm()});
  const keep = window.sitegenKeep();
  const drawList = window.sitegenList({el, fold, open: (path) => open(path)});
  const wordPicker = window.sitegenWord({doc: () => doc, api, say, el, fold, fill: async () => {
    if (doc.kind === "post") await fillAllFromBody();
    drawForm(); changed(); }});
  const photos = window.sitegenPhotos({doc: () => doc, api, say, el, field, fieldset,
                                       changed: () => changed(), redraw: () => drawForm()});

  // ------------------------------------------------------------------ talking to serve
  async function api(method, action, params, body, raw) {
    const url = "api/" + action + (params ? "?" + new URLSearchParams(params) : "");
    const headers = {"X-Sitegen-Token": TOKEN};
    if (body !== undefined && !raw) headers["Content-Type"] = "application/json";
    const res = await fetch(url, {method, headers, body: raw ? body : (body === undefined ? undefined : JSON.stringify(body)),
                                  credentials: "same-origin"});
    const value = res.headers.get("Content-Type", "").includes("json") ? await res.json() : await res.blob();
    if (!res.ok) throw new Error((value && value.error) || ("Lỗi " + res.status));
    return value;
  }

  function say(text, bad) {
    const s = $("#status");
    s.textContent = text;
    s.className = "status" + (bad ? " bad" : "");
  }

  // The score exists only under 366-QĐ/TW: shown or hidden as the regulation changes,
  // never redrawn (a redraw while typing would lose keystrokes).
  function scoreField() {
    const wrap = field(["results", "unit", "score"], "Điểm (0–100)", "Chỉ theo 366-QĐ/TW");
    wrap.id = "score-wrap";
    wrap.hidden = doc.regime !== "366" && get(doc.form, ["results", "unit", "score"]) == null;
    return wrap;
  }

  function countGroup(name, heading, noun) {
    const base = ["results", name];
    const levels = LEVELS.map(([id, label]) => field(base.concat([id]), label, null));
    return fieldset(heading, base,
      el("button", {type: "button", class: "link", text: "Bỏ nhóm " + heading.toLowerCase(),
        onclick: () => { delete doc.form.results[name]; drawForm(); changed(); }}),
      fromReport(name, "Điền số từ đoạn báo cáo", "Đoạn báo cáo có kết quả xếp loại", "“Hoàn thành xuất sắc nhiệm vụ: 04 đồng chí; hoàn thành tốt " +
        "nhiệm vụ: 20 đồng chí…”"),
      grid(field(base.concat(["total"]), `Tổng số ${noun}`, "Cả những người không đánh giá, xếp loại"),
           ...NOT_RATED.map(([id, label]) => field(base.concat(["not_rated", id]), "Không đánh giá: " + label.toLowerCase(), null))),
      grid(...levels, field(base.concat(["tieu_bieu"]), "Trong đó tiêu biểu", "Số tiêu biểu trong số xuất sắc"),
           field(base.concat(["disciplined"]), "Bị kỷ luật trong năm", "0 nếu không ai; để trống nếu không rõ")),
      el("p", {class: "sum", id: "sum-" + name, "aria-live": "polite"}));
  }

  // "Điền số từ đoạn báo cáo": a paragraph of the report (or the body) read by serve, and
  // the fields of `part` (a count group, or "unit": attendance, vote, the unit's level)
  // filled with what it says. What was pasted and what was read survive redraws.
  function fromReport(part, summary, label, example) {
    const id = "f-report-" + part, kept = (doc.reports = doc.reports || {})[part] || {text: "", said: ""};
    const text = el("textarea", {id, rows: 4, "aria-describedby": id + "-help " + id + "-said"});
    text.value = kept.text;
    text.addEventListener("input", () => { doc.reports[part] = {text: text.value, said: kept.said}; });
    const fill = async (from) => {
      const r = await fillFrom(part, from);
      if (!r) return;
      doc.reports[part] = {text: text.value, said: r.said, open: true};
      drawForm(); changed();
      document.getElementById(id).focus();
    };
    return el("details", {class: "wide", open: kept.open || null},
      el("summary", {text: summary}),
      el("label", {for: id, text: label}),
      el("span", {class: "help", id: id + "-help", text: "Dán đoạn văn trong báo cáo hay bài viết, ví dụ " + example +
        ": các con số được điền vào những ô bên dưới."}),
      text,
      el("div", {class: "actions"},
        el("button", {type: "button", text: "Điền các số", onclick: () => fill(text.value)}),
        el("button", {type: "button", text: "Lấy số từ nội dung bài", onclick: () => fill(doc.body)})),
      el("p", {class: "fine", id: id + "-said", "aria-live": "polite", text: kept.said}));
  }

  // The fields of `part` filled from `text` by serve's reader; its answer, or null.
  async function fillFrom(part, text) {
    // Lists already written in the form are never replaced by what the text cites.
    const given = ["basis", "presiding", "guests"].filter((key) =>
      (doc.form[key] || []).some((row) => Object.values(row || {}).some((v) => v)));
    let r;
    try { r = await api("POST", "report", null, {text, part, given}); } catch (e) { say(e.message, true); return null; }
    for (const [path, value] of r.fill) set(doc.form, path, value);
    // A new post whose date nobody has typed is dated as the article, as `sitegen new --from`
    // does: an old article brought over keeps its day (never a day still to come).
    const met = r.fill.find(([path]) => path.join(".") === "meeting_date");
    if (met && !doc.path && !doc.touched.has("date")) {
      const [d, m, y] = met[1].split("/").map(Number);
      if (new Date(y, m - 1, d) <= new Date()) {
        set(doc.form, ["date"], met[1]);
        r.said += " Ngày đăng lấy theo ngày trong bài (" + met[1] + ").";
      }
    }
    return r;
  }

  // Every part the post has, filled from the body at once: the article pasted as the body.
  async function fillAllFromBody() {
    const parts = [["unit", "Kết quả của đơn vị"]].concat(GROUPS.filter(([name]) => (doc.form.results || {})[name]));
    const said = [];
    for (const [part, heading] of parts) {
      const r = await fillFrom(part, doc.body);
      if (!r) return;
      (doc.reports = doc.reports || {})[part] = {text: "", said: r.said, open: false};
      said.push(heading + ": " + r.said);
    }
    doc.bodySaid = said.join(" ");
    drawForm(); changed();
    document.getElementById("f-body").focus();
  }

  // ------------------------------------------------------------------ the form
  function drawForm() {
    const form = $("#form");
    const focused = document.activeElement && document.activeElement.id;
    form.replaceChildren();
    const unitOptions = el("datalist", {id: "units"});
    for (const u of site.units) unitOptions.append(el("option", {value: u.id, label: u.name + (u.parent ? " – " + u.parent : "")}));
    form.append(unitOptions);
    const isPost = doc.kind === "post";
    form.append(fieldset("Bài viết", null, grid(
      field(["title"], "Tiêu đề", "Như tiêu đề bài trên cổng thông tin", {wide: true}),
      field(["date"], "Ngày đăng", "Ngày/tháng/năm, có thể thêm giờ: 20/12/2025 14:30", {picker: true}),
      isPost ? field(["unit"], "Đơn vị", "Gõ để tìm; mã đơn vị trong content/units.yaml", {list: "units", named: site.units}) : null,
      el("p", {class: "fine wide", id: "unit-name"}),
      field(["author"], "Tác giả", "Ví dụ: Tin, ảnh: Văn phòng"),
      field(["slug"], "Đường dẫn (không bắt buộc)", "Để trống: làm từ tiêu đề"),
      field(["summary"], "Tóm tắt (không bắt buộc)", "Để trống: lấy đoạn đầu của bài", {multiline: true, wide: true}),
      field(["draft"], "Bản nháp (chưa đăng)", null, {checkbox: true}))));
    if (isPost) {
      form.append(fieldset("Hội nghị", null, grid(
        field(["review_year"], "Năm đánh giá", "Năm được kiểm điểm, ví dụ 2025"),
        field(["meeting_date"], "Ngày họp", "Để trống: như ngày đăng", {picker: true}),
        field(["period"], "Kỳ đánh giá", null, {deflt: "year", choices: [["year", "Cả năm"], ["quarter:1", "Quý I"], ["quarter:2", "Quý II"],
              ["quarter:3", "Quý III"], ["quarter:4", "Quý IV"], ["term", "Nhiệm kỳ"]]}),
        field(["regime"], "Quy định áp dụng", "Để trống: theo năm đánh giá", {choices: [["", "Theo năm đánh giá"],
              ["132-QĐ/TW", "132-QĐ/TW"], ["124-QĐ/TW", "124-QĐ/TW"], ["366-QĐ/TW", "366-QĐ/TW"]]}),
        el("p", {class: "fine", id: "regime-now", "aria-live": "polite"}),
        field(["attendance", "members"], "Số đảng viên của đơn vị", null),
        field(["attendance", "present"], "Số đảng viên dự họp", "Gõ 28/30 cũng được", {over: "members"}))));
      form.append(rows(["basis"], "Văn bản căn cứ", [
        ["number", "Số văn bản", "Ví dụ: 129-KH/HU"], ["date", "Ngày ban hành", "dd/mm/yyyy"],
        ["issuer", "Cơ quan ban hành", null], ["subject", "Trích yếu", null]], {}, null));
      form.append(rows(["presiding"], "Chủ trì", [["name", "Họ và tên", null], ["position", "Chức vụ", null]], {}));
      form.append(rows(["guests"], "Dự và chỉ đạo", [["name", "Họ và tên", null], ["position", "Chức vụ", null]], {}));
      const results = doc.form.results || (doc.form.results = {});
      form.append(fieldset("Kết quả của đơn vị", ["results", "unit"],
        fromReport("unit", "Điền từ đoạn bài viết: ngày họp, căn cứ, chủ trì, dự họp, biểu quyết, xếp loại", "Đoạn bài viết có kết quả của đơn vị",
          "“Chiều 20/12/2025, … Hội nghị có 28/30 đảng viên tham dự… Chi bộ được đề nghị xếp loại hoàn thành tốt " +
          "nhiệm vụ, 28/28 đồng chí biểu quyết tán thành”"),
        grid(
        field(["results", "status"], "Tình trạng", "Đã được cấp có thẩm quyền công nhận chưa", {deflt: "proposed", choices: [["proposed", "Đề nghị"],
              ["approved", "Được công nhận"]]}),
        field(["results", "unit", "level"], "Xếp loại tập thể", null, {choices: [["", "— chưa chọn —"], ...LEVELS]}),
        field(["results", "unit", "votes", "agree"], "Số phiếu tán thành", "Gõ 15/15 cũng được", {over: "of"}),
        field(["results", "unit", "votes", "of"], "Trên tổng số phiếu", null),
        scoreField(),
        field(["results", "unit", "honors"], "Tiêu biểu", null, {checkbox: "tieu_bieu"}))));
      for (const [name, heading, noun] of GROUPS) if (results[name]) form.append(countGroup(name, heading, noun));
      const missing = GROUPS.filter(([name]) => !results[name]);
      if (missing.length) form.append(el("div", {class: "actions"}, ...missing.map(([name, heading]) =>
        el("button", {type: "button", text: "Thêm nhóm: " + heading.toLowerCase(), onclick: () => {
          results[name] = {}; drawForm(); $("#" + idOf(["results", name, "total"])).focus(); }}))));
      form.append(el("section", {class: "sentences", "aria-labelledby": "sentences-title"},
        el("h2", {id: "sentences-title", text: "Phần “Kết quả” bài sẽ in"}), el("div", {id: "sentences", class: "preview", "data-empty": "Chưa có: điền kết quả ở trên để xem các câu."})));
    }
    form.append(tagsField());
    const body = el("textarea", {id: "f-body", rows: 14, "aria-describedby": "f-body-help"});
    body.value = doc.body;
    body.addEventListener("input", () => { doc.body = body.value; doc.bodyEdited = true; changed(); });
    window.sitegenTables.keepOnPaste(body);  // a table from Word stays a table (word.js)
    form.append(fieldset("Nội dung bài", null, el("label", {for: "f-body", text: "Nội dung (Markdown)"}),
      el("span", {class: "help", id: "f-body-help", text: "Dòng trống ngăn đoạn; **đậm**, *nghiêng*, - danh sách"}),
      body, wordPicker(),
      isPost ? el("div", {class: "actions"}, el("button", {type: "button", text: "Điền các ô từ nội dung bài",
        "aria-describedby": "f-body-said", onclick: fillAllFromBody})) : null,
      isPost ? el("p", {class: "fine", id: "f-body-said", "aria-live": "polite", text: doc.bodySaid || ""}) : null,
      el("h2", {text: "Xem trước"}), el("div", {id: "body-preview", class: "preview", "data-empty": "Chưa có nội dung."})));
    form.append(photos());
    form.append(el("div", {class: "savebar"},
      el("button", {type: "submit", class: "primary", text: "Lưu bài"}),
      el("button", {type: "button", text: "Về danh sách", onclick: showList})));
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  // The site's tags as boxes to tick, and a line for new ones.
  function tagsField() {
    const mine = doc.form.tags || [];
    const known = site.tags.concat(mine.filter((t) => !site.tags.includes(t)));
    const boxes = known.map((t, i) => {
      const box = el("input", {type: "checkbox", id: "f-tag-" + i, value: t});
      box.checked = mine.includes(t);
      return el("span", {class: "check tag"}, box, el("label", {for: "f-tag-" + i, text: t}));
    });
    const extra = el("input", {type: "text", id: "f-tags", autocomplete: "off", "aria-describedby": "f-tags-help f-tags-err"});
    const update = () => {
      const ticked = boxes.map((b) => b.querySelector("input")).filter((b) => b.checked).map((b) => b.value);
      const typed = extra.value.split(/[,;]/).map((t) => t.trim()).filter((t) => t && !ticked.includes(t));
      const tags = ticked.concat(typed);
      set(doc.form, ["tags"], tags.length ? tags : undefined);
      changed();
    };
    boxes.forEach((b) => b.querySelector("input").addEventListener("change", update));
    extra.addEventListener("input", update);
    return fieldset("Thẻ", null, boxes.length ? el("div", {class: "tags"}, ...boxes) : null,
      el("label", {for: "f-tags", text: "Thẻ mới"}),
      el("span", {class: "help", id: "f-tags-help", text: "Cách nhau bằng dấu phẩy; các thẻ đã có ở trên, chỉ cần đánh dấu"}),
      extra, el("p", {class: "err", id: "f-tags-err"}));
  }

  // ------------------------------------------------------------------ checking as you type
  function changed() {
    dirty = true;
    keep.put(doc);
    clearTimeout(timer);
    timer = setTimeout(check, 120);
  }

  async function check() {
    const mine = ++asked;
    let r;
    try {
      r = await api("POST", "check", null, {path: doc.path, kind: doc.kind, form: doc.form, body: doc.body});
    } catch (e) { say(e.message, true); return; }
    if (mine !== asked) return;  // a newer check is on its way
    show(r);
  }

  // A new post's empty fields are not mistakes yet: until a field has been typed in or
  // the post saved, its "missing key" problem is only listed among the fields to fill.
  const notYet = (p) => p.code === "E201" && !doc.path && !doc.tried && p.field && !doc.touched.has(p.field);
  function labelOf(field) {
    const label = document.querySelector(`label[for="${idOf(field.split("."))}"]`);
    return label ? label.textContent : field;
  }

  function show(r) {
    last = r;
    const toFill = r.problems.filter(notYet).map((p) => labelOf(p.field));
    r = Object.assign({}, r, {problems: r.problems.filter((p) => !notYet(p))});
    for (const e of document.querySelectorAll(".err,.warn")) { e.textContent = ""; e.className = "err"; }
    for (const e of document.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
    const general = [];
    for (const p of r.problems) {
      const path = p.field ? p.field.split(".") : [];
      let spot = null;
      for (let n = path.length; n > 0 && !spot; n--) spot = document.getElementById(idOf(path.slice(0, n)) + "-err");
      const text = `${p.code} ${p.message}`;
      if (!spot) { general.push(p); continue; }
      spot.className = p.error ? "err" : "warn";
      spot.textContent = (spot.textContent ? spot.textContent + " · " : "") + text;
      const input = document.getElementById(spot.id.slice(0, -4));
      if (input && p.error) input.setAttribute("aria-invalid", "true");
    }
    const errors = r.problems.filter((p) => p.error).length, warnings = r.problems.length - errors;
    const summary = $("#summary");
    summary.replaceChildren();
    if (toFill.length) summary.append(el("p", {class: "to-fill", text: "Cần điền: " + toFill.join(", ") + "."}));
    if (errors + warnings || !toFill.length) summary.append(el("p", {text: errors + warnings === 0 ? "Không có lỗi." :
      `${errors} lỗi, ${warnings} cảnh báo` + (errors ? ": bài lưu được, nhưng trang sẽ chưa được dựng lại cho đến khi sửa hết lỗi." : ".")}));
    if (general.length) summary.append(el("ul", {}, ...general.map((p) =>
      el("li", {class: p.error ? "err" : "warn", text: `${p.code} ${p.message}`}))));
    // The body typed or pasted by hand saying other numbers than the fields: a hint, not a problem.
    if ((r.body_notes || []).length) summary.append(el("ul", {class: "body-notes"}, ...r.body_notes.map((t) =>
      el("li", {class: "warn", text: t}))));
    for (const [name] of GROUPS) {
      const line = document.getElementById("sum-" + name), s = r.sums && r.sums[name];
      if (!line) continue;
      line.textContent = s ? s.balance + (s.quota ? "; " + s.quota : "") : "";
      line.className = "sum" + (s && (s.left !== 0 || s.over_quota) ? " bad" : "");
    }
    const sentences = $("#sentences");
    if (sentences) sentences.replaceChildren(...(r.sentences || []).map((t) => el("p", {text: t})));
    const preview = $("#body-preview");
    if (preview) preview.innerHTML = r.preview || "";  // the site's own converter, sanitised as on the site
    const unitName = $("#unit-name");
    if (unitName) unitName.textContent = r.unit ? r.unit.name + (r.unit.parent ? " · trực thuộc " + r.unit.parent : "") : "";
    const regimeNow = $("#regime-now");
    if (regimeNow) regimeNow.textContent = r.regime ? `Bài được kiểm tra theo ${r.regime}-QĐ/TW.` : "";
    doc.regime = r.regime || null;
    const score = $("#score-wrap");
    if (score) score.hidden = doc.regime !== "366" && get(doc.form, ["results", "unit", "score"]) == null;
  }

  // ------------------------------------------------------------------ saving
  async function save(e) {
    e.preventDefault();
    clearTimeout(timer);
    if (!doc.tried) { doc.tried = true; if (last) show(last); }
    try {
      const r = await api("POST", "save", null, {path: doc.path, kind: doc.kind, form: doc.form, body: doc.body,
        body_edited: doc.bodyEdited, digest: doc.digest, delete_photos: doc.deletePhotos});
      keep.drop(doc);
      Object.assign(doc, {path: r.path, digest: r.digest, form: r.form, body: r.body, bodyEdited: false, deletePhotos: []});
      dirty = false;
      $("#form-path").textContent = r.path;
      $("#form-title").textContent = "Sửa: " + (r.form.title || r.path);
      say(r.errors ? `Đã lưu ${r.path}. Bài còn ${r.errors} lỗi: trang sẽ chưa được dựng lại cho đến khi sửa hết.`
                   : `Đã lưu ${r.path}. Trang đang được dựng lại; thẻ xem trước sẽ tự tải lại.`, r.errors > 0);
      drawForm(); check();
    } catch (err) { say(err.message, true); check(); }  // the check this save cut short
  }

  // ------------------------------------------------------------------ the list
  async function showList() {
    if (dirty && !confirm("Bài đang sửa chưa được lưu. Vẫn về danh sách? (Trình duyệt này giữ bản đang soạn; "
                          + "mở lại bài để khôi phục.)")) return;
    dirty = false;
    $("#form-view").hidden = true; $("#list-view").hidden = false;
    history.replaceState(null, "", "./");
    drawList((await api("GET", "list")).posts, site.units);
  }

  async function open(path) {
    try {
      const r = await api("GET", "post", {path});
      start({path: r.path, kind: r.kind, form: r.form, body: r.body, digest: r.digest});
      history.replaceState(null, "", "?path=" + encodeURIComponent(path));
    } catch (e) { say(e.message, true); }
  }

  function start(d) {
    doc = Object.assign({bodyEdited: false, deletePhotos: [], regime: null, touched: new Set(), tried: false}, d);
    last = null;
    dirty = false;
    $("#list-view").hidden = true; $("#form-view").hidden = false;
    $("#form-title").textContent = d.path ? "Sửa: " + (d.form.title || d.path) : (d.kind === "page" ? "Trang mới" : "Bài mới");
    $("#form-path").textContent = d.path || "Chưa lưu";
    drawForm();
    $("#" + idOf(["title"])).focus();
    check();
    keep.offer(doc, $("#status"), el, (kept) => {  // what was typed here and not saved, if the clerk asks
      Object.assign(doc, {form: kept.form, body: kept.body, bodyEdited: kept.bodyEdited});
      drawForm(); changed(); say("Đã khôi phục bản soạn dở. Nhớ lưu bài.");
    });
  }

  function today() {
    const d = new Date(), two = (n) => String(n).padStart(2, "0");
    return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
  }

  async function boot() {
    $("#form").addEventListener("submit", save);
    // A new post is published today, by the unit the site's posts are all by (if one).
    $("#new-post").addEventListener("click", () => start({path: null, kind: "post", body: "", digest: null,
      form: Object.assign({date: today()}, site.unit ? {unit: site.unit} : {},
                          {results: {unit: {}, members: {}}}), bodyEdited: true}));
    $("#new-page").addEventListener("click", () => start({path: null, kind: "page", form: {}, body: "", digest: null, bodyEdited: true}));
    window.addEventListener("beforeunload", (e) => { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
    try { site = await api("GET", "site"); } catch (e) { say(e.message, true); }
    // Only now: a new post started sooner would lack the site's unit, and the list
    // drawn below would cover it.
    $("#new-post").disabled = $("#new-page").disabled = false;
    const path = new URLSearchParams(location.search).get("path");
    if (path) open(path); else showList();
  }
  boot();
})();
