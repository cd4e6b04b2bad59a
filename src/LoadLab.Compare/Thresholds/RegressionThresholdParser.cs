using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Compare.Thresholds;

/// <summary>
/// Parses regression thresholds. Grammar (spaces free):
/// <code>
/// threshold := metric op 'baseline' [ '*' number | ('+' | '-') number [unit] ]
/// metric    := 'p(' number ')' | 'med' | 'avg' | 'errors' | 'sustainable'
/// op        := '&lt;' | '&lt;=' | '&gt;' | '&gt;='
/// unit      := 'ms' | 's' (latency) | '%' (errors, percentage points)
/// </code>
/// Errors name the expression and the column where parsing stopped.
/// </summary>
public static class RegressionThresholdParser
{
    public static RegressionThreshold Parse(string expression) =>
        TryParse(expression, out var t, out var column, out var error) ? t! :
            throw new UserInputException("--threshold", expression, $"column {column}: {error}");

    /// <summary>Every expression parsed, or one <see cref="UserInputException"/> with every bad one.</summary>
    public static IReadOnlyList<RegressionThreshold> ParseAll(IEnumerable<string> expressions, string source = "--threshold")
    {
        var parsed = new List<RegressionThreshold>();
        var problems = new List<Problem>();
        foreach (var e in expressions)
        {
            if (TryParse(e, out var t, out var column, out var error)) parsed.Add(t!);
            else problems.Add(Problem.General(source, e, $"column {column}: {error}"));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        return parsed;
    }

    public static bool TryParse(string? expression, out RegressionThreshold? threshold, out int column, out string error)
    {
        threshold = null;
        var s = new Scanner(expression ?? "");
        var metricColumn = s.Column;
        if (!TryMetric(s, out var metric, out var percentile, out error)) { column = metricColumn; return false; }
        var operatorColumn = s.Column;
        if (!TryOperator(s, out var strict, out var upper, out error)) { column = operatorColumn; return false; }
        var bad = metric == RegressionMetric.Sustainable ? upper : !upper;
        if (bad)
        {
            column = operatorColumn;
            error = metric == RegressionMetric.Sustainable
                ? "sustainable is bounded from below (> or >=): a regression is the run sustaining less"
                : "latency and errors are bounded from above (< or <=): a regression is the run being slower or failing more";
            return false;
        }
        if (!s.Word("baseline"))
        {
            column = s.Column;
            error = "expected 'baseline' (e.g. p(90) < baseline * 1.10)";
            return false;
        }
        double factor = 1, offset = 0;
        if (s.Symbol("*"))
        {
            if (!s.Number(out factor) || factor <= 0) { column = s.Column; error = "expected a positive number after '*'"; return false; }
        }
        else if (s.Peek() is '+' or '-')
        {
            var sign = s.Next() == '-' ? -1 : 1;
            if (!s.Number(out var amount)) { column = s.Column; error = $"expected a number after '{(sign < 0 ? '-' : '+')}'"; return false; }
            if (!TryUnit(s, metric, amount, out offset, out error)) { column = s.Column; return false; }
            offset *= sign;
        }
        if (!s.AtEnd) { column = s.Column; error = $"unexpected '{s.Rest}' (expected the end, '* factor' or '+ offset')"; return false; }
        column = 0;
        threshold = new RegressionThreshold(expression!.Trim(), metric, percentile, strict, factor, offset);
        return true;
    }

    private static bool TryMetric(Scanner s, out RegressionMetric metric, out double? percentile, out string error)
    {
        metric = default;
        percentile = null;
        error = "";
        if (s.Word("p"))
        {
            if (!s.Symbol("(") || !s.Number(out var p) || !s.Symbol(")") || p <= 0 || p >= 100)
            {
                error = "expected a percentile in (0, 100) as p(90)";
                return false;
            }
            metric = RegressionMetric.LatencyPercentile;
            percentile = p;
            return true;
        }
        var word = s.Identifier();
        switch (word)
        {
            case "med": metric = RegressionMetric.LatencyPercentile; percentile = 50; return true;
            case "avg": metric = RegressionMetric.LatencyAvg; return true;
            case "errors": metric = RegressionMetric.ErrorRate; return true;
            case "sustainable": metric = RegressionMetric.Sustainable; return true;
        }
        error = $"unknown metric '{word}' (expected p(N), med, avg, errors or sustainable)";
        return false;
    }

    private static bool TryOperator(Scanner s, out bool strict, out bool upper, out string error)
    {
        error = "";
        strict = upper = false;
        if (s.Symbol("<=")) { upper = true; return true; }
        if (s.Symbol(">=")) return true;
        if (s.Symbol("<")) { upper = strict = true; return true; }
        if (s.Symbol(">")) { strict = true; return true; }
        error = "expected an operator: <, <=, > or >=";
        return false;
    }

    private static bool TryUnit(Scanner s, RegressionMetric metric, double amount, out double offset, out string error)
    {
        error = "";
        offset = amount;
        switch (metric)
        {
            case RegressionMetric.ErrorRate:
                if (s.Symbol("%")) offset = amount / 100;
                return true;
            case RegressionMetric.Sustainable:
                return true;
        }
        if (s.Word("ms")) return true;
        if (s.Word("s")) { offset = amount * 1000; return true; }
        if (s.Symbol("%")) { error = "a latency offset is in ms or s; for a relative limit write '* 1.10'"; return false; }
        return true;
    }

    /// <summary>A cursor over the expression that skips spaces and knows its one-based column.</summary>
    private sealed class Scanner(string text)
    {
        private int _i;

        public int Column { get { Skip(); return _i + 1; } }
        public bool AtEnd { get { Skip(); return _i >= text.Length; } }
        public string Rest => text[_i..];

        public char? Peek() { Skip(); return _i < text.Length ? text[_i] : null; }
        public char Next() { Skip(); return text[_i++]; }

        public bool Symbol(string symbol)
        {
            Skip();
            if (string.CompareOrdinal(text, _i, symbol, 0, symbol.Length) != 0) return false;
            _i += symbol.Length;
            return true;
        }

        /// <summary>A whole word (not the prefix of a longer identifier), case-insensitive.</summary>
        public bool Word(string word)
        {
            Skip();
            if (_i + word.Length > text.Length || string.Compare(text, _i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
            var end = _i + word.Length;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _i = end;
            return true;
        }

        public string Identifier()
        {
            Skip();
            var start = _i;
            while (_i < text.Length && (char.IsLetterOrDigit(text[_i]) || text[_i] == '_')) _i++;
            var word = text[start.._i].ToLowerInvariant();
            if (word.Length == 0) return "";
            return word;
        }

        public bool Number(out double value)
        {
            Skip();
            var start = _i;
            while (_i < text.Length && (char.IsDigit(text[_i]) || text[_i] == '.')) _i++;
            if (double.TryParse(text.AsSpan(start, _i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return true;
            _i = start;
            return false;
        }

        private void Skip() { while (_i < text.Length && char.IsWhiteSpace(text[_i])) _i++; }
    }
}
