// The view of the treatment and monitoring schedule: the first days of course 1 and (optionally)
// course 2 in; a summary (role="status"), a timeline chart (the Vega-Lite spec Altair built in
// Python, its data filled here, drawn with the vega-embed the site serves), a table with the
// source beside each event, and a button that downloads the .ics file made here.
// Everything clinical comes from model.get("rules") (widgets/alemtuzumab_kb/schedule.py rules_json()); all text
// is set with textContent, never innerHTML.
import {
  element, siteRootOf, sourceLink, labelled, statusRegion, disclaimer, rich, unreadableDate, calculatorRules, idMaker, headline, exampleNote,
  shareTools, pair, ruleNotes,
} from "./view.js";
import { formatDate, parseDate, toIso } from "./dates.js";
import { calendarText, chartDescription, chartRows, treatmentSchedule } from "./schedule.js";

const NARROW = 520;
// The table shows this many events from today on, and all of them on request.
const NEXT_ROWS = 8;
const SHOW = [
  ["all", "every event"],
  ["once", "treatment, precautions and deadlines"],
  ["repeated", "tests and yearly checks"],
];


function timeNode(iso) {
  return element("time", { datetime: iso }, formatDate(parseDate(iso)));
}

/**
 * The sources of an event, each linking to its section of the source chapter; a rule's status
 * and readings beside the first of its events only (`noted`: the rules already shown), so a
 * monthly test does not repeat them on every row.
 */
