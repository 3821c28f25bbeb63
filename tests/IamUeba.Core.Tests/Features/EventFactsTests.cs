using System.Text.Json.Nodes;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Features;

/// <summary>MFA's three states (design §3), seen through the counts R03 reads.</summary>
public sealed class EventFactsTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(int No, int NotObservable)> MfaOf(Record highRiskCall)
    {
        var features = await Analysis.FeaturesOfAsync(highRiskCall.At(Morning));
        features.HighRiskEvents.Should().Be(1);
        return (features.HighRiskWithoutMfa, features.HighRiskMfaNotObservable);
    }

    [Fact]
    public async Task A_long_term_access_key_cannot_carry_mfa()
    {
        (await MfaOf(Record.IamUserWithAccessKey("yara").Iam("CreateAccessKey"))).Should().Be((1, 0));
    }

    [Fact]
    public async Task A_session_records_mfa_as_true_or_false()
    {
        (await MfaOf(Record.IamUser("yara", mfa: false).Iam("CreateAccessKey"))).Should().Be((1, 0));
        (await MfaOf(Record.IamUser("yara", mfa: true).Iam("CreateAccessKey"))).Should().Be((0, 0));
        (await MfaOf(Record.AssumedRole("Admin", "yara", mfa: true).Iam("CreateAccessKey"))).Should().Be((0, 0));
    }

    [Fact]
    public async Task A_session_without_mfaAuthenticated_is_not_observable_rather_than_no()
    {
        (await MfaOf(Record.IamUser("yara", mfa: null).Iam("CreateAccessKey"))).Should().Be((0, 1));
    }

    [Fact]
    public async Task A_web_identity_role_session_is_not_observable()
    {
        var call = Record.AssumedRole("GitHubActionsDeploy", "run-7421", mfa: false).Iam("PutRolePolicy");
        call.Json["userIdentity"]!["sessionContext"]!["webIdFederationData"] = new JsonObject
        {
            ["federatedProvider"] = $"arn:aws:iam::{Record.Account}:oidc-provider/token.actions.githubusercontent.com",
            ["attributes"] = new JsonObject(),
        };

        (await MfaOf(call)).Should().Be((0, 1));
    }

    [Fact]
    public async Task MFAUsed_on_an_API_call_is_taken_as_recorded_when_nothing_else_is()
    {
        // The prototype's sample puts additionalEventData.MFAUsed on API calls.
        Record Call(string mfaUsed)
        {
            var call = Record.IamUser("yara", mfa: null).Iam("CreateUser");
            call.Json["userIdentity"]!.AsObject().Remove("sessionContext");
            call.Json["userIdentity"]!["accessKeyId"] = "ASIAEXAMPLEYARA00001";
            return call.Set("additionalEventData", new JsonObject { ["MFAUsed"] = mfaUsed });
        }

        (await MfaOf(Call("No"))).Should().Be((1, 0));
        (await MfaOf(Call("Yes"))).Should().Be((0, 0));
    }
}
