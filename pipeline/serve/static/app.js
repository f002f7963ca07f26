// report-lint's local page. Every piece of document text goes into the page as a text node
// (el() below never parses markup), so a "<script>" in a draft is shown, never run.
"use strict";

const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const SECTION = { summary: "总结", plan: "打算", problems: "问题", opening: "开头", closing: "结尾" };
let current = null; // the last result, for the downloads
let runs = 0;

function zh(message) { return String(message || "").split(" / ")[0]; } // the Chinese half of a bilingual line

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function $(id) { return document.getElementById(id); }

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function worst(findings) {
  const rank = { info: 0, warning: 1, error: 2 };
  return findings.reduce((a, f) => (rank[f.severity] > rank[a] ? f.severity : a), "info");
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
  box.scrollIntoView({ block: "nearest" });
}

async function submit(event) {
  event.preventDefault();
  const file = $("file").files[0];
  const text = $("text").value;
  const limit = Number(document.body.dataset.maxBytes) || 10 * 1024 * 1024;
  $("error").hidden = true;
  if (!file && !text.trim()) { showError("请先粘贴材料文字，或选择一个 .txt / .docx 文件。"); return; }
  if (file && file.size > limit) {
    showError(`文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${Math.round(limit / 1048576)} MB，请拆分后再检查。`);
    return;
  }
  const form = new FormData();
  if (file) form.append("file", file, file.name); else form.append("text", text);
  form.append("suggest", $("want-suggest").checked ? "1" : "0");
  form.append("docx", $("want-docx").checked ? "1" : "0");
  $("go").disabled = true;
  $("status").textContent = "正在检查，请稍候……";
  try {
    const response = await fetch("/api/check", { method: "POST", body: form });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      showError(zh(body && body.error) || `检查失败（${response.status}）`);
      $("status").textContent = "";
      return;
    }
    render(body);
    const t = body.timing || {};
    $("status").textContent = `检查完成，用时 ${((t.check_s || 0) + (t.extras_s || 0)).toFixed(1)} 秒。`;
  } catch (e) {
    showError("无法连接检查服务，请确认运行 report-lint serve 的窗口没有关闭。");
    $("status").textContent = "";
  } finally {
    $("go").disabled = false;
  }
}

function render(result) {
  current = result;
  $("result").hidden = false;
  $("doc-name").textContent = result.name;
  renderCounts(result);
  renderDownloads(result);
  renderDoc(result);
  renderGroups(result);
  renderCoverage(result.coverage);
  renderClaims(result.claims);
  renderSuggest(result.suggest);
  $("result").dataset.run = String(++runs); // tests wait on this
}

function renderCounts(result) {
  const box = $("counts");
  clear(box);
  if (!result.findings.length) { box.appendChild(el("span", {}, "未发现问题。")); return; }
  for (const sev of ["error", "warning", "info"]) {
    const n = result.findings.filter((f) => f.severity === sev).length;
    box.appendChild(el("span", { class: `n-${sev}` }, `${SEVERITY[sev]} ${n} 处`));
  }
}

function renderDownloads(result) {
  const note = $("docx-note");
  $("dl-docx").hidden = !result.docx.available;
  note.hidden = result.docx.available || !result.docx.note;
  note.textContent = result.docx.available ? "" : zh(result.docx.note);
  const notes = $("notes");
  clear(notes);
  for (const w of result.warnings || []) notes.appendChild(el("li", {}, zh(w)));
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function stem(name) { return (name || "材料").replace(/\.[^.]*$/, ""); }

function downloadDocx() {
  if (!current || !current.docx.available) return;
  const raw = atob(current.docx.base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  download(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }),
    current.docx.filename);
}

function downloadJson() {
  if (!current) return;
  download(new Blob([JSON.stringify(current.report, null, 2)], { type: "application/json" }),
    `${stem(current.name)}.report-lint.json`);
}

