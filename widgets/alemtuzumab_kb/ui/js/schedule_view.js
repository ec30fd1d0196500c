// The view of the treatment and monitoring schedule: the first days of course 1 and (optionally)
// course 2 in; a summary (role="status"), a timeline chart (the Vega-Lite spec Altair built in
// Python, its data filled here, drawn with the vega-embed the site serves), a table with the
// source beside each event, and a button that downloads the .ics file made here.
// Everything clinical comes from model.get("rules") (widgets/alemtuzumab_kb/schedule.py rules_json()); all text
// is set with textContent, never innerHTML.
import {
  element, siteRootOf, sourceLink, labelled, statusRegion, disclaimer, rich, unreadableDate, calculatorRules, idMaker, headline, exampleNote, showValue,
  shareTools, pair, ruleNotes,
} from "./view.js";
import { formatDate, parseDate, toIso } from "./dates.js";
import { calendarText, chartDescription, chartLanes, chartRows, treatmentSchedule } from "./schedule.js";
import { SHOW, overdueEvents, overdueLines, passedText, tableView } from "./schedule_today.js";

const NARROW = 520;


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

function eventRow(event, siteRoot, noted, passed = "") {
  const row = element("tr", {
    "data-id": event.id,
    "data-rule": event.rule,
    "data-kind": event.kind,
    "data-start": event.start,
    "data-end": event.end || "",
    "data-projected": String(event.projected),
    "data-citations": [...new Set(event.rules.map((rule) => rule.key))].join(" "),
    "data-overdue": String(Boolean(passed)),
  });
  const when = element("td", { class: "schedule-when" });
  if (passed) {
    row.classList.add("schedule-overdue");
    when.append(element("strong", { class: "schedule-overdue-mark" }, "Overdue"), element("br"));
  }
  when.append(timeNode(event.start));
  if (event.end !== null) when.append(document.createTextNode(" to "), timeNode(event.end));
  const what = element("td");
  what.append(element("strong", { class: "schedule-title" }, event.title));
  if (passed) what.append(element("span", { class: "schedule-passed" }, `${passed[0].toUpperCase()}${passed.slice(1)}.`));
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
    "One row per event and source: ticks are single days, bars are periods, colours group the kinds of event, " +
      "and a ring marks what is overdue. The table above lists every event with its source.",
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
    shareTools(model, id),
    results,
    disclaimer(),
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

  /**
   * The reader's today, as YYYY-MM-DD in their own time zone; the `today` trait, where a test or
   * a worked example sets one, stands in for the clock.
   */
  function today() {
    const set = String(model.get("today") ?? "");
    if (set) {
      try {
        return toIso(parseDate(set, "today")); // strict, as the Python side checks it
      } catch {
        // not a real date: the clock's today, as for an empty one
      }
    }
    const now = new Date();
    return toIso({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  }

  // The table shows what is overdue first, then the next events from today (or the first ones,
  // for a schedule that has not begun), and every event when the reader asks: no scroll box
  // inside the page. The rows are in the table in that order (schedule_today.js).
  function applyFilter() {
    if (!current) return;
    const view = tableView(current, today(), repeatedKinds, show.value, showAll);
    const visible = new Set(view.rows.map((event) => event.id));
    for (const row of body.rows) row.hidden = !visible.has(row.dataset.id);
    tableTitle.textContent = view.title;
    table.hidden = visible.size === 0;
    more.hidden = !showAll && view.complete;
    more.textContent = showAll ? "Show only the next events" : `Show all ${view.total} events`;
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
      chart.style.minHeight = "";
      chart.replaceChildren(
        element("p", { class: "calc-hint" }, "The chart is drawn on the book's own pages; the table above lists the events."),
      );
      chart.dataset.drawn = "false";
      return;
    }
    const spec = JSON.parse(JSON.stringify(rules.chart));
    const late = overdueEvents(schedule, today());
    spec.data = { name: "events", values: chartRows(rules, schedule, late) };
    // The rings' layer only where something is overdue: an empty layer makes Vega warn that
    // the extent of its dates is infinite.
    if (!late.length && Array.isArray(spec.layer)) spec.layer = spec.layer.filter((layer) => layer.name !== "overdue");
    // One row height per row the data fills (a number: see chart_spec() in Python).
    const rowHeight = spec.usermeta && spec.usermeta.row_height;
    if (rowHeight) spec.height = rowHeight * chartLanes(rules, schedule).length;
    // On a narrow screen, shorter row labels and a one-column legend leave room for the years.
    if (legendColumns() === 1) {
      spec.config = spec.config || {};
      spec.config.axisY = { ...(spec.config.axisY || {}), labelLimit: 120 };
      spec.config.legend = { ...(spec.config.legend || {}), columns: 1 };
    }
    drawnWidth = chart.clientWidth;
    reserveChart(schedule);
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
      chart.style.minHeight = "";
      chart.replaceChildren(element("p", { class: "calc-hint" }, `The chart could not be drawn (${error}); the table above lists the events.`));
      chart.dataset.drawn = "false";
    }
  }

  function update() {
    const siteRoot = siteRootOf(model);
    const bad = [first, second].map((input) => Boolean(input.validity && input.validity.badInput));
    const key = JSON.stringify([model.get("course1_start"), model.get("course2_start"), siteRoot, bad, today()]);
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
    // What is overdue comes straight after the answer: it may hold the course up.
    const late = overdueLines(schedule, today()).map((line) => element("p", { class: "schedule-overdue-line", "data-result": "overdue" }, line));
    status.replaceChildren(headline(schedule.headline), ...late, ...lines);
    if (schedule.projected) lines[1].dataset.projected = "true";
    // The summary shows at once; the table of some two hundred rows and the chart follow in
    // the next task, so a reader (and a screen reader) gets the answer without waiting for them.
    setTimeout(() => {
      if (current === schedule) showDetails(schedule, siteRoot);
    }, 0);
  }

  function showDetails(schedule, siteRoot) {
    results.hidden = false;
    const late = overdueEvents(schedule, today());
    const rows = [...late, ...schedule.events.filter((event) => !late.includes(event))];
    const noted = new Set();
    body.replaceChildren(
      ...rows.map((event) => eventRow(event, siteRoot, noted, late.includes(event) ? passedText(schedule, event) : "")),
    );
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

  /** The legend's columns at the chart's width now: one on a narrow screen. */
  function legendColumns() {
    return chart.clientWidth < NARROW ? 1 : (rules.chart.config.legend || {}).columns || 1;
  }

  /**
   * Keep the room the chart will take before it is drawn (rows, the years' axis, the legend:
   * chart_spec() in Python gives their heights), so that drawing it, when it comes near the
   * viewport, moves nothing below it; in an embed frame the page around it stays still too.
   */
  function reserveChart(schedule) {
    const meta = (rules.chart && rules.chart.usermeta) || {};
    if (!meta.row_height) return;
    const legendRows = Math.ceil(rules.kinds.length / legendColumns());
    const height = meta.row_height * chartLanes(rules, schedule).length + meta.axis_height + meta.legend_row_height * legendRows;
    chart.style.minHeight = `${height}px`;
    chart.dataset.reserved = String(height);
  }

  function showChart(schedule) {
    reserveChart(schedule);
    chart.setAttribute("aria-label", chartDescription(rules, schedule, overdueEvents(schedule, today())));
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
      showValue(input, model, name);
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
  const traits = ["course1_start", "course2_start", "today"];
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
