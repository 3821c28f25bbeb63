namespace IamUeba.Cli.Generate.Catalog;

/// <summary>Athena and Glue, the analysts' daily bread.</summary>
internal static class DataCalls
{
    public static readonly ApiCall StartQueryExecution = new("athena.amazonaws.com", "StartQueryExecution", false, (c, e) =>
    {
        var db = c.Pick(c.R.GlueDatabases);
        var day = DateTimeOffset.FromUnixTimeSeconds(c.Time).UtcDateTime;
        e.TlsHost = $"athena.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"queryString\":\"SELECT {c.Pick(["country, count(*)", "sku, sum(amount)", "user_id, max(ts)", "*"])} FROM {db}.{c.Pick(Population.Names.Apps)}_events WHERE dt = '{day:yyyy-MM-dd}' GROUP BY 1 LIMIT 1000\",\"clientRequestToken\":\"{c.Uuid()}\",\"queryExecutionContext\":{{\"database\":\"{db}\",\"catalog\":\"AwsDataCatalog\"}},\"resultConfiguration\":{{\"outputLocation\":\"s3://athena-results-{c.Account}/\"}},\"workGroup\":\"{c.Pick(c.R.Workgroups)}\"}}";
        e.ResponseElements = $"{{\"queryExecutionId\":\"{c.Uuid()}\"}}";
    });

    public static readonly ApiCall GetQueryExecution = Athena("GetQueryExecution", c => $"{{\"queryExecutionId\":\"{c.Uuid()}\"}}");
    public static readonly ApiCall GetQueryResults = Athena("GetQueryResults", c => $"{{\"queryExecutionId\":\"{c.Uuid()}\",\"maxResults\":1000}}");
    public static readonly ApiCall GetWorkGroup = Athena("GetWorkGroup", c => $"{{\"workGroup\":\"{c.Pick(c.R.Workgroups)}\"}}");

    public static readonly ApiCall GetDatabases = Glue("GetDatabases", c => $"{{\"catalogId\":\"{c.Account}\",\"resourceShareType\":\"ALL\"}}");
    public static readonly ApiCall GetTables = Glue("GetTables", c => $"{{\"databaseName\":\"{c.Pick(c.R.GlueDatabases)}\",\"maxResults\":100}}");
    public static readonly ApiCall GetTable = Glue("GetTable", c => $"{{\"databaseName\":\"{c.Pick(c.R.GlueDatabases)}\",\"name\":\"{c.Pick(Population.Names.Apps)}_events\"}}");
    public static readonly ApiCall GetPartitions = Glue("GetPartitions", c => $"{{\"databaseName\":\"{c.Pick(c.R.GlueDatabases)}\",\"tableName\":\"{c.Pick(Population.Names.Apps)}_events\",\"expression\":\"dt >= '{DateTimeOffset.FromUnixTimeSeconds(c.Time - (7 * 86400)).UtcDateTime:yyyy-MM-dd}'\"}}");

    private static ApiCall Athena(string name, Func<CallContext, string> request) => new("athena.amazonaws.com", name, true, (c, e) =>
    {
        e.TlsHost = $"athena.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
    });

    private static ApiCall Glue(string name, Func<CallContext, string> request) => new("glue.amazonaws.com", name, true, (c, e) =>
    {
        e.TlsHost = $"glue.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
    });
}
