using System.Buffers;
using System.Text.Json;

namespace IamUeba.Cli.Generate.Output;

/// <summary>Renders records into a reused buffer: one writer, no allocation per event beyond the event itself.</summary>
internal sealed class EventSerializer : IDisposable
{
    private readonly ArrayBufferWriter<byte> _record = new(4096);
    private readonly ArrayBufferWriter<byte> _lookup = new(8192);
    private readonly Utf8JsonWriter _recordWriter;
    private readonly Utf8JsonWriter _lookupWriter;

    public EventSerializer()
    {
        _recordWriter = new Utf8JsonWriter(_record, JsonOutput.WriterOptions);
        _lookupWriter = new Utf8JsonWriter(_lookup, JsonOutput.WriterOptions);
    }

    public void Dispose()
    {
        _recordWriter.Dispose();
        _lookupWriter.Dispose();
    }

    /// <summary>The record as CloudTrail writes it.</summary>
    public ReadOnlySpan<byte> Record(TrailEvent e)
    {
        _record.ResetWrittenCount();
        _recordWriter.Reset(_record);
        RecordWriter.Write(_recordWriter, e);
        _recordWriter.Flush();
        return _record.WrittenSpan;
    }

    /// <summary>The lookup-events item: a few fields, and the record itself as a JSON string.</summary>
    public ReadOnlySpan<byte> Lookup(TrailEvent e)
    {
        var record = Record(e);
        _lookup.ResetWrittenCount();
        _lookupWriter.Reset(_lookup);
        var w = _lookupWriter;
        w.WriteStartObject();
        w.WriteString("EventId", e.EventId);
        w.WriteString("EventName", e.EventName);
        w.WriteString("ReadOnly", e.ReadOnly == false ? "false" : "true");
        if (!string.IsNullOrEmpty(e.Identity.AccessKeyId))
        {
            w.WriteString("AccessKeyId", e.Identity.AccessKeyId);
        }

        w.WriteString("EventTime", TimeText.Cli(e.Time));
        w.WriteString("EventSource", e.EventSource);
        if (e.Identity.LookupUserName is { } user)
        {
            w.WriteString("Username", user);
        }

        w.WriteStartArray("Resources");
        foreach (var (type, name) in e.LookupResources ?? [])
        {
            w.WriteStartObject();
            w.WriteString("ResourceType", type);
            w.WriteString("ResourceName", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("CloudTrailEvent", record);
        w.WriteEndObject();
        w.Flush();
        return _lookup.WrittenSpan;
    }
}