// ---- the text with its findings marked -------------------------------------------
function renderDoc(result) {
  const box = $("doc");
  clear(box);
  const text = result.text;
  const spans = result.findings.map((f) => {
    const start = Math.min(f.start16, text.length);
    return { f, start, end: Math.min(text.length, Math.max(f.end16, start + 1)) };
  });
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const starting = new Map();
  for (const s of spans) {
    if (!starting.has(s.start)) starting.set(s.start, []);
    starting.get(s.start).push(s);
  }
  let active = [];
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    active = active.filter((s) => s.end > a).concat(starting.get(a) || []);
    const piece = text.slice(a, b);
    if (!active.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const fs = active.map((s) => s.f);
    const title = fs.map((f) => `${f.code} ${f.message}${f.suggestion ? "\n建议：" + f.suggestion : ""}`).join("\n\n");
    frag.appendChild(el("mark", {
      class: `sev-${worst(fs)}`, tabindex: 0, title, "data-ids": fs.map((f) => f.id).join(" "),
      "data-codes": fs.map((f) => f.code).join(" "), "data-start": a,
    }, piece));
  }
  box.appendChild(frag);
}

function marksOf(id) {
  return [...document.querySelectorAll("#doc mark")].filter((m) => m.dataset.ids.split(" ").includes(String(id)));
}

function openPopup(mark) {
  const ids = mark.dataset.ids.split(" ").map(Number);
  const popup = $("popup");
  clear(popup);
  for (const id of ids) {
    const f = current.findings[id];
    popup.appendChild(el("div", { class: "entry" },
      el("div", {}, el("span", { class: `sev-label ${f.severity}` }, SEVERITY[f.severity]),
        el("span", { class: "code" }, f.code), `第 ${f.line} 行`),
      el("div", {}, f.message),
      f.suggestion ? el("div", { class: "fix" }, `建议：${f.suggestion}`) : null,
      f.replacement !== null && f.replacement !== undefined && f.replacement !== ""
        ? el("div", { class: "fix" }, `可改为：“${f.replacement}”`) : null));
  }
  const r = mark.getBoundingClientRect();
  popup.hidden = false;
  const left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - popup.offsetWidth - 12);
  popup.style.left = `${Math.max(8, left)}px`;
  popup.style.top = `${window.scrollY + r.bottom + 6}px`;
  document.querySelectorAll("#groups li.active").forEach((li) => li.classList.remove("active"));
  for (const id of ids) {
    const li = document.querySelector(`#groups li[data-id="${id}"]`);
    if (li) li.classList.add("active");
  }
}

function goTo(id) {
  const mark = marksOf(id)[0];
  if (!mark) return;
  mark.scrollIntoView({ block: "center", behavior: "smooth" });
  document.querySelectorAll("#doc mark.flash").forEach((m) => m.classList.remove("flash"));
  mark.classList.add("flash");
  setTimeout(() => openPopup(mark), 350);
}

function goToOffset(start16) {
  // a claim need not carry a finding: select its first character instead
  const box = $("doc");
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let pos = 0, node;
  while ((node = walker.nextNode())) {
    if (pos + node.length > start16) {
      const range = document.createRange();
      range.setStart(node, start16 - pos);
      range.setEnd(node, Math.min(node.length, start16 - pos + 1));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      (node.parentElement || box).scrollIntoView({ block: "center", behavior: "smooth" });
      return;
    }
    pos += node.length;
  }
}

// ---- findings grouped by severity, then family --------------------------------------
function renderGroups(result) {
  const box = $("groups");
  clear(box);
  if (!result.findings.length) { box.appendChild(el("p", {}, "没有发现问题。")); return; }
  for (const sev of ["error", "warning", "info"]) {
    const mine = result.findings.filter((f) => f.severity === sev);
    if (!mine.length) continue;
    const details = el("details", { class: `sev ${sev}`, open: true }, el("summary", {}, `${SEVERITY[sev]}（${mine.length}）`));
    const families = [...new Set(mine.map((f) => f.family))].sort();
    for (const fam of families) {
      const items = mine.filter((f) => f.family === fam);
      details.appendChild(el("div", { class: "family" }, `${fam}xx ${(result.families[fam] || "").split(" (")[0]}（${items.length}）`));
      details.appendChild(el("ul", { class: "items" }, items.map((f) => el("li", {
        "data-id": f.id, tabindex: 0, onclick: () => goTo(f.id),
        onkeydown: (e) => { if (e.key === "Enter") goTo(f.id); },
      }, el("span", { class: "where" }, `第 ${f.line} 行`), el("span", { class: "code" }, f.code), f.message))));
    }
    box.appendChild(details);
  }
}

