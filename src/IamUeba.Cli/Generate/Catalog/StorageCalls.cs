namespace IamUeba.Cli.Generate.Catalog;

/// <summary>S3: account-wide management calls, bucket configuration reads (often answered "none"), object data events.</summary>
internal static class StorageCalls
{
    private const string S3 = "s3.amazonaws.com";

    public static readonly ApiCall ListBuckets = new(S3, "ListBuckets", true, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "s3.amazonaws.com";
        e.RequestParameters = "{\"Host\":\"s3.amazonaws.com\"}";
        e.AdditionalEventData = Json.S3Additional(c.Rng, c.Rng.Next(900, 4000));
    })
    { Global = true };

    public static readonly ApiCall GetBucketLocation = Bucket("GetBucketLocation", "location");
    public static readonly ApiCall GetBucketAcl = Bucket("GetBucketAcl", "acl");
    public static readonly ApiCall GetBucketPolicy = Bucket("GetBucketPolicy", "policy") with { BenignError = "NoSuchBucketPolicy", BenignMessage = "The bucket policy does not exist", BenignRate = 0.4 };
    public static readonly ApiCall GetBucketEncryption = Bucket("GetBucketEncryption", "encryption");
    public static readonly ApiCall GetBucketPublicAccessBlock = Bucket("GetBucketPublicAccessBlock", "publicAccessBlock") with { BenignError = "NoSuchPublicAccessBlockConfiguration", BenignMessage = "The public access block configuration was not found", BenignRate = 0.2 };
    public static readonly ApiCall GetBucketTagging = Bucket("GetBucketTagging", "tagging") with { BenignError = "NoSuchTagSet", BenignMessage = "The TagSet does not exist", BenignRate = 0.35 };

    public static readonly ApiCall GetObject = Object("GetObject", readOnly: true);
    public static readonly ApiCall PutObject = Object("PutObject", readOnly: false);

    private static ApiCall Bucket(string name, string subresource) => new(S3, name, true, (c, e) =>
    {
        var bucket = c.Pick(c.R.Buckets);
        var host = $"{bucket}.s3.{c.Region}.amazonaws.com";
        e.TlsHost = host;
        e.RequestParameters = $"{{\"bucketName\":\"{bucket}\",\"Host\":\"{host}\",\"{subresource}\":\"\"}}";
        e.AdditionalEventData = Json.S3Additional(c.Rng, c.Rng.Next(200, 1400));
        e.Resources = Json.Resource("AWS::S3::Bucket", $"arn:aws:s3:::{bucket}", c.Account);
        e.LookupResources = [("AWS::S3::Bucket", bucket)];
    });

    private static ApiCall Object(string name, bool readOnly) => new(S3, name, readOnly, (c, e) => FillObject(c, e, c.Pick(c.R.DataBuckets), ObjectKey(c), readOnly))
    {
        Data = true,
    };

    public static string ObjectKey(CallContext c)
    {
        var day = DateTimeOffset.FromUnixTimeSeconds(c.Time).UtcDateTime;
        return c.Rng.Next(3) switch
        {
            0 => $"events/dt={day:yyyy-MM-dd}/part-{c.Rng.Next(0, 400):D5}-{RandomText.HexString(c.Rng, 8)}.snappy.parquet",
            1 => $"exports/{c.Pick(Population.Names.Apps)}/{day:yyyy/MM/dd}/{RandomText.HexString(c.Rng, 12)}.json.gz",
            _ => $"reports/{c.Pick(Population.Names.Apps)}/{day:yyyy-MM}/summary-{c.Rng.Next(1, 40)}.csv",
        };
    }

    public static void FillObject(CallContext c, TrailEvent e, string bucket, string key, bool readOnly)
    {
        var host = $"{bucket}.s3.{c.Region}.amazonaws.com";
        e.EventVersion = "1.10";
        e.TlsHost = host;
        e.ManagementEvent = false;
        e.EventCategory = "Data";
        e.RequestParameters = $"{{\"bucketName\":\"{bucket}\",\"Host\":\"{host}\",\"key\":\"{key}\"}}";
        var size = c.Rng.Next(2_000, 40_000_000);
        e.ResponseElements = readOnly ? null : $"{{\"x-amz-server-side-encryption\":\"AES256\",\"x-amz-version-id\":\"{RandomText.Alphanumeric(c.Rng, 32)}\"}}";
        e.AdditionalEventData = readOnly ? Json.S3Additional(c.Rng, size) : Json.S3Additional(c.Rng, 0, size);
        e.Resources = $"[{{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::{bucket}/{key}\"}},{{\"accountId\":\"{c.Account}\",\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::{bucket}\"}}]";
        e.LookupResources = [("AWS::S3::Object", $"{bucket}/{key}"), ("AWS::S3::Bucket", bucket)];
    }
}
