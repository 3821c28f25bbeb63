namespace IamUeba.Cli.Generate.Catalog;

/// <summary>Fills the API-specific parts of an event: request parameters, response elements, resources.</summary>
internal delegate void Fill(CallContext c, TrailEvent e);

/// <summary>An eventSource/eventName pair that exists, how AWS records it, and its benign error if it has one.</summary>
internal sealed record ApiCall(string Source, string Name, bool ReadOnly, Fill? Fill = null)
{
    /// <summary>An error the API returns in normal use ("the bucket has no policy"), and how often.</summary>
    public string? BenignError { get; init; }
    public string? BenignMessage { get; init; }
    public double BenignRate { get; init; }

    /// <summary>Recorded in us-east-1 wherever the caller is (IAM, Route 53, account-wide S3).</summary>
    public bool Global { get; init; }

    /// <summary>An S3 object call, recorded as a data event.</summary>
    public bool Data { get; init; }

    /// <summary>High-risk in IamUeba's catalogue: people make these only from an MFA session.</summary>
    public bool NeedsMfa { get; init; }
}

/// <summary>An item with its relative weight in a mix.</summary>
internal readonly record struct Weighted<T>(T Item, double Weight);

/// <summary>A service a persona works with, the calls it makes there, and how long a burst of them runs.</summary>
internal sealed record ServiceMix(string Name, Weighted<ApiCall>[] Calls, double BurstMean = 3);
