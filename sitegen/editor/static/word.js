// sitegen's editor: a report or an article the clerk has in Word (.docx), brought in as
// the post's body (serve reads it; nothing is written until the post is saved), then the
// form's fields filled from it as "Điền các ô từ nội dung bài" does. editor.js makes the
// control with sitegenWord(ed).
"use strict";
window.sitegenWord = function (ed) {
  const {api, say, el, fold} = ed;
  return function wordPicker() {
    const pick = el("input", {type: "file", id: "f-word-file", "aria-describedby": "f-word-help",
                              accept: ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"});
    pick.addEventListener("change", async () => {
      const file = pick.files[0];
      const d = ed.doc();
      if (!file || (d.body.trim() && !confirm("Thay nội dung bài bằng nội dung của " + file.name + "?"))) {
        pick.value = ""; return;
      }
      try {
        const r = await api("POST", "word", {name: file.name}, file, true);
        const title = (d.form.title || "").trim();
        if (!title && r.title) d.form.title = r.title;  // its first line, as an article starts
        d.body = r.title && (!title || fold(title) === fold(r.title)) ? r.rest : r.text;
        d.bodyEdited = true;
        await ed.fill();
        say("Đã lấy nội dung từ " + file.name + ". Soát lại từng ô với báo cáo trước khi lưu.");
      } catch (e) { say(e.message, true); }
      pick.value = "";
    });
    return el("div", {class: "word"}, el("label", {for: "f-word-file", text: "Lấy nội dung từ tệp Word (.docx)"}),
      el("span", {class: "help", id: "f-word-help", text: "Đoạn văn và bảng của tệp thành nội dung bài; các ô được điền từ đó"}),
      pick);
  };
};
