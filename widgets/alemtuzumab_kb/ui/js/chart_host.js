// Renders every Altair chart on a static page with the vega libraries the site serves itself.
// A chart is <div class="vega-chart" data-spec="{Vega-Lite JSON}" role="img" aria-label="...">;
// the SVG renderer keeps text selectable, and the chart's own label stays the text alternative.
(function () {
  "use strict";

  function start() {
    for (const el of document.querySelectorAll(".vega-chart[data-spec]")) {
      const spec = JSON.parse(el.getAttribute("data-spec"));
      // Draw into a child: vega-embed relabels its container, and the outer element's
      // role="img" and aria-label are the chart's text alternative.
      const target = document.createElement("div");
      el.appendChild(target);
      window
        .vegaEmbed(target, spec, { actions: false, renderer: "svg" })
        .catch((error) => console.error("chart failed to render:", error));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
