using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Core.Scheduling;

/// <summary>
/// A parsed <c>Schedule</c> of a PutScheduledAction request: <c>at(yyyy-mm-ddThh:mm:ss)</c>, <c>rate(value unit)</c>
/// (unit minute(s), hour(s) or day(s)) or <c>cron(fields)</c> (<see cref="CronExpression"/>), evaluated in the
/// action's <c>Timezone</c> (IANA name; UTC when absent). Pure: the caller supplies every instant.
/// <para>Daylight-saving rules (AWS documents none; these are LoadLab's, chosen so that no daily action is lost):
/// a wall-clock time that does not exist (spring forward, e.g. 02:30 on 2026-03-08 in America/New_York) fires at the
/// same instant the clock would have shown it without the jump (07:30Z = 03:30 EDT); a time that happens twice (fall
/// back) fires once, at its first occurrence. <c>rate</c> ignores the time zone: it counts elapsed time.</para>
/// </summary>
public abstract record ScheduleExpression
{
    /// <summary>The text as given, e.g. <c>cron(0 6 ? * MON-FRI *)</c>.</summary>
    public required string Text { get; init; }
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>
    /// The first occurrence strictly after <paramref name="afterUtc"/>, not before <paramref name="startUtc"/> and not
    /// after <paramref name="endUtc"/>; null when there is none. <paramref name="anchorUtc"/> is when the action was
    /// created, which only <c>rate</c> needs when there is no start time.
    /// </summary>
    public abstract DateTimeOffset? NextOccurrence(DateTimeOffset afterUtc, DateTimeOffset? startUtc = null,
        DateTimeOffset? endUtc = null, DateTimeOffset? anchorUtc = null);