function sourceCell(event, siteRoot, noted = new Set()) {
  const cell = element("td", { class: "schedule-source" });
  const seen = new Set();
  for (const rule of event.rules) {
    const key = `${rule.source}|${rule.locator}|${rule.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = element("span", { class: "schedule-cite", "data-key": rule.key });
    line.append(
      sourceLink(siteRoot, rule.href, rule.source),
      document.createTextNode(`, ${rule.locator.replace(/\*/g, "")} (${rule.key})`),
    );
    cell.append(line);
    if (!noted.has(`${event.rule}|${rule.claim}`)) cell.append(...ruleNotes(rule, siteRoot));
    noted.add(`${event.rule}|${rule.claim}`);
  }
  return cell;
}

function eventRow(event, siteRoot, noted) {
  const row = element("tr", {
    "data-id": event.id,
    "data-rule": event.rule,
    "data-kind": event.kind,
    "data-start": event.start,
    "data-end": event.end || "",
    "data-projected": String(event.projected),
    "data-citations": [...new Set(event.rules.map((rule) => rule.key))].join(" "),
  });
  const when = element("td", { class: "schedule-when" });
  when.append(timeNode(event.start));
  if (event.end !== null) when.append(document.createTextNode(" to "), timeNode(event.end));
  const what = element("td");
  what.append(element("strong", { class: "schedule-title" }, event.title));
  if (event.projected) {
    what.append(element("span", { class: "schedule-projected" }, " (projected: if course 2 starts when due)"));
  }
  what.append(rich("span", event.text, { class: "schedule-text" }));
  row.append(when, what, sourceCell(event, siteRoot, noted));
  return row;
}

// The vega libraries, in the order they need: on the book's pages the site serves them
// (book/_ext/offline_site.py); in live Jupyter the kernel sends them (widgets/alemtuzumab_kb/ui/schedule.py).
const VEGA = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
const KERNEL_WAIT_MS = 20000;
let vegaLoading = null;

function vegaFromSite(siteRoot) {
  return VEGA.reduce(
    (previous, name) =>
      previous.then(
        () =>
          new Promise((resolve, reject) => {
            const script = document.createElement("script");
            script.src = `${siteRoot}_static/vega/${name}`;
            script.onload = resolve;
            script.onerror = () => reject(new Error(`${name} did not load`));
            document.head.appendChild(script);
          }),
      ),
    Promise.resolve(),
  );
}

function vegaFromKernel(model) {
  return new Promise((resolve, reject) => {
    let answered = false;
    const answer = (message) => {
      if (answered || !message || !("vega" in message)) return;
      answered = true;
      model.off("msg:custom", answer);
      if (!Array.isArray(message.vega)) return reject(new Error("the kernel has no vega"));
      // UMD builds: with no module loader in sight they define window.vega, vegaLite, vegaEmbed.
      for (const source of message.vega) new Function("define", "module", "exports", source).call(window);
      return resolve();
    };
    model.on("msg:custom", answer);
    model.send({ request: "vega" });
    setTimeout(() => answered || reject(new Error("the kernel did not send vega")), KERNEL_WAIT_MS);
  });
}

/**
 * vega-embed, loaded only when the chart is first drawn (near the viewport), so the ~800 kB of
 * chart code never delays the calculator's first result and is not loaded at all for a reader who
 * never scrolls to it; null if it cannot be loaded. A relative site root means a page of the book
 * (or an embed page); an absolute one (the published book's address) means live Jupyter, where
 * the kernel has the libraries.
 */
function vegaReady(model) {
  if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
  if (!vegaLoading) {
    const siteRoot = siteRootOf(model);
    // In live Jupyter (an absolute book address, or none known) the kernel sends the libraries.
    const live = siteRoot === null || /^[a-z][a-z0-9+.-]*:/i.test(siteRoot);
    vegaLoading = (live ? vegaFromKernel(model) : vegaFromSite(siteRoot)).then(
      () => window.vegaEmbed || null,
      () => null,
    );
  }
  return vegaLoading;
}

function render({ model, el }) {
  const rules = calculatorRules(model);
  const id = idMaker(model);
  const root = element("div", { class: "calc calc-schedule" });
  const repeatedKinds = rules.repeated_kinds || [];

  const first = element("input", { id: id("course1_start"), type: "date", "data-input": "course1_start" });
  const second = element("input", { id: id("course2_start"), type: "date", "data-input": "course2_start" });
  const show = element("select", { id: id("show"), "data-input": "show" });
  for (const [value, text] of SHOW) show.append(element("option", { value }, text));
  const include = element("select", { id: id("include"), "data-input": "include" });
  for (const choice of rules.ics.choices) include.append(element("option", { value: choice.id }, choice.label));
  const firstDays = rules.courses.first.infusion_days;
  const laterDays = rules.courses.second.infusion_days;

  const status = statusRegion();
  const figure = element("figure", { class: "schedule-figure" });
  const chart = element("div", { class: "schedule-chart", role: "img", "aria-label": "Timeline of the schedule." });
  const chartNote = element(
    "figcaption",
    { class: "calc-hint" },
    "One row per event and source: ticks are single days, bars are periods, colours group the kinds of event. " +
      "The table above lists every event with its source.",
  );
  figure.append(chart, chartNote);
  const download = element("button", { type: "button", class: "schedule-download" }, "Download the calendar (.ics)");
  const downloadHint = element(
    "p",
    { class: "calc-hint" },
    "For any calendar program: one all-day event a day, listing what that day holds and its sources; made in your browser.",
  );
  const calendar = element("div", { class: "schedule-calendar" });
  calendar.append(labelled("The calendar file holds", include), download, downloadHint);
  const tableTitle = element("p", { class: "calc-list-title schedule-table-title", "aria-live": "polite" });
  const table = element("table", { class: "schedule-table", "aria-labelledby": id("table-title") });
  tableTitle.id = id("table-title");
  const head = element("thead");
  const headRow = element("tr");
  for (const name of ["When", "Event", "Source"]) headRow.append(element("th", { scope: "col" }, name));
  head.append(headRow);
  const body = element("tbody");
  table.append(head, body);
  const more = element("button", { type: "button", class: "calc-button schedule-more", "aria-controls": id("table-title") });
  const openTitle = element("p", { class: "calc-list-title" }, "What the sources leave open");
  const openList = element("ul", { class: "schedule-open" });
  const results = element("div", { class: "schedule-results" });
  results.append(
    calendar,
    labelled("Show", show),
    tableTitle,
    table,
    more,
    figure,
    openTitle,
    openList,
  );

  root.append(
    pair(
      labelled("First day of course 1", first, `Course 1 has ${firstDays} infusion days, on consecutive days.`),
      labelled(
        "First day of course 2",
        second,
        `Empty until course 2 is given: the schedule shows when it is due. It has ${laterDays} infusion days.`,
      ),
    ),
    exampleNote(model),
    status,
    results,
    disclaimer(),
    shareTools(model, id),
  );
  el.append(root);

  let current = null;
  let shown = null;
  let chartToken = 0;
  let chartView = null;
  let drawnWidth = 0;

  function fail(message) {
    current = null;
    chartToken += 1;
    status.classList.add("calc-error");
    status.replaceChildren(element("p", { "data-result": "error" }, message));
    results.hidden = true;
  }

  function badDate(input, what) {
    const message = unreadableDate(input, what);
    if (message) fail(message);
    return Boolean(message);
  }

  let showAll = false;

  /** The reader's today, as YYYY-MM-DD in their own time zone. */
  function today() {
    const now = new Date();
    return toIso({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  }

  // The table shows the next events from today (or the first ones, for a schedule that has not
  // begun), and every event when the reader asks: no scroll box inside the page.
  function applyFilter() {
    const wanted = show.value;
    const rows = [...body.rows];
    const matching = rows.filter((row) => {
      const repeated = repeatedKinds.includes(row.dataset.kind);
      return wanted === "once" ? !repeated : wanted === "repeated" ? repeated : true;
    });
    const now = today();
    // Events still to come or still running today (a period that ends today or later).
    const coming = matching.filter((row) => (row.dataset.end || row.dataset.start) >= now);
    const next = coming.slice(0, NEXT_ROWS);
    const visible = new Set(showAll ? matching : next);
    for (const row of rows) row.hidden = !visible.has(row);
    const total = matching.length;
    const when = formatDate(parseDate(now));
    if (showAll) tableTitle.textContent = `All ${total} events`;
    else if (!coming.length) tableTitle.textContent = `Every one of the ${total} events is before today, ${when}`;
    else if (coming.length === total) tableTitle.textContent = `The first ${next.length} of ${total} events`;
    else tableTitle.textContent = `The next ${next.length} of ${total} events, from today, ${when}`;
    table.hidden = visible.size === 0;
    more.hidden = !showAll && next.length === total;
    more.textContent = showAll ? "Show only the next events" : `Show all ${total} events`;
    more.setAttribute("aria-expanded", String(showAll));
  }

  more.addEventListener("click", () => {
    showAll = !showAll;
    applyFilter();
  });

  async function drawChart(schedule) {
    chartToken += 1;
    const token = chartToken;
    const embed = await vegaReady(model);
    if (token !== chartToken) return;
    if (!embed || !rules.chart) {
      chart.replaceChildren(
        element("p", { class: "calc-hint" }, "The chart is drawn on the book's own pages; the table above lists the events."),
      );
      chart.dataset.drawn = "false";
      return;
    }
    const spec = JSON.parse(JSON.stringify(rules.chart));
    spec.data = { name: "events", values: chartRows(rules, schedule) };
    // On a narrow screen, shorter row labels and a one-column legend leave room for the years.
    if (chart.clientWidth < NARROW) {
      spec.config = spec.config || {};
      spec.config.axisY = { ...(spec.config.axisY || {}), labelLimit: 120 };
      spec.config.legend = { ...(spec.config.legend || {}), columns: 1 };
    }
    drawnWidth = chart.clientWidth;
    if (chartView) chartView.finalize();
    chartView = null;
    // Draw into a child: vega-embed relabels its container, and the outer element's role="img"
    // and aria-label are the chart's text alternative.
    const target = element("div", { class: "schedule-chart-target" });
    chart.replaceChildren(target);
    chart.dataset.drawn = "pending";
    try {
      const result = await embed(target, spec, { actions: false, renderer: "svg" });
      if (token !== chartToken) {
        result.finalize();
        return;
      }
      chartView = result;
      chart.dataset.drawn = "true";
    } catch (error) {
      if (token !== chartToken) return;
      chart.replaceChildren(element("p", { class: "calc-hint" }, `The chart could not be drawn (${error}); the table above lists the events.`));
      chart.dataset.drawn = "false";
    }
  }

  function update() {
    const siteRoot = siteRootOf(model);
    const bad = [first, second].map((input) => Boolean(input.validity && input.validity.badInput));
    const key = JSON.stringify([model.get("course1_start"), model.get("course2_start"), siteRoot, bad]);
    if (key === shown) return;
    shown = key;
    if (badDate(first, "The first day of course 1") || badDate(second, "The first day of course 2")) return;
    let schedule;
    try {
      schedule = treatmentSchedule(rules, model.get("course1_start"), model.get("course2_start"));
    } catch (error) {
      if (error && error.name === "InputError") fail(error.message);
      else fail(`The calculator could not work this out (${error}). Check the dates.`);
      return;
    }
    current = schedule;
    status.classList.remove("calc-error");
    const names = ["course1", "course2", "horizon", "count"];
    const values = [schedule.courses[0].start, schedule.courses[1].start, schedule.horizon, String(schedule.events.length)];
    const lines = schedule.summary.map((line, index) =>
      element("p", index < names.length ? { "data-result": names[index], "data-value": values[index] } : { "data-result": "notice" }, line),
    );
    status.replaceChildren(headline(schedule.headline), ...lines);
    if (schedule.projected) lines[1].dataset.projected = "true";
    // The summary shows at once; the table of some two hundred rows and the chart follow in
    // the next task, so a reader (and a screen reader) gets the answer without waiting for them.
    setTimeout(() => {
      if (current === schedule) showDetails(schedule, siteRoot);
    }, 0);
  }

  function showDetails(schedule, siteRoot) {
    results.hidden = false;
    const noted = new Set();
    body.replaceChildren(...schedule.events.map((event) => eventRow(event, siteRoot, noted)));
    applyFilter();
    openList.replaceChildren(
      ...schedule.openPoints.map((point) => {
        const item = element("li", { "data-claim": point.rule.claim });
        item.append(rich("span", point.text), document.createTextNode(" ("));
        item.append(sourceLink(siteRoot, point.rule.href, point.rule.source));
        item.append(document.createTextNode(`, ${point.rule.locator.replace(/\*/g, "")}; ${point.rule.key})`));
        item.append(...ruleNotes(point.rule, siteRoot));
        return item;
      }),
    );
    showChart(schedule);
  }

  // The chart, and the ~800 kB of vega it needs, wait until it is about to scroll into view:
  // a reader who reads the summary and the table never loads them.
  let chartNear = typeof IntersectionObserver !== "function";
  let chartWanted = null;
  const nearObserver = chartNear ? null : new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    chartNear = true;
    nearObserver.disconnect();
    if (chartWanted === current) drawChart(chartWanted);
  }, { rootMargin: "300px 0px" });
  if (nearObserver) nearObserver.observe(chart);

  function showChart(schedule) {
    chart.setAttribute("aria-label", chartDescription(rules, schedule));
    if (chartNear) drawChart(schedule);
    else chartWanted = schedule;
  }

  function fileName(schedule, choice) {
    const dates = schedule.courses.filter((course) => course.given).map((course) => course.start);
    const what = choice === "all" ? "" : `-${choice}`;
    return `alemtuzumab-schedule-${dates.join("-")}${what}.ics`;
  }

  // The file's address lives until the next download: a busy browser may start saving it late.
  let fileUrl = null;
  download.addEventListener("click", () => {
    if (!current) return;
    const text = calendarText(rules, current, rules.ics.default_stamp, include.value);
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    fileUrl = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    const link = element("a", { href: fileUrl, download: fileName(current, include.value), target: "_self", hidden: "" });
    root.append(link);
    link.click();
    link.remove();
  });
  show.addEventListener("change", applyFilter);
  // The chart fits its container's width when drawn; draw it again when that width changes
  // (the page's layout settling, a phone turned, a window resized).
  let resizeTimer = null;
  const resizeObserver = typeof ResizeObserver === "function"
    ? new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (current && chart.dataset.drawn === "true" && Math.abs(chart.clientWidth - drawnWidth) > 1) drawChart(current);
      }, 150);
    })
    : null;
  if (resizeObserver) resizeObserver.observe(chart);

  function setFromInputs() {
    model.set("course1_start", first.value);
    model.set("course2_start", second.value);
    model.save_changes();
    update();
  }

  function setFromModel() {
    for (const [input, name] of [[first, "course1_start"], [second, "course2_start"]]) {
      const value = String(model.get(name) ?? "");
      if (input.value !== value) input.value = value;
    }
    update();
  }

  for (const input of [first, second]) {
    input.addEventListener("input", setFromInputs);
    input.addEventListener("change", setFromInputs);
    // An incomplete or impossible date typed by hand leaves the value empty and fires no input
    // event; check it as keys are released and when the field loses focus.
    input.addEventListener("keyup", update);
    input.addEventListener("blur", update);
  }
  const traits = ["course1_start", "course2_start"];
  for (const name of traits) model.on(`change:${name}`, setFromModel);
  setFromModel();
  return () => {
    for (const name of traits) model.off(`change:${name}`, setFromModel);
    chartToken += 1;
    if (resizeObserver) resizeObserver.disconnect();
    if (nearObserver) nearObserver.disconnect();
    if (chartView) chartView.finalize();
  };
}

export default { render };
