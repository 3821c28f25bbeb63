using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// Exposure and theft with a stolen analyst key: a bucket made public by policy, EBS snapshots, an
/// AMI and an RDS snapshot shared with an outside account, then a mass download of the data lake
/// (Stratus aws.exfiltration.ec2-share-ebs-snapshot, ec2-share-ami, rds-share-snapshot; the OTRF
/// cloud_breach_s3 capture for the GetObject burst).
/// </summary>
internal sealed class DataExfiltration : Scenario
{
    private const string ExternalAccount = "012345678901";

    public override string Name => "data-exposure-exfiltration";
    public override IReadOnlyList<string> Mitre => ["T1537", "T1530"];
    public override IReadOnlyList<string> Stratus => ["aws.exfiltration.ec2-share-ebs-snapshot", "aws.exfiltration.ec2-share-ami", "aws.exfiltration.rds-share-snapshot"];
    public override string Description => "A stolen key makes a bucket public, shares snapshots, an AMI and a database snapshot with an external account, then downloads hundreds of objects in minutes.";

    public override bool Eligible(Principal p, PopulationModel model) => p.Kind == PrincipalKind.IamUser && p.AccessKeyId is not null && p.Persona is Persona.Analyst or Persona.Developer;

    public override double Preference(Principal p, double expectedNormal) => p.Persona == Persona.Analyst ? 4 : 1;

    public override int Size(Random rng, double expectedNormal, GenerateSettings settings) => 16 + (int)Math.Clamp(settings.Events / 60, 300, 2500);

    public override void Plan(AttackContext c)
    {
        var key = c.StolenKey();
        var ip = Addresses.Hostile(c.Rng);
        var agent = AttackCalls.Agents[0];
        var region = c.Victim.HomeRegion;
        var bucket = c.Model.Resources.DataBuckets[1];
        var t = c.LocalTime(c.AttackDay(), c.Rng.Next(1, 5), c.Rng.Next(0, 30));
        long Next() => t += c.Rng.Next(2, 20);
        string A(string source, string name) => AttackCalls.CliAgent(agent, source, name);
        var host = $"{bucket}.s3.{region}.amazonaws.com";
        var publicPolicy = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Sid\":\"public\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::{bucket}/*\"}}]}}";

        c.Add(IdentityCalls.GetCallerIdentity, key, ip, A("sts.amazonaws.com", "GetCallerIdentity"), Next());
        c.Add(StorageCalls.ListBuckets, key, ip, A("s3.amazonaws.com", "ListBuckets"), Next());
        var getPolicy = c.Add(AttackCalls.Read("s3.amazonaws.com", "GetBucketPolicy", $"{{\"bucketName\":\"{bucket}\",\"Host\":\"{host}\",\"policy\":\"\"}}"), key, ip, A("s3.amazonaws.com", "GetBucketPolicy"), Next(), region);
        Behaviour.EventFactory.Fail(getPolicy, "NoSuchBucketPolicy", "The bucket policy does not exist");
        c.Add(AttackCalls.Call("s3.amazonaws.com", "DeletePublicAccessBlock", false, $"{{\"bucketName\":\"{bucket}\",\"Host\":\"{host}\",\"publicAccessBlock\":\"\"}}"), key, ip, A("s3.amazonaws.com", "DeletePublicAccessBlock"), Next(), region);
        c.Add(AttackCalls.Call("s3.amazonaws.com", "PutBucketPolicy", false, $"{{\"bucketPolicy\":{publicPolicy},\"bucketName\":\"{bucket}\",\"Host\":\"{host}\",\"policy\":\"\"}}"), key, ip, A("s3.amazonaws.com", "PutBucketPolicy"), Next(), region);
        c.Add(ComputeCalls.DescribeSnapshots, key, ip, A("ec2.amazonaws.com", "DescribeSnapshots"), Next(), region);
        foreach (var snapshot in c.Model.Resources.Snapshots.Take(3))
        {
            c.Add(AttackCalls.Call("ec2.amazonaws.com", "ModifySnapshotAttribute", false,
                $"{{\"snapshotId\":\"{snapshot}\",\"createVolumePermission\":{{\"add\":{{\"items\":[{{\"userId\":\"{ExternalAccount}\"}}]}}}},\"attributeType\":\"CREATE_VOLUME_PERMISSION\"}}",
                "{\"requestId\":\"$REQUEST_ID\",\"_return\":true}"), key, ip, A("ec2.amazonaws.com", "ModifySnapshotAttribute"), Next(), region);
        }

        c.Add(ComputeCalls.DescribeImages, key, ip, A("ec2.amazonaws.com", "DescribeImages"), Next(), region);
        c.Add(AttackCalls.Call("ec2.amazonaws.com", "ModifyImageAttribute", false,
            $"{{\"imageId\":\"{c.Model.Resources.Images[0]}\",\"launchPermission\":{{\"add\":{{\"items\":[{{\"userId\":\"{ExternalAccount}\"}}]}}}},\"attributeType\":\"launchPermission\"}}",
            "{\"requestId\":\"$REQUEST_ID\",\"_return\":true}"), key, ip, A("ec2.amazonaws.com", "ModifyImageAttribute"), Next(), region);
        c.Add(ComputeCalls.DescribeDBSnapshots, key, ip, A("rds.amazonaws.com", "DescribeDBSnapshots"), Next(), region);
        var dbSnapshot = $"rds:{c.Model.Resources.Tables[0]}-{DateTimeOffset.FromUnixTimeSeconds(t).UtcDateTime:yyyy-MM-dd}-03-10";
        c.Add(AttackCalls.Call("rds.amazonaws.com", "ModifyDBSnapshotAttribute", false,
            $"{{\"dBSnapshotIdentifier\":\"{dbSnapshot}\",\"attributeName\":\"restore\",\"valuesToAdd\":[\"{ExternalAccount}\"]}}",
            $"{{\"dBSnapshotIdentifier\":\"{dbSnapshot}\",\"dBSnapshotAttributes\":[{{\"attributeName\":\"restore\",\"attributeValues\":[\"{ExternalAccount}\"]}}]}}"), key, ip, A("rds.amazonaws.com", "ModifyDBSnapshotAttribute"), Next(), region);

        // The download: many objects a fraction of a second apart, as a sync tool pulls them.
        var download = new ApiCall("s3.amazonaws.com", "GetObject", true, (cc, e) => StorageCalls.FillObject(cc, e, bucket, StorageCalls.ObjectKey(cc), readOnly: true)) { Data = true };
        var remaining = c.Remaining;
        for (var i = 0; i < remaining; i++)
        {
            if (i % 4 == 0)
            {
                t += 1;
            }

            c.Add(download, key, ip, A("s3.amazonaws.com", "GetObject"), t, region);
        }
    }
}
