namespace LoadLab.Aws.CloudWatch;

/// <summary>Pure merge of GetMetricData pages: one result per query id, points in page order.</summary>
public static class MetricDataPages
{
    public static GetMetricDataResponse Merge(IReadOnlyList<GetMetricDataResponse> pages)
    {
        var order = new List<string>();
        var byId = new Dictionary<string, (MetricDataResult First, List<DateTimeOffset> Ts, List<double> Vs, List<MessageData> Msgs, string? Status)>(StringComparer.Ordinal);
        var messages = new List<MessageData>();
        foreach (var page in pages)
        {
            if (page.Messages is not null) messages.AddRange(page.Messages);
            foreach (var r in page.MetricDataResults)
            {
                var id = r.Id ?? "";
                if (!byId.TryGetValue(id, out var acc))
                {
                    order.Add(id);
                    acc = (r, [], [], [], r.StatusCode);
                }
                acc.Ts.AddRange(r.Timestamps);
                acc.Vs.AddRange(r.Values);
                if (r.Messages is not null) acc.Msgs.AddRange(r.Messages);
                acc.Status = r.StatusCode ?? acc.Status;
                byId[id] = acc;
            }
        }
        var results = order.Select(id =>
        {
            var a = byId[id];
            return a.First with { Timestamps = a.Ts, Values = a.Vs, StatusCode = a.Status, Messages = a.Msgs.Count == 0 ? null : a.Msgs };
        }).ToList();
        return new GetMetricDataResponse { MetricDataResults = results, Messages = messages.Count == 0 ? null : messages };
    }
}
