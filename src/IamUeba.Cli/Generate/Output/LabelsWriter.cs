using System.Text.Json;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Output;

/// <summary>
/// The labels file: for each attacker principal (keyed as IamUeba reports it in user_arn), its
/// scenario, MITRE techniques, window and the event IDs of its malicious events; plus the options
/// and the population that produced the run, so it can be reproduced.
/// </summary>
internal static class LabelsWriter
{
    public static async Task WriteAsync(string path, GenerateResult result, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        await using var w = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.WriterOptions.Encoder });
        Write(w, result);
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void Write(Utf8JsonWriter w, GenerateResult result)
    {
        var s = result.Model.Settings;
        w.WriteStartObject();
        w.WriteString("generator", "iamueba generate");
        w.WriteNumber("seed", s.Seed);
        w.WriteString("account_id", result.Model.Account);
        w.WriteStartObject("parameters");
        w.WriteNumber("principals", s.Principals);
        w.WriteNumber("events", s.Events);
        w.WriteNumber("days", s.Days);
        w.WriteString("start", s.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("attackers", s.Attackers);
        w.WriteString("format", s.Format.ToString().ToLowerInvariant());
        w.WriteBoolean("gzip", s.Gzip);
        w.WriteBoolean("split_hourly", s.SplitHourly);
        w.WriteEndObject();
        w.WriteStartObject("population");
        w.WriteNumber("events_written", result.Stats.Events);
        w.WriteNumber("attack_events", result.Labels.Sum(l => l.EventIds.Count));
        w.WriteStartObject("personas");
        foreach (var group in result.Model.Principals.GroupBy(p => p.Persona).OrderBy(g => g.Key))
        {
            w.WriteNumber(group.Key.ToString(), group.Count());
        }

        w.WriteEndObject();
        w.WriteStartObject("kinds");
        foreach (var group in result.Model.Principals.GroupBy(p => p.Kind).OrderBy(g => g.Key))
        {
            w.WriteNumber(group.Key.ToString(), group.Count());
        }

        w.WriteEndObject();
        w.WriteStartObject("time_zones");
        foreach (var group in result.Model.Principals.Where(p => p.Persona.IsPerson()).GroupBy(p => p.ZoneId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(group.Key, group.Count());
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("attackers");
        foreach (var label in result.Labels)
        {
            w.WriteStartObject(label.Principal);
            w.WriteString("principal_type", label.PrincipalType);
            w.WriteString("scenario", label.Scenario);
            WriteArray(w, "mitre", label.Mitre);
            WriteArray(w, "stratus_techniques", label.Stratus);
            w.WriteString("description", label.Description);
            w.WriteString("start", TimeText.Iso(label.Start));
            w.WriteString("end", TimeText.Iso(label.End));
            WriteArray(w, "source_ips", label.SourceIps);
            WriteArray(w, "related_principals", label.RelatedPrincipals);
            w.WriteNumber("event_count", label.EventIds.Count);
            WriteArray(w, "event_ids", label.EventIds);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
