// sitegen's editor: what a clerk typed and has not saved is kept in this browser
// (localStorage) as it is typed, so a closed tab, a crash or a restarted serve loses
// nothing: opening the post again offers it back. It is offered only while the file is
// as it was when the editing began (the same digest), and dropped once saved.
"use strict";
window.sitegenKeep = function () {
  const key = (d) => "sitegen-draft:" + location.pathname + ":" + (d.path || "new-" + d.kind);
  return {
    put(d) {
      const kept = {form: d.form, body: d.body, bodyEdited: d.bodyEdited, digest: d.digest || null, at: Date.now()};
      try { localStorage.setItem(key(d), JSON.stringify(kept)); } catch (e) { /* full or off: the tab still has it */ }
    },
    take(d) {
      let kept = null;
      try { kept = JSON.parse(localStorage.getItem(key(d)) || "null"); } catch (e) { return null; }
      return kept && kept.digest === (d.digest || null) ? kept : null;
    },
    drop(d) {
      try { localStorage.removeItem(key(d)); } catch (e) { /* nothing kept */ }
    },
    // What is kept for `d`, offered in `where` with its time: `restore(kept)` if asked,
    // dropped if refused, never put back unasked.
    offer(d, where, el, restore) {
      const kept = this.take(d);
      if (!kept) return;
      const at = new Date(kept.at), two = (n) => String(n).padStart(2, "0");
      where.replaceChildren(`Có bản soạn dở chưa lưu, lúc ${two(at.getHours())}:${two(at.getMinutes())} ngày `
                            + `${two(at.getDate())}/${two(at.getMonth() + 1)}. `,
        el("button", {type: "button", text: "Khôi phục bản soạn dở", onclick: () => restore(kept)}), " ",
        el("button", {type: "button", text: "Bỏ bản này", onclick: () => { this.drop(d); where.replaceChildren(); }}));
    },
  };
};
