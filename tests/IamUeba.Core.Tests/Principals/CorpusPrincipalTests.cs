using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Principals;

/// <summary>
/// Hand-checked corpus events: who each one is keyed to (design §2), read from the event itself.
/// </summary>
public sealed class CorpusPrincipalTests
{
    private const string AwsDocsCloudTrail = "awsdocs-cloudtrail-user-guide/records/doc_examples.json";
    private const string AwsDocsIam = "awsdocs-iam-user-guide/records/doc_examples.json";
    private const string Ocsf = "ocsf-examples/records/cloudtrail_raw_samples.json";
    private const string Sekoia = "sekoia-intake-formats/records/aws-cloudtrail-tests.json";
    private const string OtelRecords = "otel-collector-contrib/raw/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_log.json";

    [Fact]
    public async Task An_iam_user_with_a_long_term_key_is_keyed_by_its_user_arn()
    {
        var recording = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.persistence.iam-backdoor-user.json");

        var e = recording.Event("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        e.EventName.Should().Be("CreateAccessKey");
        e.PrincipalKey.Should().Be("arn:aws:iam::946986569305:user/christophe");
        e.PrincipalType.Should().Be("IAMUser");
        e.AccountId.Should().Be("946986569305");
        e.Outcome.Should().Be(EventOutcome.Accepted);
    }

    [Fact]
    public async Task An_assumed_role_is_keyed_by_the_role_arn_of_its_session_issuer_with_the_session_name_kept()
    {
        var recording = await Reading.RecordCorpusAsync(Ocsf);

        var e = recording.Event("7dd15a89-ae0f-4340-8e6c-d6981246c71b");
        e.PrincipalKey.Should().Be("arn:aws:iam::112233445566:role/Admin");
        e.PrincipalType.Should().Be("AssumedRole");
        e.SessionName.Should().Be("Admin-user");
    }

    [Fact]
    public async Task The_otrf_attackers_instance_profile_sessions_are_one_principal_the_role()
    {
        var recording = await Reading.RecordCorpusAsync("otrf-security-datasets/records/ec2_proxy_s3_exfiltration.json");

        var attacker = recording.Events.Where(e => e.SessionName == "i-0317f6c6b66ae9c40").ToList();
        attacker.Should().HaveCount(11, "MANIFEST: the leaked instance-profile keys made 11 calls");
        attacker.Should().OnlyContain(e => e.PrincipalKey == "arn:aws:iam::123456789123:role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0");
        attacker.Select(e => e.EventName).Distinct().Should().BeEquivalentTo("ListBuckets", "ListObjects", "GetObject");
        recording.Events.Count(e => e.PrincipalKey == "arn:aws:iam::123456789123:user/pedro").Should().Be(87);
    }

    [Fact]
    public async Task An_identity_center_permission_set_role_is_keyed_by_role_and_session_name_the_person()
    {
        var recording = await Reading.RecordCorpusAsync("elastic-integrations/records/test-assume-role-email-session-json.json");

        var e = recording.Event("2a17948f-3042-46ec-98e2-62865EXAMPLE");
        e.PrincipalKey.Should().Be("arn:aws:iam::111111111111:role/AWSReservedSSO_SecurityAudit_8df5ccd37b/firstname.lastname@example.com");
        e.PrincipalType.Should().Be("AssumedRole");
        e.SessionName.Should().Be("firstname.lastname@example.com");
    }

    [Fact]
    public async Task An_identity_center_role_session_whose_arn_lost_its_session_part_takes_the_session_from_the_principal_id()
    {
        // Stratus's anonymiser wrote "assumed-role/AWSReservedSSOrandom...@gmail.com" with no "/session"; principalId keeps it.
        var recording = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.lateral-movement.ec2-serial-console-send-ssh-public-key.json");

        recording.Events.Should().HaveCount(4);
        recording.Events.Should().OnlyContain(e =>
            e.PrincipalKey == "arn:aws:iam::844015365555:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_account-admin_599c9e90e350d2ff/randomca0L529zwNAY@gmail.com");
    }

    [Fact]
    public async Task Root_is_keyed_by_the_account_root_arn()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsCloudTrail);

