using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>
/// The fast parser against EventParser on Utf8JsonReader: on every corpus event, and on thousands of
/// them cut, flipped and spliced, it either reads exactly the event EventParser reads, ending where
/// the reader ends, or declines (and never takes what the reader refuses). Seeded, so a failure repeats.
/// </summary>
public sealed class FastEventParserTests
{
    private const int Depth = 64;

    private static readonly byte[] Structural = [.. "{}[],:\""u8];

    private static readonly Lazy<IReadOnlyList<byte[]>> Events = new(() => Corpus.EventLines().Select(Encoding.UTF8.GetBytes).ToList());

    [Fact]
    public void Every_corpus_event_reads_the_same_and_most_are_taken()
    {
        var taken = 0;
        foreach (var json in Events.Value)
        {
            taken += Compare(json) == FastParse.Parsed ? 1 : 0;
        }

        Events.Value.Count.Should().BeGreaterThan(1000);
        taken.Should().BeGreaterThan(Events.Value.Count * 9 / 10, "the fast parser is for the common event (it takes 1,170 of 1,228)");
    }

    [Fact]
    public void Every_corpus_event_pretty_printed_reads_the_same()
    {
        var indented = new JsonSerializerOptions { WriteIndented = true };
        var taken = 0;
        foreach (var json in Events.Value)
        {
            taken += Compare(Encoding.UTF8.GetBytes(JsonNode.Parse(json)!.ToJsonString(indented))) == FastParse.Parsed ? 1 : 0;
        }

        taken.Should().BeGreaterThan(Events.Value.Count * 8 / 10);
    }

    [Fact]
    public void Events_cut_short_anywhere_run_out_or_are_declined_never_read()
    {
        var random = new Random(20_261_128);
        foreach (var json in Events.Value.Where((_, i) => i % 7 == 0))
        {
            for (var i = 0; i < 20; i++)
            {
                var cut = json.AsSpan(0, random.Next(json.Length)).ToArray();
                Compare(cut).Should().NotBe(FastParse.Parsed, Encoding.UTF8.GetString(cut));
            }
        }
    }

    [Fact]
    public void Events_with_bytes_flipped_inserted_or_removed_read_the_same_or_are_declined()
    {
        // The bytes JSON's grammar turns on, and some it does not.
        byte[] specials = [.. "\"\\{}[]:,.-+eE0123456789tfnul \t\r\n/bx\u007f"u8, 0x00, 0x01, 0x1f, 0xc3, 0xa9, 0xff];
        var random = new Random(20_261_129);
        var compared = 0;
        foreach (var json in Events.Value.Where((_, i) => i % 3 == 0))
        {
            for (var i = 0; i < 30; i++)
            {
                var mutated = new List<byte>(json);
                var at = random.Next(mutated.Count);
                switch (random.Next(4))
                {
                    case 3:
                        // One piece of punctuation for another: the grammar's own mistakes.
                        var punctuation = json.Select((b, i) => (b, i)).Where(p => Structural.Contains(p.b)).Select(p => p.i).ToList();
                        mutated[punctuation[random.Next(punctuation.Count)]] = Structural[random.Next(Structural.Length)];
                        break;
                    case 0:
                        mutated[at] = specials[random.Next(specials.Length)];
                        break;
                    case 1:
                        mutated.Insert(at, specials[random.Next(specials.Length)]);
                        break;
                    default:
                        mutated.RemoveAt(at);
                        break;
                }

                Compare([.. mutated]);
                compared++;
            }
        }

        compared.Should().BeGreaterThan(10_000);
    }

