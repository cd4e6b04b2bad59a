using System.Text.RegularExpressions;
using LoadLab.Reporting.Tests.Pipeline;
using Xunit.Abstractions;

namespace LoadLab.Reporting.Tests.Browser;

/// <summary>
/// The real pipeline's report in headless Chromium at 1280 px, rendered from a run directory with a long path (the
/// path is printed in the "How to apply" and "Run facts" commands): the page never scrolls sideways
/// (document.documentElement.scrollWidth ≤ the viewport's width), no element reaches past it even inside a scroll box,
/// and the verdict box is visible in the first screen.
/// </summary>
[Collection(RealPipelineCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class ReportLayoutTests(RealPipelineRun run, ITestOutputHelper output)
{
    private const int Viewport = 1280;

    /// <summary>
    /// Runs in the page and writes what it measured into the DOM, which --dump-dom prints. The report's CSP already
    /// allows inline script (script-src 'unsafe-inline', for its copy buttons), so the test copy only appends this
    /// script; the report as written is not changed.
    /// </summary>
    private const string Probe = """
        <script>
        window.addEventListener('load', function () {
          var de = document.documentElement, v = document.querySelector('.verdict'), r = v ? v.getBoundingClientRect() : null;
          var wide = [];
          document.querySelectorAll('body *').forEach(function (e) {
            var b = e.getBoundingClientRect();
            // Boxes past the right edge, and boxes whose own content spills out of them (an unbreakable line).
            var spills = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && b.right + e.scrollWidth - e.clientWidth > window.innerWidth;
            if ((b.right > window.innerWidth + 0.5 || spills) && wide.length < 12) wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).replace(/ /g, '.') : '') + ':' + Math.round(b.right));
          });
          var out = document.createElement('pre');
          out.id = 'layout-probe';
          out.textContent = 'scrollWidth=' + de.scrollWidth + ' innerWidth=' + window.innerWidth
            + ' verdictTop=' + (r ? Math.round(r.top) : -1) + ' verdictHeight=' + (r ? Math.round(r.height) : -1)
            + ' verdictVisible=' + (v ? getComputedStyle(v).visibility + '/' + getComputedStyle(v).display : 'none')
            + ' innerHeight=' + window.innerHeight + ' wide=' + wide.join(',');
          document.body.appendChild(out);
        });
        </script>
        """;

    [Fact]
    public void Real_report_with_a_long_run_path_does_not_scroll_sideways_at_1280_px_and_shows_the_verdict()
    {
        var chromium = HeadlessChromium.Find(out var reason);
        if (chromium is null)
        {
            var msg = $"SKIPPED (no browser): headless Chromium is not available and could not be installed: {reason}";
            output.WriteLine(msg);
            Console.Error.WriteLine("[LoadLab.Reporting.Tests] " + msg);
            return;
        }
        var root = Directory.CreateTempSubdirectory("loadlab-layout-").FullName;
        try
        {
            var longDir = Path.Combine(root, string.Concat(Enumerable.Repeat("a-rather-long-reports-directory-name-", 4)), "report-truth-20261207T230000Z-with-a-long-suffix");
            Directory.CreateDirectory(longDir);
            foreach (var f in Directory.GetFiles(run.RunDirectory)) File.Copy(f, Path.Combine(longDir, Path.GetFileName(f)));
            ReportService.Write(longDir, ReportFormats.Html);
            var html = File.ReadAllText(Path.Combine(longDir, "report.html"));
            Assert.Contains(longDir, html); // the long path is on the page, where it could overflow
            var probePage = Path.Combine(longDir, "report-probe.html");
            File.WriteAllText(probePage, html.Replace("</body>", Probe + "</body>"));

            var dom = HeadlessChromium.DumpDom(chromium, probePage, Viewport, 900);
            var m = ProbeLine().Match(dom.Stdout);
            Assert.True(m.Success, "no layout probe in the dumped DOM; chromium stderr:\n" + dom.Stderr);
            output.WriteLine(m.Value);
            Console.Error.WriteLine("[LoadLab.Reporting.Tests] 1280 px layout of the real report: " + m.Value);
            int scrollWidth = int.Parse(m.Groups["sw"].Value), innerWidth = int.Parse(m.Groups["iw"].Value);
            Assert.Equal(Viewport, innerWidth);
            Assert.True(scrollWidth <= innerWidth, $"the page scrolls sideways at {Viewport} px: scrollWidth {scrollWidth}; wider elements: {m.Groups["wide"].Value}");
            // Stricter than the page: no element reaches past the viewport even inside a scroll box (a table the reader
            // would have to scroll sideways, a command line cut off in its code block).
            Assert.True(m.Groups["wide"].Value.Length == 0, $"elements wider than {Viewport} px: {m.Groups["wide"].Value}");
            int top = int.Parse(m.Groups["top"].Value), height = int.Parse(m.Groups["h"].Value), innerHeight = int.Parse(m.Groups["ih"].Value);
            Assert.Equal("visible/block", m.Groups["vis"].Value);
            Assert.True(height > 40 && top >= 0 && top < innerHeight, $"verdict box not in the first screen: top {top} px, height {height} px, viewport height {innerHeight} px");
        }
        finally { Directory.Delete(root, true); }
    }

    /// <summary>The probe itself: a page wider than the viewport must be measured as such.</summary>
    [Fact]
    public void The_probe_sees_a_page_that_scrolls_sideways()
    {
        if (HeadlessChromium.Find(out _) is not { } chromium) return;
        var dir = Directory.CreateTempSubdirectory("loadlab-layout-").FullName;
        try
        {
            var page = Path.Combine(dir, "wide.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>wide</title></head><body><div class=\"verdict\" style=\"height:60px\">v</div>"
                                    + "<p style=\"white-space:nowrap\">" + string.Concat(Enumerable.Repeat("/a/long/unbreakable/path", 120)) + "</p>" + Probe + "</body></html>");
            var m = ProbeLine().Match(HeadlessChromium.DumpDom(chromium, page, Viewport, 900).Stdout);
            Assert.True(m.Success);
            Assert.True(int.Parse(m.Groups["sw"].Value) > Viewport, m.Value);
            Assert.Contains("p:", m.Groups["wide"].Value);
        }
        finally { Directory.Delete(dir, true); }
    }

    [GeneratedRegex(@"scrollWidth=(?<sw>\d+) innerWidth=(?<iw>\d+) verdictTop=(?<top>-?\d+) verdictHeight=(?<h>-?\d+) verdictVisible=(?<vis>\S+) innerHeight=(?<ih>\d+) wide=(?<wide>[^<\n]*)")]
    private static partial Regex ProbeLine();
}
