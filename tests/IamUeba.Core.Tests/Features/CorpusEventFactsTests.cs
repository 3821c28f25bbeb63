using IamUeba.Core.Features;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Features;

/// <summary>
/// Hand-checked corpus events: MFA in its three states, failure and source addresses (design §3),
/// as CloudTrail records them.
/// </summary>
public sealed class CorpusEventFactsTests
{
    private const string AwsDocsCloudTrail = "awsdocs-cloudtrail-user-guide/records/doc_examples.json";
    private const string AwsDocsIam = "awsdocs-iam-user-guide/records/doc_examples.json";
    private const string Ocsf = "ocsf-examples/records/cloudtrail_raw_samples.json";
    private const string Sekoia = "sekoia-intake-formats/records/aws-cloudtrail-tests.json";
    private const string OtelRecords = "otel-collector-contrib/raw/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_log.json";

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_console_login_with_mfa_used_yes_is_mfa_yes()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsCloudTrail);

        var login = recording.Events.Single(e => e.EventId == "fed06f42-cb12-4764-8c69-121063dc79b9" && e.Time == At("2022-11-10T16:24:34Z"));
        login.EventName.Should().Be("ConsoleLogin");
        login.Mfa.Should().Be(MfaState.Yes);
        login.Failed.Should().BeFalse();
    }

    [Fact]
    public async Task Root_console_login_with_mfa_used_in_capitals_is_mfa_yes()
    {
        // AWS's own root example writes "MFAUsed": "YES".
        var recording = await Reading.RecordCorpusAsync(AwsDocsCloudTrail);

        var logins = recording.Events.Where(e => e.EventId == "deb1e1f9-c99b-4612-8e9f-21f93b5d79c0").ToList();
        logins.Should().HaveCount(3);
        logins.Count(e => e.Mfa == MfaState.Yes).Should().Be(1, "one version of the example records \"YES\" with a root MFA device");
        logins.Count(e => e.Mfa == MfaState.No).Should().Be(2, "the other two record \"No\"");
    }

    [Fact]
    public async Task A_console_login_with_mfa_used_no_is_mfa_no()
    {
        var recording = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.initial-access.console-login-without-mfa.json");

        var login = recording.Event("865d9377-9c6b-4fd7-8aad-725e95f6a140");
        login.PrincipalKey.Should().Be("arn:aws:iam::562283505220:user/stratus-red-team-nmfalu-jfzdtsvchl");
        login.Mfa.Should().Be(MfaState.No);
    }

    [Fact]
    public async Task An_identity_center_sign_in_is_mfa_not_observable_even_with_mfa_used_true()
    {
        // "MFAUsed": true as a JSON boolean, on an IdentityCenterUser: the identity provider decides MFA, not the record.
        var recording = await Reading.RecordCorpusAsync(OtelRecords);

        var login = recording.Event("a1b2c3d4-5678-90ab-cdef-EXAMPLE22222");
        login.EventName.Should().Be("ConsoleLogin");
        login.Mfa.Should().Be(MfaState.NotObservable);
    }

    [Fact]
    public async Task A_saml_console_sign_in_is_mfa_not_observable_although_it_records_no()
    {
        var recording = await Reading.RecordCorpusAsync(Sekoia);

        var login = recording.Event("e7dd6d97-2d3a-45dc-bb19-a3ea347091e3");
        login.EventName.Should().Be("ConsoleLogin");
        login.PrincipalKey.Should().Be("arn:aws:iam::111111111:role/role");
        login.SessionName.Should().Be("user@example.org");
        login.Mfa.Should().Be(MfaState.NotObservable);
    }

    [Fact]
    public async Task An_api_call_with_mfa_authenticated_true_is_mfa_yes()
    {
        var otrf = await Reading.RecordCorpusAsync("otrf-security-datasets/records/ec2_proxy_s3_exfiltration.json");
        var pedro = otrf.Event("fd4f1042-c7f6-4107-a6ee-d841d92596e7");
        pedro.PrincipalKey.Should().Be("arn:aws:iam::123456789123:user/pedro");
        pedro.Mfa.Should().Be(MfaState.Yes);

        var sekoia = await Reading.RecordCorpusAsync(Sekoia);
        var root = sekoia.Event("eee4217d-4a93-4ad3-89ff-108b25c4c9ab");
        root.PrincipalType.Should().Be("Root");
        root.Mfa.Should().Be(MfaState.Yes);
    }

    [Fact]
    public async Task An_api_call_with_mfa_authenticated_false_in_any_case_is_mfa_no()
    {
        var ocsf = await Reading.RecordCorpusAsync(Ocsf);
        ocsf.Event("7dd15a89-ae0f-4340-8e6c-d6981246c71b").Mfa.Should().Be(MfaState.No);

        // Cloud Custodian's UpdateDistribution fixture writes "mfaAuthenticated": "False".
        var custodian = await Reading.RecordCorpusAsync("cloud-custodian/records/custodian_test_events.json");
        var update = custodian.Event("a1474634-7457-45e1-bc0f-d47e7ad72f79", "UpdateDistribution");
        update.PrincipalKey.Should().Be("arn:aws:iam::012345678912:role/c7nbot");
        update.Mfa.Should().Be(MfaState.No);
    }

    [Fact]
    public async Task An_identity_center_role_session_is_mfa_not_observable_although_it_records_false()
    {
        var recording = await Reading.RecordCorpusAsync("elastic-integrations/records/test-assume-role-email-session-json.json");

        recording.Event("2a17948f-3042-46ec-98e2-62865EXAMPLE").Mfa.Should().Be(MfaState.NotObservable);
    }

    [Fact]
    public async Task Saml_and_web_identity_users_are_mfa_not_observable()
    {
        var recording = await Reading.RecordCorpusAsync(AwsDocsIam);

        recording.Events.Where(e => e.PrincipalType is "SAMLUser" or "WebIdentityUser").Should().HaveCount(3)
            .And.OnlyContain(e => e.Mfa == MfaState.NotObservable);
    }

    [Fact]
    public async Task A_call_signed_with_a_long_term_access_key_is_mfa_no()
    {
        var stratus = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.persistence.iam-backdoor-user.json");
        var call = stratus.Event("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        call.Mfa.Should().Be(MfaState.No, "AKIA... with no sessionContext cannot carry MFA");

        var sekoia = await Reading.RecordCorpusAsync(Sekoia);
        var rootWithKey = sekoia.Event("76a4c7d1-1f00-4ceb-b7ad-3d355a3515cd");
        rootWithKey.EventName.Should().Be("CreateUser");
        rootWithKey.PrincipalType.Should().Be("Root");
        rootWithKey.Mfa.Should().Be(MfaState.No);
    }

    [Fact]
    public async Task A_call_an_aws_service_made_on_a_principals_behalf_is_mfa_not_applicable()
    {
        // GetUserPolicy by JaneDoe through the console: invokedBy signin.amazonaws.com, mfaAuthenticated "false".
        var iam = await Reading.RecordCorpusAsync(AwsDocsIam);
        var viaConsole = iam.Events.Where(e => e.EventId == "cEXAMPLE-127e-4632-980d-505a4EXAMPLE").ToList();
        viaConsole.Should().HaveCount(3).And.OnlyContain(e => e.Mfa == MfaState.NotApplicable && e.PrincipalType == "IAMUser");

        var ocsf = await Reading.RecordCorpusAsync(Ocsf);
        var viaEcs = ocsf.Event("1f28a3f1-106d-4f56-b4ab-a4a18697d7d8");
        viaEcs.PrincipalKey.Should().Be("arn:aws:iam::112233445566:role/aws-service-role/Admin");
        viaEcs.Mfa.Should().Be(MfaState.NotApplicable);
    }

    [Fact]
    public async Task An_error_code_marks_a_call_failed_and_an_empty_one_does_not()
    {
        var stratus = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.credential-access.ec2-get-password-data.json");
        stratus.Events.Where(e => e.EventName == "GetPasswordData").Should().HaveCount(30).And.OnlyContain(e => e.Failed);
        stratus.Event("46558847-8b84-43de-8c96-302aa4744763").Failed.Should().BeTrue("AssumeRole answered AccessDenied");
        stratus.Event("d769ddfd-2cda-4cfa-b33f-05d3b886921d").Failed.Should().BeFalse();

        var otel = await Reading.RecordCorpusAsync(OtelRecords);
        otel.Event("694d604a-d190-4470-8dd1-EXAMPLEe20c1").Failed.Should().BeTrue("UpdateTrail answered TrailNotFoundException");

        var panther = await Reading.RecordCorpusAsync("panther-analysis/records/rule_tests/AWS.S3.BucketDeleted.json");
        var emptyErrorCode = panther.Events.Single(e => e.EventId == "6795ef5c-7777-4444-8888-cabb7f252bd3" && e.Time == At("2020-02-14T00:43:54Z"));
        emptyErrorCode.Failed.Should().BeFalse("\"errorCode\": \"\" is not an error");
    }

    [Fact]
    public async Task A_failed_console_login_without_an_error_code_is_failed()
    {
        var docs = await Reading.RecordCorpusAsync(AwsDocsCloudTrail);
        var root = docs.Events.Where(e => e.EventId == "a4fbbe77-91a0-4238-804a-64314184edb6").ToList();
        root.Should().HaveCount(2).And.OnlyContain(e => e.Failed && e.PrincipalType == "Root" && e.Mfa == MfaState.No);

        var elastic = await Reading.RecordCorpusAsync("elastic-integrations/records/test-console-login-json.json");
        var role = elastic.Events.Single(e => e.PrincipalType == "AssumedRole");
        role.PrincipalKey.Should().Be("arn:aws:iam::123456789012:role/RoleToBeAssumed");
        role.Failed.Should().BeTrue();
        elastic.Events.Single(e => e.PrincipalKey == "arn:aws:iam::111122223333:user/JohnDoe").Failed.Should().BeFalse("ConsoleLogin: Success");
    }

    [Fact]
    public async Task Anonymised_addresses_with_leading_zeros_are_read_as_decimal_octets()
    {
        var login = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.initial-access.console-login-without-mfa.json");
        login.Event("865d9377-9c6b-4fd7-8aad-725e95f6a140").SourceIp.Should().Be("225.1.0.16");

        var bedrock = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.impact.bedrock-invoke-model.json");
        bedrock.Event("4031b2d2-5e47-4d71-9eda-4f22702c45f3").SourceIp.Should().Be("35.249.253.232");

        var admin = await Reading.RecordCorpusAsync("stratus-red-team/records/aws.persistence.iam-create-admin-user.json");
        var attach = admin.Event("083dc4ad-e264-46bc-a407-d0dd31b58bdc");
        attach.RawSourceIp.Should().Be("075.050.255.67");
        attach.SourceIp.Should().Be("75.50.255.67");

        var sekoia = await Reading.RecordCorpusAsync(Sekoia);
        sekoia.Events.Single(e => e.EventName == "PutClusterCapacityProviders").SourceIp.Should().Be("0.0.0.0", "\"00.000.000.00\" is four zero octets");
    }

    [Fact]
    public async Task Aws_service_names_in_source_ip_address_are_not_addresses()
    {
        var sekoia = await Reading.RecordCorpusAsync(Sekoia);
        var awsInternal = sekoia.Event("eee4217d-4a93-4ad3-89ff-108b25c4c9ab");
        awsInternal.RawSourceIp.Should().Be("AWS Internal");
        awsInternal.SourceIp.Should().BeNull();
        var lowerCase = sekoia.Event("8311ce18-5d58-40f1-a4b3-a757df7cbe47");
        lowerCase.RawSourceIp.Should().Be("aws.internal");
        lowerCase.SourceIp.Should().BeNull();

        var iam = await Reading.RecordCorpusAsync(AwsDocsIam);
        iam.Events.Where(e => e.RawSourceIp == "signin.amazonaws.com").Should().HaveCount(3).And.OnlyContain(e => e.SourceIp == null);

        var ocsf = await Reading.RecordCorpusAsync(Ocsf);
        ocsf.Event("1f28a3f1-106d-4f56-b4ab-a4a18697d7d8").SourceIp.Should().BeNull("\"ecs.amazonaws.com\" is a service, not an address");
    }

    [Fact]
    public async Task Global_service_events_recorded_in_us_east_1_are_not_presence_in_a_region()
    {
        var sekoia = await Reading.RecordCorpusAsync(Sekoia);
        sekoia.Event("76a4c7d1-1f00-4ceb-b7ad-3d355a3515cd").GlobalRegion.Should().BeTrue("IAM CreateUser is recorded in us-east-1 wherever the caller is");
        sekoia.Event("eee4217d-4a93-4ad3-89ff-108b25c4c9ab").GlobalRegion.Should().BeFalse("RDS in eu-west-3 is regional");
    }
}
