// sitegen's editor: a post's photos, their captions and credits, added by choosing or
// dropping files (each sent to serve, which writes it beside the post) and taken off the
// post, their files too if asked. editor.js makes the part with sitegenPhotos(ed).
"use strict";
window.sitegenPhotos = function (ed) {
  const {api, say, el, field, fieldset} = ed;
  return function photos() {
    const d = ed.doc();
    const pick = el("input", {type: "file", id: "f-photo-file", accept: "image/*", multiple: true, class: "visually"});
    const zone = el("div", {class: "drop", id: "drop"},
      el("label", {for: "f-photo-file", text: "Kéo ảnh vào đây, hoặc chọn tệp ảnh"}), pick);
    const thumbs = el("div", {class: "thumbs"});
    const list = d.form.photos || [];
    list.forEach((p, i) => {
      const img = el("img", {alt: p.caption || ("Ảnh " + (i + 1))});
      if (d.path) api("GET", "photo", {path: d.path, src: p.src}).then((b) => { img.src = URL.createObjectURL(b); }).catch(() => {});
      const del = el("input", {type: "checkbox", id: `del-${i}`});
      thumbs.append(el("div", {class: "thumb"}, img, el("p", {class: "fine", text: p.src}),
        field(["photos", i, "caption"], "Chú thích", null), field(["photos", i, "credit"], "Nguồn ảnh", null),
        el("div", {class: "check"}, del, el("label", {for: `del-${i}`, text: "Xóa cả tệp ảnh khi lưu"})),
        el("button", {type: "button", class: "link", text: "Bỏ ảnh khỏi bài", onclick: () => {
          list.splice(i, 1);
          if (del.checked) d.deletePhotos.push(p.src);
          if (!list.length) delete d.form.photos;
          ed.redraw(); ed.changed(); }})));
    });
    const upload = async (files) => {
      if (!d.path) { say("Hãy lưu bài một lần trước khi thêm ảnh.", true); return; }
      for (const file of files) {
        try {
          const r = await api("POST", "photo", {path: d.path, name: file.name}, file, true);
          d.path = r.path; d.digest = r.digest;
          (d.form.photos = d.form.photos || []).push({src: r.src});
          say("Đã thêm ảnh " + r.src + ". Nhớ lưu bài.");
        } catch (e) { say(e.message, true); }
      }
      ed.redraw(); ed.changed();
    };
    pick.addEventListener("change", () => upload(pick.files));
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); upload(e.dataTransfer.files); });
    return fieldset("Ảnh", ["photos"], zone, thumbs);
  };
};
