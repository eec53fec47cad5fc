// sitegen's editor: a report or an article the clerk has in Word (.docx), brought in as
// the post's body (serve reads it; nothing is written until the post is saved), then the
// form's fields filled from it as "Điền các ô từ nội dung bài" does; and a table pasted
// from Word kept a table. editor.js makes the control with sitegenWord(ed).
"use strict";
// Rows copied from a Word table or a sheet arrive with their cells apart at tabs: as a
// Markdown table they stay a table in the post (two rows or more; the first the heading).
window.sitegenTables = {
  convert(text) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    const out = [];
    for (let i = 0; i < lines.length;) {
      let j = i;
      while (j < lines.length && lines[j].includes("\t")) j++;
      if (j - i < 2) {
        out.push(lines[i++]);
        continue;
      }
      const rows = lines.slice(i, j).map((l) => l.split("\t").map((c) => c.trim().replace(/\|/g, "\\|")));
      const width = Math.max(...rows.map((r) => r.length));
      const line = (r) => "| " + r.concat(Array(width - r.length).fill("")).join(" | ") + " |";
      if (out.length && out[out.length - 1].trim()) out.push("");
      out.push(line(rows[0]), "|" + "---|".repeat(width), ...rows.slice(1).map(line), "");
      i = j;
    }
    return out.join("\n");
  },
  // Pasted into `box`, such rows become that table, a blank line before it as Markdown
  // needs; other text is pasted as it is.
  keepOnPaste(box) {
    box.addEventListener("paste", (e) => {
      const text = e.clipboardData.getData("text/plain");
      let tables = this.convert(text);
      if (tables === text) return;
      e.preventDefault();
      const before = box.value.slice(0, box.selectionStart);
      if (/^\n*\| /.test(tables) && before.trim()) {
        tables = (before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n") + tables.replace(/^\n+/, "");
      }
      box.setRangeText(tables, box.selectionStart, box.selectionEnd, "end");
      box.dispatchEvent(new Event("input"));
    });
  },
};

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
