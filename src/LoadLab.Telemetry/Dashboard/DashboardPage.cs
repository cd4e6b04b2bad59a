namespace LoadLab.Telemetry.Dashboard;

/// <summary>
/// The live dashboard: one self-contained page (no external asset; the CSP lets it load nothing but its own event
/// stream from the same origin). Every text that comes from the run (scenario, target, phase, events) is set with
/// textContent, never as HTML. It stops listening when the run's end arrives, so it stays readable after the
/// process is gone.
/// </summary>
public static class DashboardPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; connect-src 'self'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public const string Html = $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="{{ContentSecurityPolicy}}">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>LoadLab live</title>
        <link rel="icon" href="data:,">
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d2430;background:#fafbfc}
        h1{font-size:1.3em;margin:0 0 .2em} .sub{color:#5a6472;margin-bottom:1em}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.6em;margin-bottom:1em}
        .card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.5em .7em}
        .card b{display:block;font-size:1.5em;font-variant-numeric:tabular-nums} .card span{color:#5a6472;font-size:.85em}
        svg{background:#fff;border:1px solid #dde1e6;border-radius:6px;width:100%;height:160px}
        table{border-collapse:collapse;margin:.5em 0} td,th{padding:.15em .8em;border-bottom:1px solid #eee;text-align:right}
        th:first-child,td:first-child{text-align:left} #events{max-height:14em;overflow:auto;font-family:monospace;font-size:.85em}
        .legend i{display:inline-block;width:1em;height:.25em;vertical-align:middle;margin:0 .3em 0 .8em}
        #status.ended{color:#0a6b2d;font-weight:600}
        </style></head>
        <body>
        <h1>LoadLab live: <span id="scenario">waiting for the run</span></h1>
        <div class="sub"><span id="target"></span> · <span id="phase"></span> · <span id="status">connecting</span> <a id="report-link" hidden href="/report">open the report</a></div>
        <div class="grid">
          <div class="card"><b id="elapsed_s">-</b><span>elapsed (s) of <span id="duration_s">-</span></span></div>
          <div class="card"><b id="intended_rps">-</b><span>scheduled rate (req/s)</span></div>
          <div class="card"><b id="offered_rps">-</b><span>offered rate (req/s)</span></div>
          <div class="card"><b id="achieved_rps">-</b><span>achieved rate (req/s)</span></div>
          <div class="card"><b id="p50_ms">-</b><span>p50 latency (ms)</span></div>
          <div class="card"><b id="p90_ms">-</b><span>p90 latency (ms)</span></div>
          <div class="card"><b id="p99_ms">-</b><span>p99 latency (ms)</span></div>
          <div class="card"><b id="in_flight">-</b><span>in flight (requests)</span></div>
          <div class="card"><b id="instances">-</b><span>instances</span></div>
          <div class="card"><b id="dropped">-</b><span>dropped this second</span></div>
          <div class="card"><b id="late">-</b><span>late starts this second</span></div>
          <div class="card"><b id="total_completed">-</b><span>completed (total)</span></div>
          <div class="card"><b id="total_errors">-</b><span>errors (total)</span></div>
        </div>
        <div class="legend">rate (req/s), last 300 s<i style="background:#9aa5b1"></i>scheduled<i style="background:#2f6fdf"></i>offered<i style="background:#19a05a"></i>achieved</div>
        <svg id="rates" viewBox="0 0 600 160" preserveAspectRatio="none"></svg>
        <div class="legend">latency (ms), last 300 s<i style="background:#2f6fdf"></i>p50<i style="background:#d9822b"></i>p99</div>
        <svg id="latency" viewBox="0 0 600 160" preserveAspectRatio="none"></svg>
        <h2>Errors by class (total)</h2>
        <table><thead><tr><th>class</th><th>requests</th></tr></thead><tbody id="errors"></tbody></table>
        <h2>Events</h2><div id="events"></div>
        <p id="summary"></p>
        <script>
        "use strict";
        const $ = id => document.getElementById(id);
        const hist = [], errTotals = {};
        const fmt = v => v === null || v === undefined ? "-" : (Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 10) / 10).toString());
        function chart(svg, series, colors) {
          const n = hist.length; if (n < 2) return;
          let max = 1; for (const s of series) for (const p of hist) { const v = p[s]; if (v !== null && v > max) max = v; }
          while (svg.firstChild) svg.removeChild(svg.firstChild);
          series.forEach((s, i) => {
            const pts = []; hist.forEach((p, j) => { const v = p[s]; if (v !== null && v !== undefined) pts.push((j * 600 / (n - 1)).toFixed(1) + "," + (158 - v * 150 / max).toFixed(1)); });
            const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
            line.setAttribute("points", pts.join(" ")); line.setAttribute("fill", "none"); line.setAttribute("stroke", colors[i]); line.setAttribute("stroke-width", "2");
            line.setAttribute("vector-effect", "non-scaling-stroke"); svg.appendChild(line);
          });
        }
        function note(text) { const d = document.createElement("div"); d.textContent = text; $("events").appendChild(d); }
        const es = new EventSource("/events");
        es.onopen = () => { if ($("status").textContent === "connecting") $("status").textContent = "live"; };
        es.addEventListener("run", e => { const r = JSON.parse(e.data); $("scenario").textContent = r.scenario; $("target").textContent = r.target; $("duration_s").textContent = fmt(r.duration_s); $("status").textContent = "running"; });
        es.addEventListener("second", e => {
          const s = JSON.parse(e.data);
          for (const k of ["elapsed_s", "intended_rps", "offered_rps", "achieved_rps", "p50_ms", "p90_ms", "p99_ms", "in_flight", "instances", "dropped", "late", "total_completed", "total_errors"]) $(k).textContent = fmt(s[k]);
          $("phase").textContent = s.phase + (s.step_number ? " · step " + s.step_number : "") + (s.draining ? " · draining" : "");
          for (const [k, v] of Object.entries(s.errors_by_class || {})) errTotals[k] = (errTotals[k] || 0) + v;
          const body = $("errors"); while (body.firstChild) body.removeChild(body.firstChild);
          for (const [k, v] of Object.entries(errTotals)) { const tr = document.createElement("tr"); const a = document.createElement("td"); a.textContent = k; const b = document.createElement("td"); b.textContent = v; tr.append(a, b); body.appendChild(tr); }
          hist.push(s); if (hist.length > 300) hist.shift();
          chart($("rates"), ["intended_rps", "offered_rps", "achieved_rps"], ["#9aa5b1", "#2f6fdf", "#19a05a"]);
          chart($("latency"), ["p50_ms", "p99_ms"], ["#2f6fdf", "#d9822b"]);
        });
        es.addEventListener("note", e => { const n = JSON.parse(e.data); note(fmt(n.elapsed_s) + " s  " + n.type + ": " + n.detail); });
        es.addEventListener("end", e => {
          const f = JSON.parse(e.data); es.close();
          $("status").textContent = "run ended"; $("status").className = "ended"; $("summary").textContent = f.summary; $("report-link").hidden = false;
        });
        es.onerror = () => { if (es.readyState === EventSource.CLOSED) $("status").textContent = "disconnected"; };
        </script>
        </body></html>
        """;
}
