using System.Globalization;

namespace LoadLab.Core.Scheduling;

/// <summary>
/// The six-field cron of Application Auto Scaling scheduled actions (the EventBridge flavour, not Unix cron):
/// <c>Minutes Hours Day-of-month Month Day-of-week Year</c>. Minutes 0-59, Hours 0-23, Day-of-month 1-31 with
/// <c>L</c> (last day), <c>nW</c> / <c>LW</c> (nearest weekday), Month 1-12 or JAN-DEC, Day-of-week 1-7 or SUN-SAT
/// (1 = Sunday) with <c>nL</c> (last such weekday of the month) and <c>n#k</c> (k-th such weekday), Year 1970-2199.
/// Every field takes <c>,</c> lists, <c>a-b</c> ranges and <c>/</c> steps; exactly one of Day-of-month and
/// Day-of-week must be <c>?</c> (AWS rejects an expression that constrains both).
/// Matching is on wall-clock time in the action's time zone; <see cref="ScheduleExpression"/> does the conversion.
/// </summary>
public sealed class CronExpression
{
    public const int MinYear = 1970;
    public const int MaxYear = 2199;

    private readonly bool[] _minutes = new bool[60];
    private readonly bool[] _hours = new bool[24];
    private readonly bool[] _months = new bool[13];
    private readonly bool[] _years = new bool[MaxYear - MinYear + 1];
    // Day-of-month
    private readonly bool _domAny;              // '?' in Day-of-month: the day is decided by Day-of-week
    private readonly bool[] _dom = new bool[32];
    private readonly bool _domLast;
    private readonly bool _domLastWeekday;
    private readonly List<int> _domNearestWeekday = [];
    // Day-of-week (1 = Sunday .. 7 = Saturday)
    private readonly bool _dowAny;
    private readonly bool[] _dow = new bool[8];
    private readonly List<int> _dowLastOfMonth = [];
    private readonly List<(int Dow, int Nth)> _dowNth = [];

    public string Text { get; }

