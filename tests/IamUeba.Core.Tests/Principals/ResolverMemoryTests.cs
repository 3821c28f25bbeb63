using System.Text;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Principals;

/// <summary>
/// The resolver remembers its last answers by the identity's string instances: whatever order
/// events come in, a resolver that has seen thousands answers as a fresh one would.
/// </summary>
public sealed class ResolverMemoryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_long_lived_resolver_answers_every_corpus_event_as_a_fresh_one_does(bool keyRolesBySession)
    {
        var pool = new StringPool();
        var events = Corpus.EventLines().Select(line => Parse(line, pool)).ToList();
        events.Should().HaveCountGreaterThan(1000);
        var shuffled = events.OrderBy(e => e.EventIdLength).ThenBy(e => e.EventTimeSeconds).ToList();
        var resolver = new PrincipalResolver(pool, keyRolesBySession);

        // In file order, then in an order that interleaves principals, then file order again. (Only key
        // and session are compared: one key is one principal, and keeps the type and account first seen.)
        foreach (var e in events.Concat(shuffled).Concat(events))
        {
            var remembered = resolver.Resolve(e);
            var fresh = new PrincipalResolver(pool, keyRolesBySession).Resolve(e);
            (remembered.Key, remembered.SessionName).Should().Be((fresh.Key, fresh.SessionName));
        }
    }

    [Fact]
    public void Events_that_share_an_arn_instance_but_not_an_account_are_told_apart()
    {
        var pool = new StringPool();
        var resolver = new PrincipalResolver(pool, keyRolesBySession: false);
        var unknownInOne = Parse("""{"userIdentity":{"type":"Unknown","principalId":"AIDAEXAMPLE","accountId":"111122223333"},"eventName":"GetCallerIdentity"}""", pool);
        var unknownInOther = Parse("""{"userIdentity":{"type":"Unknown","principalId":"AIDAEXAMPLE","accountId":"444455556666"},"eventName":"GetCallerIdentity"}""", pool);

        unknownInOne.Identity.PrincipalId.Should().BeSameAs(unknownInOther.Identity.PrincipalId);
        resolver.Resolve(unknownInOne).Key.Should().Be("unknown:111122223333:AIDAEXAMPLE");
        resolver.Resolve(unknownInOther).Key.Should().Be("unknown:444455556666:AIDAEXAMPLE");
        resolver.Resolve(unknownInOne).Key.Should().Be("unknown:111122223333:AIDAEXAMPLE");
    }

    private static CloudTrailEvent Parse(string json, StringPool pool)
    {
        var e = new CloudTrailEvent();
        EventParser.Parse(Encoding.UTF8.GetBytes(json), e, pool);
        return e;
    }
}
