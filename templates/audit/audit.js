/* The audit report's script: loads the folder's data scripts on demand and fills the
   pages in. Every text it shows is set as textContent (never as HTML), so what an
   agency wrote in a cell stays text. It runs only files of this folder (the pages'
   Content-Security-Policy) and makes no request of its own. */
"use strict";

const SDG18 = (() => {
  const received = new Map();
  const waiting = new Map();

  /* Called by each data script: SDG18.receive(name, payload). */
  function receive(name, payload) {
    received.set(name, payload);
    (waiting.get(name) || []).forEach((w) => w.resolve(payload));
    waiting.delete(name);
  }

  /* The payload of data script `file` (named `name`), loaded once. */
  function load(name, file) {
    if (received.has(name)) return Promise.resolve(received.get(name));
    return new Promise((resolve, reject) => {
      const list = waiting.get(name) || [];
      list.push({ resolve, reject });
      waiting.set(name, list);
      if (list.length > 1) return;
      const script = document.createElement("script");
      script.src = file;
      script.onerror = () => {
        waiting.delete(name);
        list.forEach((w) => w.reject(new Error("cannot load " + file)));
      };
      document.head.appendChild(script);
    });
  }
  return { receive, load };
})();

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function plural(count, noun) {
  return count.toLocaleString("en") + " " + noun + (count === 1 ? "" : "s");
}

function formatNumber(value) {
  if (value === null || value === undefined) return "missing";
  return value.toLocaleString("en", { maximumFractionDigits: 6 });
}

/* Tables with class "sortable": a header's button sorts by its column. */
function sortableTables() {
  document.querySelectorAll("table.sortable").forEach((table) => {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((th, column) => {
      th.querySelector("button").addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = th.dataset.type === "number";
        const key = (tr) => {
          const text = tr.cells[column].textContent.replace(/,/g, "");
          return numeric ? (text === "" ? -Infinity : Number(text)) : text;
        };
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const order = numeric ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach((tr) => body.appendChild(tr));
      });
    });
  });
}

/* A paged view of `matched` (row numbers): `show(numbers)` fills the page. */
function pager(nav, size, show) {
  let page = 0;
  let matched = [];
  const label = nav.querySelector(".page-of");
  const buttons = nav.querySelectorAll("button");
  async function render() {
    const pages = Math.max(1, Math.ceil(matched.length / size));
    page = Math.min(page, pages - 1);
    label.textContent = "page " + (page + 1) + " of " + pages;
    buttons[0].disabled = page === 0;
    buttons[1].disabled = page >= pages - 1;
    await show(matched.slice(page * size, (page + 1) * size));
  }
  buttons.forEach((button) => button.addEventListener("click", () => {
    page += Number(button.dataset.step);
    render();
  }));
  return {
    set(numbers) { matched = numbers; page = 0; return render(); },
  };
}

function fillSelect(select, values) {
  values.forEach((value) => {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = value === "" ? "(none)" : value;
    select.appendChild(option);
  });
}

/* The findings page: filters on the index (exact counts without loading the findings);
   the rows of a page, or a search, load the chunks they need. */
async function findingsPage() {
  const data = await SDG18.load("findings-index", "data/findings-index.js");
  const status = document.getElementById("finding-count");
  const selects = Array.from(document.querySelectorAll("#finding-filters select"));
  const search = document.getElementById("f-search");
  selects.forEach((s) => fillSelect(s, data.facets[s.dataset.facet]));
  const chunk = (n) => {
    const k = Math.floor(n / data.chunk);
    return SDG18.load("findings-" + k, "data/findings-" + k + ".js");
  };
  const body = document.querySelector("#findings tbody");
  const fileColumn = data.columns.indexOf("file");
  const view = pager(document.getElementById("finding-pager"), 50, async (numbers) => {
    const rows = await Promise.all(numbers.map(async (n) => (await chunk(n))[n % data.chunk]));
    body.replaceChildren();
    rows.forEach((values) => {
      const tr = document.createElement("tr");
      values.forEach((value, i) => {
        const td = cell(tr, "", i === 0 ? "sev-" + value : "");
        const input = data.inputs[value];
        if (i === fileColumn && input) {
          const a = document.createElement("a");
          a.href = "index.html#input-" + input;
          a.textContent = value;
          td.appendChild(a);
        } else {
          td.textContent = value;
        }
      });
      body.appendChild(tr);
    });
  });
  async function apply() {
    const wanted = selects.map((s) => {
      const at = data.order.indexOf(s.dataset.facet);
      return [at, s.value === "" ? -1 : data.facets[s.dataset.facet].indexOf(s.value)];
    });
    let numbers = [];
    data.index.forEach((codes, n) => {
      if (wanted.every(([at, code]) => code < 0 || codes[at] === code)) numbers.push(n);
    });
    const text = search.value.trim().toLowerCase();
    if (text) {
      status.textContent = "Searching…";
      const rows = await Promise.all(numbers.map(async (n) => (await chunk(n))[n % data.chunk]));
      numbers = numbers.filter((n, i) => rows[i].some((v) => v.toLowerCase().includes(text)));
    }
    status.textContent = plural(numbers.length, "finding") + " of " + data.index.length.toLocaleString("en");
    await view.set(numbers);
  }
  selects.forEach((s) => s.addEventListener("change", apply));
  let typing;
  search.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(apply, 200); });
  document.getElementById("finding-filters").addEventListener("reset", () => setTimeout(apply, 0));
  await apply();
  document.body.dataset.ready = "1";
}

