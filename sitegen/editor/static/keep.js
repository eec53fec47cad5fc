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
  };
};
