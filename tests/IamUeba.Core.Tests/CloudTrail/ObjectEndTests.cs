using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>
/// The block-at-a-time end finder against a plain byte-by-byte walk of strings, escapes and
/// brackets: the same end (or none) on every corpus event, on events in a run, and on thousands of
/// random strings dense in quotes, backslashes and brackets, placed at every offset of a block;
/// with 256-bit vectors and without (as on ARM64). Seeded, so a failure repeats.
/// </summary>
public sealed class ObjectEndTests
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Events = new(() => Corpus.EventLines().Select(Encoding.UTF8.GetBytes).ToList());

    [Fact]
    public void Every_corpus_event_ends_where_the_reader_says()
    {
        foreach (var json in Events.Value)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            reader.Skip();
            ObjectEnd.Find(json, 0, 64).Should().Be((int)reader.BytesConsumed, Encoding.UTF8.GetString(json));
            ObjectEnd.Find(json, 0, 64, vectorized: false).Should().Be((int)reader.BytesConsumed, Encoding.UTF8.GetString(json));
        }

        Events.Value.Count.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Events_in_a_run_each_end_where_they_end_pretty_printed_or_not()
    {
        var indented = new JsonSerializerOptions { WriteIndented = true };
        var events = Events.Value.Take(300).Select(e => Encoding.UTF8.GetBytes(JsonNode.Parse(e)!.ToJsonString(indented))).Concat(Events.Value.Take(300)).ToList();
        var run = Encoding.UTF8.GetBytes(string.Join(",\n", events.Select(Encoding.UTF8.GetString)));
        var at = 0;
        foreach (var json in events)
        {
            ObjectEnd.Find(run, at, 64).Should().Be(at + json.Length);
            at += json.Length + 2;
        }
    }

    [Fact]
    public void Random_bytes_end_where_a_byte_by_byte_walk_ends()
    {
        var random = new Random(20_261_202);
        byte[] alphabet = [.. "{}[]\"\\\\\\ax,:\n"u8];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(1, 400);
            var bytes = new byte[length];
            bytes[0] = (byte)'{';
            for (var j = 1; j < length; j++)
            {
                bytes[j] = alphabet[random.Next(alphabet.Length)];
            }

            // Shifted by up to a block, so that runs of backslashes and strings cross block edges everywhere.
            var shift = random.Next(0, 70);
            var data = new byte[shift + length];
            bytes.CopyTo(data, shift);
            var maxDepth = random.Next(1, 12);
            var expected = Walk(data, shift, maxDepth);
            ObjectEnd.Find(data, shift, maxDepth).Should().Be(expected, Encoding.UTF8.GetString(bytes));
            ObjectEnd.Find(data, shift, maxDepth, vectorized: false).Should().Be(expected, "byte at a time: " + Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void Long_runs_of_backslashes_before_a_quote_escape_it_only_when_odd()
    {
        for (var run = 0; run < 200; run++)
        {
            for (var shift = 0; shift < 66; shift++)
            {
                // {"a":"\\\\..."}  then a closing quote that a backslash run of odd length escapes.
                var text = new string(' ', shift) + "{\"a\":\"" + new string('\\', run) + "\"}" + "\"}";
                var data = Encoding.UTF8.GetBytes(text);
                ObjectEnd.Find(data, shift, 8).Should().Be(Walk(data, shift, 8), $"{run} backslashes at {shift}");
                ObjectEnd.Find(data, shift, 8, vectorized: false).Should().Be(Walk(data, shift, 8), $"{run} backslashes at {shift}, byte at a time");
            }
        }
    }

    [Fact]
    public void An_object_cut_short_or_too_deep_has_no_end()
    {
        var json = Events.Value[0];
        ObjectEnd.Find(json.AsSpan(0, json.Length - 1), 0, 64).Should().Be(-1);
        var deep = Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 10) + new string(']', 10) + "}");
        ObjectEnd.Find(deep, 0, 11).Should().Be(deep.Length);
        ObjectEnd.Find(deep, 0, 10).Should().Be(-1);
    }

    // The reference: one byte at a time. A backslash escapes the byte after it wherever it is, as in
    // the block-at-a-time pass (outside a string it is not JSON anyway); an escaped quote is no quote.
    private static int Walk(ReadOnlySpan<byte> data, int at, int maxDepth)
    {
        var depth = 0;
        var inString = false;
        var escapesNext = false;
        for (var i = at; i < data.Length; i++)
        {
            var b = data[i];
            var escaped = escapesNext;
            escapesNext = b == '\\' && !escaped;
            if (b == '"' && !escaped)
            {
                inString = !inString;
            }
            else if (inString)
            {
                continue;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                if (++depth > maxDepth)
                {
                    return -1;
                }
            }
            else if (b is (byte)'}' or (byte)']' && --depth == 0)
            {
                return i + 1;
            }
        }

        return -1;
    }
}