    [Theory]
    [InlineData("""{"eventName":"ListUsers","eventTime":null}""")]
    [InlineData("""{"eventName":"ListUsers","eventTime":12}""")]
    [InlineData("""{"eventName":"ListUsers","eventTime":"yesterday"}""")]
    [InlineData("""{"eventTime":"2024-01-01T00:00:00Z","@timestamp":"2024-01-02T00:00:00Z"}""")]
    [InlineData("""{"@timestamp":"2024-01-02T00:00:00Z","eventName":{"a":[1,2,{"b":null}]}}""")]
    [InlineData("""{"eventID":["x"],"eventType":"AwsCloudTrailInsight","EVENTNAME":"x","eventname":"y"}""")]
    [InlineData("""{"additionalEventData":{"MFAUsed":"YES","SAMLProviderArn":""},"responseElements":{"ConsoleLogin":"Success","x":[1.5e3,-0,true,false,null,{}]}}""")]
    [InlineData("""{"additionalEventData":{"MFAUsed":true},"requestParameters":{"cidrIp":"0.0.0.0/0","fromPort":22,"toPort":22.0,"ipProtocol":"tcp","userName":7}}""")]
    [InlineData("""{"requestParameters":{"fromPort":-1,"toPort":99999999999,"cidrIpv6":"::/0"},"responseElements":null}""")]
    [InlineData("""{"userIdentity":{"type":"AssumedRole","accessKeyId":"AKIAEXAMPLE","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/r","type":"Role"},"attributes":{"mfaAuthenticated":"false"},"webIdFederationData":{}}}}""")]
    [InlineData("""{"userIdentity":{"type":"WebIdentityUser","sessionContext":{"webIdFederationData":{"federatedProvider":"x"},"attributes":[]},"onBehalfOf":{"userId":"u","identityStoreArn":"s"}}}""")]
    [InlineData("""{"userIdentity":"root","userAgent":"a\u00e9b","errorCode":"Client.\"Quoted\""}""")]
    [InlineData("""{"eventTime":"2024-01-01T00:00:00\u005a","eventID":"\u0031","eventType":"AwsCloudTrail\u0049nsight","additionalEventData":{"MFAUsed":"\u0059es"}}""")]
    [InlineData("""{"eventName":"x",}""")]
    [InlineData("""{"eventName":"x" "eventTime":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"requestParameters":{"x":01}}""")]
    [InlineData("""{"requestParameters":{"x":tru}}""")]
    [InlineData("""{"requestParameters":{"x":"\q"}}""")]
    [InlineData("""{"requestParameters":{"x":"\u12G4"}}""")]
    [InlineData("""{"requestParameters":{"policyDocument":"{}"}}""")]
    [InlineData("""{"network":{"client":{"ip":"10.0.0.1"}}}""")]
    [InlineData("""{}""")]
    [InlineData("""  {  "eventName" :  "x"  ,  "awsRegion" :  "us-east-1"  }  """)]
    public void Edge_cases_read_the_same_or_are_declined(string json) => Compare(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"userAgent":"a\u00e9b \ud83e\udd16 \"q\" \/ \\ \b\f\n\r\t \u0000","eventName":"\u0041ssumeRole"}""")]
    [InlineData("""{"userAgent":"lone \ud800 high","awsRegion":"lone \udc00 low","sourceIPAddress":"\ud800\u0041"}""")]
    [InlineData("""{"userIdentity":{"arn":"arn:aws:iam::1:user\/a","principalId":"\u0041IDA","sessionContext":{"sessionIssuer":{"arn":"x\ty"}}}}""")]
    [InlineData("""{"requestParameters":{"abc":"x\ny","n":{"a\u0062c":1},"userName":"b\u00f6b","list":["\ud83e\udd16","\ud800"]},"responseElements":{"ConsoleLogin":"Succ\u0065ss","k":{"\"":"\\"}}}""")]
    public void Escaped_values_are_read_with_their_escapes_resolved_as_the_reader_does(string json) =>
        Compare(Encoding.UTF8.GetBytes(json)).Should().Be(FastParse.Parsed);

    [Fact]
    public void Escaped_text_that_is_not_utf8_is_read_as_written_as_the_reader_does()
    {
        // CopyString refuses to unescape text that is not UTF-8; the parsers then keep the bytes as written.
        byte[] json = [.. "{\"userAgent\":\"bad "u8, 0xFF, .. " tab\\t\",\"requestParameters\":{\"k\":\""u8, 0xC3, .. "\\n\"},\"eventName\":\"x\"}"u8];

        Compare(json).Should().Be(FastParse.Parsed);
    }

    [Fact]
    public void Nesting_past_the_depth_given_is_declined()
    {
        var deep = "{\"requestParameters\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10)) + "1" + new string('}', 10) + "}";

        FastEventParser.TryParse(Encoding.UTF8.GetBytes(deep), 0, new CloudTrailEvent(), new StringPool(), depth: 10, out _).Should().Be(FastParse.Declined);
        FastEventParser.TryParse(Encoding.UTF8.GetBytes(deep), 0, new CloudTrailEvent(), new StringPool(), depth: 11, out _).Should().Be(FastParse.Parsed);
    }

    [Fact]
    public void Events_read_one_after_another_on_one_pool_read_as_each_does_alone()
    {
        // One pool remembers each userIdentity it read: the second pass takes every identity from
        // memory, and the altered copies between have identities that differ from a remembered one
        // by a byte (or are no longer valid), which must be read, not recalled.
        var pool = new StringPool();
        var random = new Random(20_261_202);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var json in Events.Value)
            {
                Compare(json, pool);
                var identity = Encoding.UTF8.GetString(json).IndexOf("\"userIdentity\"", StringComparison.OrdinalIgnoreCase);
                if (identity >= 0 && random.Next(4) == 0)
                {
                    var altered = json.ToArray();
                    var at = identity + 16 + random.Next(Math.Min(200, json.Length - identity - 16));
                    altered[at] = (byte)"aZ0\"}:,\\ "[random.Next(9)];
                    Compare(altered, pool);
                }
            }
        }
    }

    [Theory]
    [InlineData("""{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"},"userIdentity":{"userName":"a"},"eventName":"x"}""")]
    [InlineData("""{"userIdentity":null,"userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root"}}""")]
    [InlineData("""{"userIdentity":{"type":"IAMUser"},"eventName":"x","USERIDENTITY":{"type":"Root"}}""")]
    [InlineData("""{"userIdentity":{"type":"AssumedRole","sessionContext":{"attributes":{"mfaAuthenticated":"true"}}}}""")]
    [InlineData("""{"userIdentity":{"type":"AssumedRole","sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}}""")]
    [InlineData("""{"userIdentity":{"type":"AssumedRole","arn":"x"}  ,"eventName":"x"}""")]
    public void A_repeated_identity_reads_the_same_the_second_time_whatever_came_with_it(string json)
    {
        var pool = new StringPool();
        Compare(Encoding.UTF8.GetBytes(json), pool);
        Compare(Encoding.UTF8.GetBytes(json), pool).Should().Be(FastParse.Parsed);
    }

    [Fact]
    public void A_second_userIdentity_in_an_event_is_read_onto_the_first_never_recalled_over_it()
    {
        // The reader reads both into one identity, the second's fields over the first's: a reading
        // remembered from an event where the second stood alone would drop the first's.
        var pool = new StringPool();
        Compare(Encoding.UTF8.GetBytes("""{"userIdentity":{"userName":"alice"},"eventName":"x"}"""), pool);
        Compare(Encoding.UTF8.GetBytes("""{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/alice"},"userIdentity":{"userName":"alice"}}"""), pool)
            .Should().Be(FastParse.Parsed);
    }

    [Fact]
    public void A_remembered_identity_is_still_declined_past_the_depth_given()
    {
        var json = Encoding.UTF8.GetBytes("""{"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/r"}}}}""");
        var pool = new StringPool();

        FastEventParser.TryParse(json, 0, new CloudTrailEvent(), pool, depth: 4, out _).Should().Be(FastParse.Parsed);
        FastEventParser.TryParse(json, 0, new CloudTrailEvent(), pool, depth: 3, out _).Should().Be(FastParse.Declined);
        FastEventParser.TryParse(json, 0, new CloudTrailEvent(), pool, depth: 4, out _).Should().Be(FastParse.Parsed);
    }

    [Fact]
    public void A_value_cut_in_a_repeated_identity_is_counted_every_time_as_the_reader_counts_it()
    {
        var json = Encoding.UTF8.GetBytes("""{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/a-long-role-name/a-long-session"},"eventName":"x"}""");
        var fast = new StringPool(maxLength: 24);
        var slow = new StringPool(maxLength: 24);
        for (var i = 0; i < 3; i++)
        {
            FastEventParser.TryParse(json, 0, new CloudTrailEvent(), fast, Depth, out _).Should().Be(FastParse.Parsed);
            var reader = new Utf8JsonReader(json);
            reader.Read();
            EventParser.ParseAt(ref reader, new CloudTrailEvent(), slow);
        }

        fast.TruncatedValues.Should().Be(3).And.Be(slow.TruncatedValues);
    }

    [Fact]
    public void Copying_an_identity_copies_every_field()
    {
        var original = new UserIdentity();
        foreach (var property in typeof(UserIdentity).GetProperties())
        {
            property.SetValue(original, property.PropertyType == typeof(string) ? property.Name : property.PropertyType == typeof(bool) ? true : (bool?)false);
        }

        var copy = new UserIdentity();
        copy.CopyFrom(original);

        foreach (var property in typeof(UserIdentity).GetProperties())
        {
            property.GetValue(copy).Should().Be(property.GetValue(original), property.Name);
        }
    }

    /// <summary>Both parsers on the bytes; the fast one's answer, once checked against the reader's.</summary>
    private static FastParse Compare(byte[] json, StringPool? pool = null)
    {
        var fast = new CloudTrailEvent();
        var answer = FastEventParser.TryParse(json, 0, fast, pool ?? new StringPool(), Depth, out var end);

        var slow = new CloudTrailEvent();
        string? refused = null;
        long consumed = 0;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                refused = "not an object";
            }
            else
            {
                EventParser.ParseAt(ref reader, slow, new StringPool());
                consumed = reader.BytesConsumed;
            }
        }
        catch (JsonException ex)
        {
            refused = ex.Message;
        }

        var text = Encoding.UTF8.GetString(json);
        if (answer == FastParse.Parsed)
        {
            refused.Should().BeNull($"the reader refuses what the fast parser took: {text}");
            end.Should().Be((int)consumed, text);
            Describe(fast).Should().Be(Describe(slow), text);
        }
        else if (answer == FastParse.RanOut)
        {
            end.Should().Be(json.Length, text);
        }

        return answer;
    }

    private static string Describe(CloudTrailEvent e)
    {
        var id = e.Identity;
        return string.Join(
            "\n",
            e.EventName, e.EventSource, e.AwsRegion, e.SourceIpAddress, e.UserAgent, e.ErrorCode, e.IsInsight, e.RecipientAccountId,
            e.EventTimeSeconds, e.HasEventTime, e.EventTimeUnreadable, e.HasUserIdentity, e.MfaUsed, e.HasSamlProviderArn,
            e.ConsoleLoginResult, e.TargetUserName, e.PolicyArn, e.PolicyDocument, e.ResourcePolicy,
            string.Join(",", e.SharedWith), string.Join(",", e.Ingress), e.RequestHash, e.ResponseHash, Convert.ToHexString(e.EventIdUtf8),
            id.Type, id.Arn, id.PrincipalId, id.AccountId, id.UserName, id.LongTermAccessKey, id.InvokedBy, id.IdentityProvider, id.UserId,
            id.IdentityStoreArn, id.OnBehalfOfUserId, id.OnBehalfOfIdentityStoreArn, id.HasSessionContext, id.SessionIssuerArn,
            id.MfaAuthenticated, id.HasWebIdFederation);
    }
}