// ---- coverage, claims, plan items -------------------------------------------------
function renderCoverage(cov) {
  const box = $("coverage");
  clear(box);
  if (!cov.rows.length) { box.appendChild(el("p", { class: "note" }, "未识别出“工作总结”或“下步打算”部分，无法统计。")); return; }
  const dash = (v) => (cov.has_plan ? v : "-");
  box.appendChild(el("table", {},
    el("thead", {}, el("tr", {}, ["工作维度", "总结条目", "总结字数", "打算条目", "打算字数", "说明"].map((h) => el("th", {}, h)))),
    el("tbody", {}, cov.rows.map((r) => el("tr", {},
      el("td", {}, r.dimension), el("td", { class: "num" }, r.summary.items), el("td", { class: "num" }, r.summary.chars),
      el("td", { class: "num" }, dash(r.plan ? r.plan.items : 0)), el("td", { class: "num" }, dash(r.plan ? r.plan.chars : 0)),
      el("td", { class: r.note ? "warn" : "" }, zh(r.note)))))));
}

function renderClaims(claims) {
  const box = $("claims");
  clear(box);
  if (!claims.length) { box.appendChild(el("p", { class: "note" }, "文中没有识别出数字。")); return; }
  const value = (c) => (Array.isArray(c.value) ? c.value.join("～") : c.value === null ? "" : String(c.value));
  box.appendChild(el("div", { class: "scroll" }, el("table", {},
    el("thead", {}, el("tr", {}, ["行", "原文", "数值", "单位", "指标", "时间", "类型", "所在部分", "工作维度"].map((h) => el("th", {}, h)))),
    el("tbody", {}, claims.map((c) => el("tr", { class: "clickable", onclick: () => goToOffset(c.start16) },
      el("td", { class: "num" }, c.line), el("td", { class: c.placeholder ? "warn" : "" }, c.raw), el("td", { class: "num" }, value(c)),
      el("td", {}, c.unit || ""), el("td", {}, c.metric || ""), el("td", {}, c.period || ""), el("td", {}, c.role || ""),
      el("td", {}, SECTION[c.section] || c.section || ""), el("td", {}, c.dimension || "")))))));
}

function renderSuggest(s) {
  const box = $("suggest");
  clear(box);
  for (const n of s.notes || []) box.appendChild(el("p", { class: "note" }, zh(n)));
  if (!s.available) {
    if (!(s.notes || []).length) box.appendChild(el("p", { class: "note" }, "本次未生成建议。"));
    return;
  }
  const method = s.method === "lm" ? "语言模型生成" : s.method === "template" ? "模板填充" : "";
  if (s.plan_block.length) {
    box.appendChild(el("p", {}, `建议的“下步工作打算”（新增条目以绿色标出${method ? "，" + method : ""}）：`));
    box.appendChild(el("ol", { class: "plan" }, s.plan_block.map((row) => el("li", { class: row.new ? "new" : "" },
      `${row.label}${row.text === null ? "（未能生成合适的条目）" : row.text}`,
      row.new ? el("span", { class: "tag" }, `新增：${row.dimension}`) : null))));
  }
  if (s.rewrites.length) {
    box.appendChild(el("p", {}, "并列标题改写建议："));
    box.appendChild(el("ul", {}, s.rewrites.map((r) => el("li", {},
      `第 ${r.line} 行：“${r.label}${r.original}” → ${r.text ? "“" + r.label + r.text + "”" : "未能生成合适的改写"}`))));
  }
  if (!s.plan_block.length && !s.rewrites.length) box.appendChild(el("p", {}, "各工作维度在下步打算中都已涉及，没有需要补充的条目。"));
}

// ---- wiring ----------------------------------------------------------------------
document.addEventListener("DOMContentLoaded", () => {
  const limit = Number(document.body.dataset.maxBytes);
  if (limit) $("limit").textContent = String(Math.round(limit / 1048576));
  $("form").addEventListener("submit", submit);
  const fileChanged = () => {
    const file = $("file").files[0];
    $("clear-file").hidden = !file;
    $("file-name").textContent = file ? file.name : "未选择文件";
  };
  $("file").addEventListener("change", fileChanged);
  $("clear-file").addEventListener("click", () => { $("file").value = ""; fileChanged(); });
  $("dl-docx").addEventListener("click", downloadDocx);
  $("dl-json").addEventListener("click", downloadJson);
  $("doc").addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) { e.stopPropagation(); openPopup(mark); }
  });
  $("doc").addEventListener("keydown", (e) => {
    const mark = e.target.closest("mark");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); openPopup(mark); }
  });
  document.addEventListener("click", (e) => { if (!e.target.closest("#popup")) $("popup").hidden = true; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") $("popup").hidden = true; });
  document.body.dataset.ready = "1";
});
