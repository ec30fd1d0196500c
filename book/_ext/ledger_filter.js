// The citation ledger's filter box: hide the rows that do not hold every word typed, and the
// topics left empty. Inlined after the box by the {claim-ledger} directive; no library, and it
// works from file://. Without JavaScript the box stays hidden and every row shows.
(() => {
  const box = document.currentScript.previousElementSibling;
  const start = () => {
    const input = box.querySelector("input");
    const count = box.querySelector("[role=status]");
    const page = box.closest("article") || document.body;
    const rows = [...page.querySelectorAll("table.ledger-table tbody tr")];
    const topics = [...page.querySelectorAll("section")].filter(
      (section) => section.querySelectorAll("table.ledger-table").length === 1,
    );
    const update = () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((word) => text.includes(word));
        shown += row.hidden ? 0 : 1;
      }
      for (const topic of topics) {
        topic.hidden = !topic.querySelector("table.ledger-table tbody tr:not([hidden])");
      }
      count.textContent = words.length ? `${shown} of ${rows.length} claims shown` : "";
    };
    input.addEventListener("input", update);
    box.hidden = false;
  };
  // The tables follow this script in the page: wait until they are parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