    private CronExpression(string text, string[] f)
    {
        Text = text;
        ParseSimple(f[0], "Minutes", 0, 59, _minutes, names: null);
        ParseSimple(f[1], "Hours", 0, 23, _hours, names: null);
        ParseSimple(f[3], "Month", 1, 12, _months, MonthNames);
        ParseSimple(f[5], "Year", MinYear, MaxYear, _years, names: null, offset: MinYear);

        _domAny = f[2] == "?";
        _dowAny = f[4] == "?";
        if (_domAny == _dowAny)
            throw new FormatException("exactly one of Day-of-month and Day-of-week must be '?' (AWS does not accept both constrained or both '?')");

        if (!_domAny)
        {
            foreach (var part in f[2].Split(','))
            {
                if (part == "L") _domLast = true;
                else if (part == "LW") _domLastWeekday = true;
                else if (part.EndsWith('W'))
                {
                    var d = ParseNumber(part[..^1], "Day-of-month", 1, 31, null);
                    _domNearestWeekday.Add(d);
                }
                else ParseSimple(part, "Day-of-month", 1, 31, _dom, null);
            }
        }

        if (!_dowAny)
        {
            foreach (var part in f[4].Split(','))
            {
                var hash = part.IndexOf('#');
                if (hash > 0)
                {
                    var d = ParseNumber(part[..hash], "Day-of-week", 1, 7, DayNames);
                    var nth = ParseNumber(part[(hash + 1)..], "Day-of-week", 1, 5, null);
                    _dowNth.Add((d, nth));
                }
                else if (part == "L") _dow[7] = true; // 'L' alone means the last day of the week: Saturday
                else if (part.Length > 1 && part.EndsWith('L'))
                    _dowLastOfMonth.Add(ParseNumber(part[..^1], "Day-of-week", 1, 7, DayNames));
                else ParseSimple(part, "Day-of-week", 1, 7, _dow, DayNames, wrap: true);
            }
        }
    }

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Parses the inside of <c>cron(...)</c>. Throws <see cref="FormatException"/> with a user-facing message.</summary>
    public static CronExpression Parse(string fields)
    {
        var f = fields.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 6)
            throw new FormatException($"cron needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got {f.Length}");
        return new CronExpression(fields.Trim(), f.Select(s => s.ToUpperInvariant()).ToArray());
    }

    public bool MatchesYear(int year) => year is >= MinYear and <= MaxYear && _years[year - MinYear];
    public bool MatchesMonth(int month) => _months[month];
    public bool MatchesHour(int hour) => _hours[hour];
    public bool MatchesMinute(int minute) => _minutes[minute];

    /// <summary>Does the cron select this calendar day (year, month and day fields)?</summary>
    public bool MatchesDate(DateOnly date)
    {
        if (!MatchesYear(date.Year) || !_months[date.Month]) return false;
        var dim = DateTime.DaysInMonth(date.Year, date.Month);
        if (!_domAny)
        {
            if (_dom[date.Day]) return true;
            if (_domLast && date.Day == dim) return true;
            if (_domLastWeekday && date.Day == NearestWeekday(date.Year, date.Month, dim)) return true;
            foreach (var n in _domNearestWeekday)
                if (n <= dim && date.Day == NearestWeekday(date.Year, date.Month, n)) return true;
            return false;
        }
        var dow = (int)date.DayOfWeek + 1;
        if (_dow[dow]) return true;
        foreach (var d in _dowLastOfMonth)
            if (d == dow && date.Day + 7 > dim) return true;
        foreach (var (d, nth) in _dowNth)
            if (d == dow && (date.Day - 1) / 7 + 1 == nth) return true;
        return false;
    }

    /// <summary>Hours and minutes the cron selects, ascending, as minutes after local midnight.</summary>
    public IEnumerable<int> MinutesOfDay()
    {
        for (var h = 0; h < 24; h++)
            if (_hours[h])
                for (var m = 0; m < 60; m++)
                    if (_minutes[m]) yield return h * 60 + m;
    }

    /// <summary>The weekday (Mon-Fri) nearest to day <paramref name="day"/>, never leaving the month (Quartz/EventBridge 'W').</summary>
    private static int NearestWeekday(int year, int month, int day)
    {
        var dim = DateTime.DaysInMonth(year, month);
        var dow = new DateOnly(year, month, day).DayOfWeek;
        if (dow == DayOfWeek.Saturday) return day > 1 ? day - 1 : day + 2;
        if (dow == DayOfWeek.Sunday) return day < dim ? day + 1 : day - 2;
        return day;
    }

    private static void ParseSimple(string field, string name, int min, int max, bool[] set, string[]? names, int offset = 0, bool wrap = false)
    {
        foreach (var part in field.Split(','))
        {
            if (part.Length == 0) throw new FormatException($"{name}: empty list item in '{field}'");
            var step = 1;
            var body = part;
            var slash = part.IndexOf('/');
            if (slash >= 0)
            {
                step = ParseNumber(part[(slash + 1)..], name, 1, max - min + 1, null, what: "step");
                body = part[..slash];
            }
            int lo, hi;
            if (body == "*") { lo = min; hi = max; }
            else
            {
                var dash = body.IndexOf('-', 1 < body.Length ? 1 : 0);
                if (dash > 0)
                {
                    lo = ParseNumber(body[..dash], name, min, max, names);
                    hi = ParseNumber(body[(dash + 1)..], name, min, max, names);
                    if (hi < lo && !wrap) throw new FormatException($"{name}: range '{body}' runs backwards");
                }
                else
                {
                    lo = ParseNumber(body, name, min, max, names);
                    hi = slash >= 0 ? max : lo; // "a/n" means from a to the end of the range, every n
                }
            }
            if (hi >= lo)
                for (var v = lo; v <= hi; v += step) set[v - offset] = true;
            else // wrapping range such as FRI-MON
            {
                var span = max - lo + 1 + hi - min + 1;
                for (var i = 0; i < span; i += step) set[(lo - min + i) % (max - min + 1) + min - offset] = true;
            }
        }
    }

    private static int ParseNumber(string s, string name, int min, int max, string[]? names, string what = "value")
    {
        if (names is not null)
        {
            var idx = Array.IndexOf(names, s);
            if (idx >= 0) return idx + 1;
        }
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"{name}: '{s}' is not a {what}" + (names is null ? "" : $" (use {min}-{max} or {names[0]}-{names[^1]})"));
        if (v < min || v > max) throw new FormatException($"{name}: {what} {v} is outside {min}-{max}");
        return v;
    }
}
