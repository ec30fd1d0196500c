// The citation ledger's filter: a row shows when it holds every word typed and matches the
// source, strength and status chosen (each row carries them as classes, ledger-<field>-<value>);
// a topic left with no row is hidden. The choice is kept in the address (?source=sms&words=...),
// so a filtered ledger can be linked. Inlined after the box by the {claim-ledger} directive; no
// library, and it works from file://. Without JavaScript the box stays hidden and every row shows.
(() => {
  const box = document.currentScript.previousElementSibling;
  const start = () => {
    const input = box.querySelector("input");
    const selects = [...box.querySelectorAll("select[data-field]")];
    const count = box.querySelector("[role=status]");
    const page = box.closest("article") || document.body;
    const rows = [...page.querySelectorAll("table.ledger-table tbody tr")];
    const texts = new Map(rows.map((row) => [row, row.textContent.toLowerCase()]));
    const topics = [...page.querySelectorAll("section")].filter(
      (section) => section.querySelectorAll("table.ledger-table").length === 1,
    );
    const chosen = () => selects.filter((select) => select.value);
    const keep = () => {
      // The address follows the filter; a page opened from disk may refuse, which is harmless.
      const params = new URLSearchParams(location.search);
      for (const select of selects) {
        if (select.value) params.set(select.dataset.field, select.value);
        else params.delete(select.dataset.field);
      }
      if (input.value.trim()) params.set("words", input.value.trim());
      else params.delete("words");
      const query = params.toString();
      try {
        history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
      } catch {
        // file:// in some browsers
      }
    };
    const update = () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      const fields = chosen().map((select) => `ledger-${select.dataset.field}-${select.value}`);
      let shown = 0;
      for (const row of rows) {
        const text = texts.get(row);
        row.hidden = !(
          words.every((word) => text.includes(word)) &&
          fields.every((name) => row.classList.contains(name))
        );
        shown += row.hidden ? 0 : 1;
      }
      for (const topic of topics) {
        topic.hidden = !topic.querySelector("table.ledger-table tbody tr:not([hidden])");
      }
      const filtered = words.length || fields.length;
      count.textContent = filtered ? `${shown} of ${rows.length} claims shown` : "";
    };
    const params = new URLSearchParams(location.search);
    for (const select of selects) {
      const wanted = params.get(select.dataset.field);
      if (wanted && [...select.options].some((option) => option.value === wanted)) {
        select.value = wanted;
      }
    }
    input.value = params.get("words") || "";
    const changed = () => {
      update();
      keep();
    };
    input.addEventListener("input", changed);
    for (const select of selects) select.addEventListener("change", changed);
    box.hidden = false;
    update();
    // A row named in the address is brought back into view once the rows above it are filtered.
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && !target.hidden && (input.value || chosen().length)) target.scrollIntoView();
  };
  // The tables follow this script in the page: wait until they are parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