        var logins = recording.Events.Where(e => e.EventId == "deb1e1f9-c99b-4612-8e9f-21f93b5d79c0").ToList();
        logins.Should().NotBeEmpty();
        logins.Should().OnlyContain(e => e.PrincipalKey == "arn:aws:iam::111122223333:root" && e.PrincipalType == "Root");
    }

    [Fact]
    public async Task An_aws_service_acting_for_itself_is_keyed_by_invoked_by_and_excluded_from_ranking()
    {
        var recording = await Reading.RecordCorpusAsync("elastic-integrations/records/test-assume-role-aws-service-json.json");

        var e = recording.Event("b3d7f1a2-6c4e-4d8b-8e21-5a9c0e7f4d33");
        e.PrincipalKey.Should().Be("ec2.amazonaws.com");
        e.PrincipalType.Should().Be("AWSService");
        e.Outcome.Should().Be(EventOutcome.Excluded);
        recording.Aggregator.AwsServices.Should().Contain("ec2.amazonaws.com", 1);
        recording.Aggregator.Principals.Should().BeEmpty();
    }

    [Fact]
    public async Task Service_events_without_a_type_but_with_invoked_by_are_aws_service_events()
    {
        var docs = await Reading.RecordCorpusAsync(AwsDocsCloudTrail);
        var rotateKey = docs.Event("234f004b-EXAMPLE", "RotateKey");
        rotateKey.PrincipalKey.Should().Be("AWS Internal");
        rotateKey.PrincipalType.Should().Be("AWSService");
        rotateKey.Outcome.Should().Be(EventOutcome.Excluded);

        var plaso = await Reading.RecordCorpusAsync("plaso/records/aws_cloudtrail.json");
        var snapshot = plaso.Event("ec783cd8-fad8-41a8-abac-569a78c42e33");
        snapshot.EventName.Should().Be("SharedSnapshotVolumeCreated");
        snapshot.PrincipalKey.Should().Be("ec2.amazonaws.com");
        snapshot.PrincipalType.Should().Be("AWSService");
        snapshot.AccountId.Should().Be("012345678901");
    }

    [Fact]
    public async Task A_cross_account_caller_is_keyed_by_principal_id_with_its_account()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsIam);

        var calls = recording.Events.Where(e => e.PrincipalType == "AWSAccount").ToList();
        calls.Should().HaveCount(5, "MANIFEST: 5 AssumeRole examples by cross-account AWSAccount principals");
        calls.Should().OnlyContain(e => e.PrincipalKey == "awsaccount:777788889999:AIDAQRSTUVWXYZEXAMPLE" && e.AccountId == "777788889999");

        // Five revisions of one example share eventID, time and name but differ in their request and
        // response (session name, a wrapped ARN, the expiration's comma): five events, not redeliveries.
        calls.Should().OnlyContain(e => e.Outcome == EventOutcome.Accepted);
    }

    [Fact]
    public async Task An_identity_center_user_is_keyed_by_user_id_within_its_identity_store()
    {
        var ocsf = await Reading.RecordCorpusAsync(Ocsf);
        var challenge = ocsf.Event("09dc33de-9ddb-4fae-b81b-92465dbf6b61");
        challenge.EventName.Should().Be("CredentialChallenge");
        challenge.PrincipalType.Should().Be("IdentityCenterUser");
        challenge.PrincipalKey.Should().Be("identitycenter:arn:aws:identitystore::123456789012:identitystore/d-9911111111/e3644802-3061-7018-86c3-USERID");

        var otel = await Reading.RecordCorpusAsync(OtelRecords);
        var login = otel.Event("a1b2c3d4-5678-90ab-cdef-EXAMPLE22222");
        login.PrincipalType.Should().Be("IdentityCenterUser");
        login.PrincipalKey.Should().Be("identitycenter:arn:aws:identitystore::123456789012:identitystore/d-12345abcde/d-12345abcde");
    }

    [Fact]
    public async Task Saml_and_web_identity_users_are_keyed_by_identity_provider_and_user()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsIam);

        var saml = recording.Events.Single(e => e.EventName == "AssumeRoleWithSAML" && e.Time == DateTimeOffset.Parse("2019-11-01T19:14:36Z", System.Globalization.CultureInfo.InvariantCulture));
        saml.PrincipalType.Should().Be("SAMLUser");
        saml.PrincipalKey.Should().Be("saml:bdGOnTesti4+ExamplexL/jEvs=/SamlExample");

        var web = recording.Event("bEXAMPLE-0b30-4246-b28c-e3da3EXAMPLE");
        web.EventName.Should().Be("AssumeRoleWithWebIdentity");
        web.PrincipalType.Should().Be("WebIdentityUser");
        web.PrincipalKey.Should().Be("webidentity:accounts.google.com/<id of user>");
    }

    [Fact]
    public async Task A_federated_user_is_keyed_by_its_federated_user_arn()
    {
        var recording = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.persistence.sts-federation-token.json");

        var issuer = recording.Event("6e882b9d-2af8-4c67-b91f-aeac6a0e5e70");
        issuer.PrincipalKey.Should().Be("arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user");

        var federated = recording.Event("91529247-c4c4-4793-afc8-d70bbcfe9d19");
        federated.PrincipalType.Should().Be("FederatedUser");
        federated.PrincipalKey.Should().Be("arn:aws:sts::742491224508:federated-user/stratus_red_team");
    }

    [Fact]
    public async Task Failed_sign_ins_of_unknown_users_stay_together_per_account()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsIam);

        var e = recording.Event("a7654656-0417-45c6-9386-ea8231385051");
        e.PrincipalType.Should().Be("IAMUser");
        e.PrincipalKey.Should().Be("arn:aws:iam::123456789012:user/HIDDEN_DUE_TO_SECURITY_REASONS");
        e.Failed.Should().BeTrue();
    }

    [Fact]
    public async Task A_failed_sign_in_without_an_arn_joins_the_same_users_successful_sign_ins()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsCloudTrail);

        // The failure record carries userName "anaya" and the account but no arn.
        var failure = recording.Events.Single(e => e.EventId == "d38ce1b3-4575-4cb8-a632-611b8243bfc3" && e.Time.Year == 2018);
        failure.PrincipalKey.Should().Be("arn:aws:iam::111122223333:user/anaya");
        recording.Events.Where(e => e.EventId == "fed06f42-cb12-4764-8c69-121063dc79b9").Should().OnlyContain(e => e.PrincipalKey == failure.PrincipalKey);
    }

    [Fact]
    public async Task An_unknown_principal_is_keyed_by_principal_id_within_its_account()
    {
        var recording = await Reading.RecordCorpusAsync(Sekoia);

        var e = recording.Event("11111111-1111-1111-1111-111111111111");
        e.EventName.Should().Be("ChangePassword");
        e.PrincipalType.Should().Be("Unknown");
        e.PrincipalKey.Should().Be("unknown:646456095610:Anonymous");
    }

    [Fact]
    public async Task An_event_without_user_identity_is_unknown_within_its_account_never_merged_across_accounts()
    {
        var created = await Reading.RecordCorpusAsync("panther-analysis/records/rule_tests/Standard.NewAWSAccountCreated.json");
        var result = created.Event("axxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        result.EventName.Should().Be("CreateAccountResult");
        result.PrincipalType.Should().Be("Unknown");
        result.PrincipalKey.Should().Be("unknown:292442345278");

        var signIn = await Reading.RecordCorpusAsync("panther-analysis/records/rule_tests/AWS.Console.Sign-In.json");
        signIn.Event("8cb05708-9764-4774-a048-59a4c8e1684d").PrincipalKey.Should().Be("unknown:no-account");
    }

    [Fact]
    public async Task A_datadog_remapped_event_keeps_its_principal_and_its_address_from_network_client_ip()
    {
        var recording = await Reading.RecordCorpusAsync("zmallen-cloudtrail2sightings/records/aws.execution.ec2-user-data.repaired.json");

        var e = recording.Event("81f9856b-3acd-4d3f-bd34-01741e978037");
        e.PrincipalKey.Should().Be("arn:aws:iam::677301038893:role/account-admin");
        e.SessionName.Should().Be("christophe.tafanidereeper");
        e.SourceIp.Should().Be("62.167.105.104");
        e.Mfa.Should().Be(MfaState.Yes);
    }
}