    /// <summary>Every occurrence in [fromUtc, toUtc), ascending.</summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromUtc, DateTimeOffset toUtc,
        DateTimeOffset? startUtc = null, DateTimeOffset? endUtc = null, DateTimeOffset? anchorUtc = null)
    {
        var t = NextOccurrence(fromUtc.AddTicks(-1), startUtc, endUtc, anchorUtc);
        while (t is { } v && v < toUtc)
        {
            yield return v;
            t = NextOccurrence(v, startUtc, endUtc, anchorUtc);
        }
    }

    /// <summary>Parses or throws <see cref="UserInputException"/> naming <paramref name="source"/> and <paramref name="field"/>.</summary>
    public static ScheduleExpression Parse(string schedule, string? timezone = null, string source = "schedule", string field = "Schedule")
    {
        if (TryParse(schedule, timezone, out var expr, out var error)) return expr!;
        var isZone = error.StartsWith("Timezone", StringComparison.Ordinal);
        throw new UserInputException(source, isZone ? "Timezone" : field, error);
    }

    /// <summary>Parses without throwing; <paramref name="error"/> is a user-facing message ("Timezone: ..." for a bad zone).</summary>
    public static bool TryParse(string? schedule, string? timezone, out ScheduleExpression? expression, out string error)
    {
        expression = null;
        error = "";
        if (!TryResolveTimeZone(timezone, out var zone, out error)) return false;
        var s = (schedule ?? "").Trim();
        try
        {
            if (Inner(s, "at") is { } at)
            {
                if (!DateTime.TryParseExact(at, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    throw new FormatException($"at(...) needs yyyy-mm-ddThh:mm:ss (e.g. at(2026-03-08T06:30:00)), got '{at}'");
                expression = new AtSchedule { Text = s, TimeZone = zone, LocalTime = local };
            }
            else if (Inner(s, "rate") is { } rate)
            {
                var parts = rate.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    throw new FormatException($"rate(...) needs a positive whole number and a unit, e.g. rate(5 minutes), got '{rate}'");
                var unit = parts[1].ToLowerInvariant();
                var period = unit switch
                {
                    "minute" or "minutes" => TimeSpan.FromMinutes(n),
                    "hour" or "hours" => TimeSpan.FromHours(n),
                    "day" or "days" => TimeSpan.FromDays(n),
                    _ => throw new FormatException($"rate(...) unit must be minute(s), hour(s) or day(s), got '{parts[1]}'"),
                };
                // AWS wants the singular for 1 and the plural otherwise; accept both but say so if mismatched.
                if ((n == 1) == unit.EndsWith('s'))
                    throw new FormatException($"rate(...) uses '{(n == 1 ? unit.TrimEnd('s') : unit + "s")}' for {n} (AWS rejects '{parts[1]}')");
                expression = new RateSchedule { Text = s, TimeZone = zone, Period = period };
            }
            else if (Inner(s, "cron") is { } cron)
                expression = new CronSchedule { Text = s, TimeZone = zone, Cron = CronExpression.Parse(cron) };
            else
                throw new FormatException($"'{s}' is not at(...), rate(...) or cron(...)");
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Resolves an IANA time zone name (null or empty = UTC).</summary>
    public static bool TryResolveTimeZone(string? name, out TimeZoneInfo zone, out string error)
    {
        zone = TimeZoneInfo.Utc;
        error = "";
        if (string.IsNullOrWhiteSpace(name) || name is "UTC" or "Etc/UTC") return true;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"Timezone: '{name}' is not a known IANA time zone (e.g. America/New_York, Europe/Berlin, UTC)";
            return false;
        }
    }

    private static string? Inner(string s, string keyword) =>
        s.StartsWith(keyword + "(", StringComparison.OrdinalIgnoreCase) && s.EndsWith(')') ? s[(keyword.Length + 1)..^1].Trim() : null;

    /// <summary>Wall-clock time in <paramref name="zone"/> to UTC under the daylight-saving rules in the type's summary.</summary>
    public static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
            offset = zone.GetUtcOffset(local.AddHours(-3)); // the offset in force before the jump
        else if (zone.IsAmbiguousTime(local))
            offset = zone.GetAmbiguousTimeOffsets(local).Max(); // the larger offset is the earlier instant
        else
            offset = zone.GetUtcOffset(local);
        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    private protected static DateTimeOffset? Bound(DateTimeOffset? t, DateTimeOffset? endUtc) =>
        t is { } v && endUtc is { } e && v > e ? null : t;
}

/// <summary><c>at(...)</c>: once, at a wall-clock time in the action's time zone.</summary>
public sealed record AtSchedule : ScheduleExpression
{
    public required DateTime LocalTime { get; init; }
    public DateTimeOffset Utc => LocalToUtc(LocalTime, TimeZone);

    public override DateTimeOffset? NextOccurrence(DateTimeOffset afterUtc, DateTimeOffset? startUtc = null,
        DateTimeOffset? endUtc = null, DateTimeOffset? anchorUtc = null)
    {
        var t = Utc;
        if (t <= afterUtc || (startUtc is { } s && t < s)) return null;
        return Bound(t, endUtc);
    }
}

/// <summary>
/// <c>rate(...)</c>: every <see cref="Period"/> of elapsed time. LoadLab's rule (AWS documents none): with a start
/// time the first run is at the start time; without one, one period after the anchor (when the action was created).
/// </summary>
public sealed record RateSchedule : ScheduleExpression
{
    public required TimeSpan Period { get; init; }

    public override DateTimeOffset? NextOccurrence(DateTimeOffset afterUtc, DateTimeOffset? startUtc = null,
        DateTimeOffset? endUtc = null, DateTimeOffset? anchorUtc = null)
    {
        var first = startUtc ?? (anchorUtc is { } a ? a + Period
            : throw new ArgumentException("rate(...) needs a start time or an anchor (when the action was created)", nameof(anchorUtc)));
        if (first > afterUtc) return Bound(first, endUtc);
        var k = (afterUtc - first).Ticks / Period.Ticks + 1;
        return Bound(first + TimeSpan.FromTicks(Period.Ticks * k), endUtc);
    }
}

/// <summary><c>cron(...)</c>: wall-clock fields in the action's time zone.</summary>
public sealed record CronSchedule : ScheduleExpression
{
    public required CronExpression Cron { get; init; }

    // Beyond this horizon without a match the cron is treated as never firing again (e.g. cron(0 0 30 2 ? *)).
    private const int MaxDaysSearched = 8 * 366;

    public override DateTimeOffset? NextOccurrence(DateTimeOffset afterUtc, DateTimeOffset? startUtc = null,
        DateTimeOffset? endUtc = null, DateTimeOffset? anchorUtc = null)
    {
        if (startUtc is { } s && s.AddTicks(-1) > afterUtc) afterUtc = s.AddTicks(-1);
        var local = TimeZoneInfo.ConvertTime(afterUtc, TimeZone).DateTime;
        // Start a day early: a shifted (non-existent) time on the previous local day can land after afterUtc.
        var day = DateOnly.FromDateTime(local).AddDays(-1);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            if (endUtc is { } e && LocalToUtc(day.ToDateTime(TimeOnly.MinValue), TimeZone) > e.AddDays(1)) return null;
            if (!Cron.MatchesYear(day.Year))
            {
                if (day.Year > CronExpression.MaxYear) return null;
                continue;
            }
            if (!Cron.MatchesDate(day)) continue;
            DateTimeOffset? best = null;
            foreach (var minute in Cron.MinutesOfDay())
            {
                var wall = day.ToDateTime(new TimeOnly(minute / 60, minute % 60));
                var utc = LocalToUtc(wall, TimeZone);
                if (utc <= afterUtc) continue;
                if (best is null || utc < best) best = utc;
                // Valid times are increasing in UTC; only shifted gap times can precede them, so the first valid
                // candidate ends the search for this day.
                if (!TimeZone.IsInvalidTime(wall)) break;
            }
            if (best is not null) return Bound(best, endUtc);
        }
        return null;
    }
}
