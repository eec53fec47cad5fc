// sitegen's editor: the fields of the form, each bound to a path of the post being edited.
// Plain script, no build step; editor.js makes them with sitegenFields({doc, changed, redraw}):
// doc() is the post being edited, changed() checks it again, redraw() draws the form anew.
"use strict";
window.sitegenFields = function (ed) {
  const COUNT_KEYS = new Set(["total", "exempt", "suspended", "new", "pending", "xuat_sac", "tot", "hoan_thanh",
                              "khong_hoan_thanh", "tieu_bieu", "disciplined", "review_year", "members", "present", "agree", "of", "score"]);
  // Folded as the server folds: no marks, đ as d, lower case ("Đông Lâm" finds "dong lam").
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();

  // ------------------------------------------------------------------ values at paths
  function get(obj, path) {
    return path.reduce((o, k) => (o == null ? undefined : o[k]), obj);
  }
  function set(obj, path, value) {
    let o = obj;
    for (let i = 0; i < path.length - 1; i++) {
      if (o[path[i]] == null || typeof o[path[i]] !== "object") o[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      o = o[path[i]];
    }
    const last = path[path.length - 1];
    if (value === undefined || value === "") delete o[last]; else o[last] = value;
  }
  const idOf = (path) => "f-" + path.join("-");
  function typed(key, text) {
    text = text.trim();
    if (COUNT_KEYS.has(key) && /^\d+$/.test(text)) return parseInt(text, 10);
    return text === "" ? undefined : text;
  }

  // ------------------------------------------------------------------ making fields
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== false && v != null) e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids) if (kid) e.append(kid);
    return e;
  }

  // One labelled field bound to a path of the form; its help and problem lines tied to it.
  function field(path, label, help, opts) {
    opts = opts || {};
    const id = idOf(path), key = String(path[path.length - 1]);
    const value = get(ed.doc().form, path);
    const described = [help ? id + "-help" : null, id + "-err"].filter(Boolean).join(" ");
    let input;
    if (opts.choices) {
      input = el("select", {id, "aria-describedby": described});
      // A list shows its default when the file has no value, and a value it has no
      // entry for as written, never an empty box that looks like "not set".
      const shown = value == null ? (opts.deflt || "") : String(value);
      const choices = opts.choices.some(([v]) => v === shown) ? opts.choices
        : opts.choices.concat([[shown, choiceLabel(shown)]]);
      for (const [v, text] of choices) input.append(el("option", {value: v, text}));
      input.value = shown;
    } else if (opts.multiline) {
      input = el("textarea", {id, "aria-describedby": described, rows: opts.rows || 3});
      input.value = value == null ? "" : value;
    } else if (opts.checkbox) {
      input = el("input", {type: "checkbox", id, "aria-describedby": described});
      input.checked = value === true || (Array.isArray(value) && value.includes(opts.checkbox));
    } else {
      input = el("input", {type: "text", id, "aria-describedby": described, autocomplete: "off",
                           inputmode: COUNT_KEYS.has(key) ? "numeric" : null, list: opts.list || null,
                           placeholder: opts.placeholder || null});
      input.value = value == null ? "" : String(value);
    }
    input.addEventListener(opts.checkbox || opts.choices ? "change" : "input", () => {
      let v;
      if (opts.checkbox === true) v = input.checked ? true : undefined;
      else if (opts.checkbox) v = input.checked ? [opts.checkbox] : undefined;
      else v = typed(key, input.value);
      set(ed.doc().form, path, v);
      ed.doc().touched.add(path.join("."));
      ed.changed();
    });
    if (opts.named) input.addEventListener("change", () => {
      // A unit typed out by its name instead of picked from the list is that unit.
      const hit = opts.named.filter((u) => fold(u.name) === fold(input.value.trim()));
      if (hit.length !== 1 || input.value === hit[0].id) return;
      input.value = hit[0].id;
      set(ed.doc().form, path, hit[0].id);
      ed.changed();
    });
    if (opts.over) input.addEventListener("change", () => {
      // "15/15" typed as the paper writes a vote or an attendance: its two numbers, each in its field.
      const share = input.value.match(/^\s*(\d+)\s*\/\s*(\d+)\s*(?:\D.*)?$/);
      if (!share) return;
      set(ed.doc().form, path, parseInt(share[1], 10));
      set(ed.doc().form, path.slice(0, -1).concat([opts.over]), parseInt(share[2], 10));
      ed.redraw(); ed.changed();
    });
    // A list's choices ("Hoàn thành xuất sắc nhiệm vụ"), a date with its calendar and a
    // unit's id need two columns to be read whole.
    const wrap = el("div", {class: (opts.wide ? "wide " : opts.choices || opts.picker || opts.list ? "two " : "")
                                   + (opts.checkbox ? "check" : "")});
    const labelEl = el("label", {for: id, text: label});
    if (opts.checkbox) wrap.append(input, labelEl); else wrap.append(labelEl);
    if (help) wrap.append(el("span", {class: "help", id: id + "-help", text: help}));
    if (!opts.checkbox) wrap.append(input);
    if (opts.picker) wrap.append(datePicker(input, path, label));
    wrap.append(el("p", {class: "err", id: id + "-err"}));
    return wrap;
  }

  function choiceLabel(value) {
    const term = value.match(/^term:(\d{4})-(\d{4})$/);
    return term ? `Nhiệm kỳ ${term[1]}–${term[2]}` : `${value} (như trong tệp)`;
  }

  // A calendar beside a day-first date field: the picked day is written dd/mm/yyyy.
  function datePicker(input, path, label) {
    const pick = el("input", {type: "date", "aria-label": "Chọn " + label.toLowerCase() + " trên lịch"});
    pick.addEventListener("change", () => {
      if (!pick.value) return;
      const [y, m, d] = pick.value.split("-");
      const time = (input.value.match(/\s+\d{1,2}[:h]\d{2}$/) || [""])[0];
      input.value = `${d}/${m}/${y}` + time;
      set(ed.doc().form, path, input.value);
      ed.doc().touched.add(path.join("."));
      ed.changed();
    });
    return pick;
  }

  function fieldset(title, path, ...kids) {
    const f = el("fieldset", {id: path ? idOf(path) + "-set" : null}, el("legend", {text: title}), ...kids);
    if (path) f.append(el("p", {class: "err", id: idOf(path) + "-err", role: "note"}));
    return f;
  }
  const grid = (...kids) => el("div", {class: "grid"}, ...kids);

  // Rows of maps (documents, people, photos): add and remove.
  function rows(path, title, columns, blank, help) {
    const box = el("div", {});
    const draw = () => {
      box.replaceChildren();
      const list = get(ed.doc().form, path) || [];
      list.forEach((_item, i) => {
        const row = el("div", {class: "row", role: "group", "aria-label": `${title} ${i + 1}`});
        for (const [key, label, h, o] of columns) row.append(field(path.concat([i, key]), label, h, o));
        row.append(el("div", {}, el("button", {type: "button", class: "link", text: "Xóa dòng " + (i + 1),
          onclick: () => { list.splice(i, 1); if (!list.length) set(ed.doc().form, path); draw(); ed.changed(); }})));
        box.append(row);
      });
      box.append(el("div", {class: "actions"}, el("button", {type: "button", text: "Thêm " + title.toLowerCase(),
        onclick: () => { const l = get(ed.doc().form, path) || []; l.push(Object.assign({}, blank)); set(ed.doc().form, path, l);
                          draw(); const first = box.querySelectorAll(".row"); const last = first[first.length - 1];
                          if (last) last.querySelector("input,select,textarea").focus(); }})));
    };
    draw();
    return fieldset(title, path, help ? el("p", {class: "help", text: help}) : null, box);
  }


  return {get, set, idOf, typed, el, field, fieldset, grid, rows, fold};
};
