using System.ComponentModel.DataAnnotations;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Rules;
using IamUeba.Core.Scoring;

namespace IamUeba.Core;

/// <summary>
/// Everything detection can be told, bound from the <c>IamUeba</c> configuration section. Every
/// default is the prototype's value unless design notes say otherwise.
/// </summary>
public sealed class DetectionOptions
{
    public const string SectionName = "IamUeba";

    /// <summary>IANA time zone in which off-hours are judged.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>First hour of business hours (local, inclusive).</summary>
    [Range(0, 23)]
    public int BusinessHoursStart { get; set; } = 6;

    /// <summary>Hour business hours end (local, exclusive).</summary>
    [Range(1, 24)]
    public int BusinessHoursEnd { get; set; } = 22;

    /// <summary>Key assumed-role principals by session (<c>arn</c>) instead of by role.</summary>
    public bool KeyRolesBySession { get; set; }

    /// <summary>Also rank AWS services acting for themselves (excluded by default: they are not people or workloads you own).</summary>
    public bool IncludeAwsServices { get; set; }

    /// <summary>
    /// Threads that parse and observe a large part (past its first 256 KiB) while the request's thread
    /// reads it. 0: one per processor for all analyses of the process together (a part that finds
    /// none free is read on its request's thread until one is); N &gt; 1: N for each part; 1: the
    /// request's thread alone. The answer is the same whatever the number.
    /// </summary>
    [Range(0, 64)]
    public int ReadThreads { get; set; }

    /// <summary>Bytes of a part read on the request's thread alone before batching starts (tests lower it to batch small files).</summary>
    internal long BatchAfterBytes { get; set; } = 256 * 1024;

    /// <summary>JSON bytes per batch handed to a worker.</summary>
    internal int BatchTargetBytes { get; set; } = CloudTrail.EventBatch.DefaultTargetBytes;

    /// <summary>Event names added to the default high-risk catalogue.</summary>
    public List<string> ExtraHighRiskActions { get; set; } = [];

    /// <summary>Event names added to the default administrative catalogue.</summary>
    public List<string> ExtraAdminActions { get; set; } = [];

    public RuleOptions Rules { get; set; } = new();

    public MlOptions Ml { get; set; } = new();

    public LevelOptions Levels { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();
}