/* The indicators page: every value; a traced one opens its trace. */
async function indicatorsPage() {
  const data = await SDG18.load("values", "data/values.js");
  const at = (name) => data.columns.indexOf(name);
  const status = document.getElementById("value-count");
  const selects = Array.from(document.querySelectorAll("#value-filters select"));
  const search = document.getElementById("v-search");
  selects.forEach((s) => {
    const values = Array.from(new Set(data.rows.map((r) => r[at(s.dataset.column)]))).sort();
    fillSelect(s, values);
    // The run's own period first: the values it traced.
    if (s.dataset.column === "period" && values.length) s.value = values[values.length - 1];
  });
  const body = document.querySelector("#values tbody");
  const shown = ["indicator", "series", "unit", "period", "scope", "breakdown", "value", "note"];
  const view = pager(document.getElementById("value-pager"), 50, async (numbers) => {
    body.replaceChildren();
    numbers.forEach((n) => {
      const row = data.rows[n];
      const tr = document.createElement("tr");
      shown.forEach((name) => {
        const value = row[at(name)];
        cell(tr, name === "value" ? formatNumber(value) : value, name === "value" ? "num" : "");
      });
      const td = cell(tr, "");
      if (row[at("traced")]) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.textContent = "trace";
        button.setAttribute("aria-label", "trace " + row[at("indicator")] + " " + row[at("series")] + " " + row[at("period")] + " " + row[at("scope")] + " " + row[at("breakdown")]);
        button.addEventListener("click", () => { location.hash = "value-" + row[at("number")]; });
        td.appendChild(button);
      } else {
        // not traced by this run (a value of an earlier period): the command that traces it
        td.textContent = "sdg18 trace " + row[at("indicator")] + " --series " + row[at("series")] + " --period " + row[at("period")];
      }
      body.appendChild(tr);
    });
  });
  async function apply() {
    const text = search.value.trim().toLowerCase();
    const numbers = [];
    data.rows.forEach((row, n) => {
      const chosen = selects.every((s) => s.value === "" || row[at(s.dataset.column)] === s.value);
      if (chosen && (!text || row.some((v) => String(v).toLowerCase().includes(text)))) numbers.push(n);
    });
    status.textContent = plural(numbers.length, "value") + " of " + data.rows.length.toLocaleString("en");
    await view.set(numbers);
  }
  selects.forEach((s) => s.addEventListener("change", apply));
  search.addEventListener("input", apply);
  document.getElementById("value-filters").addEventListener("reset", () => setTimeout(apply, 0));
  await apply();
  window.addEventListener("hashchange", () => openTrace(data));
  await openTrace(data);
  document.body.dataset.ready = "1";
}

async function openTrace(data) {
  const match = /^#value-(\d+)$/.exec(location.hash);
  if (!match) return;
  const n = Number(match[1]);
  const row = data.rows[n];
  if (!row) return;
  const at = (name) => data.columns.indexOf(name);
  const section = document.getElementById("trace");
  section.hidden = false;
  const describe = ["indicator", "series", "period", "scope", "breakdown"].map((c) => row[at(c)]).filter((v) => v);
  document.getElementById("trace-value").textContent = describe.join(" · ");
  const published = row[at("value")];  // every digit, as indicators.csv holds it
  document.getElementById("trace-published").textContent = (published === null ? "missing" : String(published)) + " " + row[at("unit")];
  const body = document.querySelector("#trace-rows tbody");
  body.replaceChildren();
  let trace;
  try {
    trace = await SDG18.load("trace-" + n, "data/traces/" + n + ".js");
  } catch (error) {
    document.getElementById("trace-recomputed").textContent = "no trace in this report (a value of an earlier period)";
    return;
  }
  const same = trace.recomputed === row[at("value")];
  const recomputed = document.getElementById("trace-recomputed");
  recomputed.textContent = (trace.recomputed === null ? "missing" : String(trace.recomputed)) + (same ? " — matches" : " — does not match");
  recomputed.className = same ? "match-yes" : "match-no";
  recomputed.dataset.value = trace.recomputed === null ? "" : String(trace.recomputed);
  document.getElementById("trace-records").textContent =
    plural(trace.records, "record") + " from " + plural(trace.files, "file") +
    (trace.records > trace.rows.length ? "; the first " + trace.rows.length.toLocaleString("en") + " are shown" : "");
  const all = document.getElementById("trace-all");
  all.replaceChildren();
  if (trace.extract) {
    const a = document.createElement("a");
    a.href = trace.extract;
    a.textContent = trace.extract + " (CSV, every record)";
    all.appendChild(a);
  } else {
    const code = document.createElement("code");
    code.textContent = trace.command;
    all.appendChild(code);
  }
  trace.rows.forEach((values) => {
    const tr = document.createElement("tr");
    values.forEach((value, i) => cell(tr, i === 0 ? trace.file_names[value] : value, i === 2 || i === 6 ? "num" : ""));
    body.appendChild(tr);
  });
  document.getElementById("trace-heading").focus();
}

async function sealFacts() {
  let seal;
  try {
    seal = await SDG18.load("seal", "data/seal.js");
  } catch (error) {
    return;
  }
  document.querySelectorAll("[data-seal]").forEach((dd) => {
    const value = seal[dd.dataset.seal];
    dd.textContent = value === null || value === undefined ? "none (the first run of the chain)" : String(value);
  });
}

document.addEventListener("DOMContentLoaded", async () => {
  sortableTables();
  const page = document.body.dataset.page;
  if (page === "findings.html") await findingsPage();
  else if (page === "indicators.html") await indicatorsPage();
  else {
    if (page === "index.html") await sealFacts();
    document.body.dataset.ready = "1";
  }
});
