namespace IamUeba.Cli.Generate.Population;

/// <summary>
/// Builds the principals of one account from the seed: people (IAM users and Identity Center users
/// in three time zones with four personas), workloads (CI, services, functions, a legacy key-based
/// service user) and the root user.
/// </summary>
internal static class PopulationBuilder
{
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Asia/Seoul"];

    private static readonly Dictionary<string, string> PermissionSets = new()
    {
        [nameof(Persona.Developer)] = "PowerUserAccess",
        [nameof(Persona.Analyst)] = "DataScientist",
        [nameof(Persona.Ops)] = "AdministratorAccess",
        [nameof(Persona.Auditor)] = "SecurityAudit",
    };

    public static PopulationModel Build(GenerateSettings settings)
    {
        var rng = Seeds.For(settings.Seed, Seeds.Stream.Population);
        var account = rng.Next(1, 10) + RandomText.Digits(rng, 11);
        var resources = new AccountResources(account, rng);
        var ssoRoles = PermissionSets.Values.ToDictionary(ps => ps, ps => ($"AWSReservedSSO_{ps}_{RandomText.HexString(rng, 16)}", RandomText.AwsId(rng, "AROA", 17)));
        var saml = $"arn:aws:iam::{account}:saml-provider/AWSSSO_{RandomText.HexString(rng, 16)}_DO_NOT_DELETE";

        var personas = Personas(settings.Principals, rng);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var principals = new List<Principal>(personas.Count);
        for (var i = 0; i < personas.Count; i++)
        {
            var own = Seeds.For(settings.Seed, Seeds.Stream.Population, i + 1);
            var p = personas[i] switch
            {
                Persona.Root => Root(i, account),
                Persona.LegacyService => LegacyService(i, account, own, used),
                Persona.CiDeploy or Persona.AppService or Persona.LambdaFunction => Workload(i, personas[i], account, own, used, resources),
                _ => Person(i, personas[i], account, own, used, ssoRoles),
            };
            if (p.Kind == PrincipalKind.IamUser)
            {
                resources.Users.Add(p.Name);
            }

            principals.Add(p);
        }

        var clocks = principals.Select(p => p.ZoneId).Distinct().ToDictionary(z => z, z => new ZoneClock(z, settings.StartUnix, settings.Hours));
        return new PopulationModel
        {
            Settings = settings,
            Account = account,
            Principals = principals,
            Clocks = clocks,
            Resources = resources,
            SsoRoles = ssoRoles,
            SamlProviderArn = saml,
        };
    }

    /// <summary>Persona of each index: one root, a few legacy service users, about 28% workloads, people for the rest; shuffled.</summary>
    private static List<Persona> Personas(int count, Random rng)
    {
        var legacy = Math.Max(1, (int)Math.Round(count * 0.04));
        var workloads = Math.Max(1, (int)Math.Round(count * 0.28));
        var people = Math.Max(0, count - 1 - legacy - workloads);
        var list = new List<Persona>(count);
        for (var i = 0; i < people; i++)
        {
            var x = rng.NextDouble();
            list.Add(x < 0.45 ? Persona.Developer : x < 0.70 ? Persona.Analyst : x < 0.88 ? Persona.Ops : Persona.Auditor);
        }

        for (var i = 0; i < workloads; i++)
        {
            var x = rng.NextDouble();
            list.Add(x < 0.15 ? Persona.CiDeploy : x < 0.70 ? Persona.AppService : Persona.LambdaFunction);
        }

        list.AddRange(Enumerable.Repeat(Persona.LegacyService, legacy));
        list.Add(Persona.Root);
        while (list.Count > count)
        {
            list.RemoveAt(0);
        }

        // Fisher-Yates with the seeded generator, so the index says nothing about the persona.
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static Principal Person(int index, Persona persona, string account, Random rng, HashSet<string> used, Dictionary<string, (string RoleName, string RoleId)> ssoRoles)
    {
        var zone = rng.PickWeighted(Zones, z => z == "America/New_York" ? 0.45 : z == "Europe/Berlin" ? 0.35 : 0.20);
        var name = Unique(used, $"{rng.Pick(Names.First)}.{rng.Pick(Names.Last)}");
        var email = $"{name}@example.com";
        var sso = rng.Chance(persona == Persona.Auditor ? 0.8 : 0.35);
        var office = Addresses.Office(zone, index % 2);
        var ipShape = rng.NextDouble();
        string[] ips = ipShape < 0.55 ? [office] : ipShape < 0.70 ? [Addresses.Home(rng, zone)] : [office, Addresses.Home(rng, zone)];
        var (home, second) = Regions(rng, zone, persona);
        var weight = rng.LogNormal(1.0, 1.0) * persona switch
        {
            Persona.Ops => 1.4,
            Persona.Analyst => 0.8,
            Persona.Auditor => 0.5,
            _ => 1.0,
        };
        var kind = sso ? PrincipalKind.IdentityCenter : PrincipalKind.IamUser;
        var roleName = sso ? ssoRoles[PermissionSets[persona.ToString()]].RoleName : null;
        return new Principal
        {
            Index = index,
            Persona = persona,
            Kind = kind,
            Name = sso ? email : name,
            Key = sso ? $"{Arns.Role(account, roleName!)}/{email}" : Arns.User(account, name),
            UniqueId = sso ? ssoRoles[PermissionSets[persona.ToString()]].RoleId : RandomText.AwsId(rng, "AIDA", 17),
            AccessKeyId = sso ? null : RandomText.AwsId(rng, "AKIA"),
            Email = email,
            RoleName = roleName,
            ZoneId = zone,
            HomeRegion = home,
            SecondRegion = second,
            Ips = ips,
            Agent = Agents.Cli(rng),
            Browser = rng.Pick(Agents.Browsers),
            ConsoleShare = persona switch
            {
                Persona.Developer => 0.35,
                Persona.Analyst => 0.8,
                Persona.Ops => 0.6,
                _ => 0.7,
            },
            HasMfa = sso || persona == Persona.Ops || rng.Chance(0.94),
            CliWithMfaSession = persona == Persona.Ops || rng.Chance(0.12),
            ShiftHours = rng.Next(-1, 2),
            Weight = weight,
        };
    }

    private static (string Home, string? Second) Regions(Random rng, string zone, Persona persona)
    {
        var home = zone switch
        {
            "America/New_York" => rng.PickWeighted(["us-east-1", "us-east-2", "us-west-2"], r => r == "us-east-1" ? 0.7 : 0.15),
            "Europe/Berlin" => rng.Chance(0.7) ? "eu-central-1" : "eu-west-1",
            _ => rng.Chance(0.8) ? "ap-northeast-2" : "ap-northeast-1",
        };
        var secondShare = persona switch
        {
            Persona.Ops => 0.5,
            Persona.Auditor => 0.4,
            Persona.Developer => 0.1,
            _ => 0.0,
        };
        string? second = rng.Chance(secondShare) ? (home == "us-east-1" ? "us-west-2" : "us-east-1") : null;
        return (home, second);
    }

    private static Principal Workload(int index, Persona persona, string account, Random rng, HashSet<string> used, AccountResources resources)
    {
        var region = rng.PickWeighted(["us-east-1", "eu-central-1", "ap-northeast-2"], r => r == "us-east-1" ? 0.7 : r == "eu-central-1" ? 0.2 : 0.1);
        var zone = persona == Persona.CiDeploy ? rng.Pick(Zones[..2]) : ZoneOf(region);
        var vpc = region == "us-east-1" ? 0 : region == "eu-central-1" ? 16 : 32;
        var app = rng.Pick(Names.Apps);
        var env = rng.Pick(Names.Environments);
        var (roleName, sessions, agent, weight) = persona switch
        {
            Persona.CiDeploy => (Unique(used, $"ci-deploy-{app}"), Enumerable.Range(0, rng.Next(1, 3)).Select(_ => "i-0" + RandomText.HexString(rng, 16)).ToArray(), rng.Chance(0.5) ? Agents.CiCli : Agents.Terraform, rng.LogNormal(1.5, 0.8)),
            Persona.LambdaFunction => (Unique(used, $"{app}-{env}-lambda-role"), [$"{app}-{env}-handler"], Agents.Lambda(rng), rng.LogNormal(0.9, 1.3)),
            _ => rng.Chance(0.6)
                ? (Unique(used, $"{app}-{env}-task-role"), Enumerable.Range(0, 4).Select(_ => RandomText.HexString(rng, 32)).ToArray(), Agents.Sdk(rng), rng.LogNormal(1.6, 1.3))
                : (Unique(used, $"{app}-{env}-ec2-role"), Enumerable.Range(0, rng.Next(1, 4)).Select(_ => "i-0" + RandomText.HexString(rng, 16)).ToArray(), Agents.Sdk(rng), rng.LogNormal(1.6, 1.3)),
        };
        var ipCount = persona == Persona.CiDeploy ? sessions.Length : rng.Next(1, 3);
        return new Principal
        {
            Index = index,
            Persona = persona,
            Kind = PrincipalKind.Role,
            Name = roleName,
            Key = Arns.Role(account, roleName),
            UniqueId = RandomText.AwsId(rng, "AROA", 17),
            RoleName = roleName,
            SessionNames = sessions,
            ZoneId = zone,
            HomeRegion = region,
            Ips = [.. Enumerable.Range(0, ipCount).Select(_ => Addresses.Private(rng, vpc)).Distinct()],
            Agent = agent,
            Browser = Agents.Browsers[0],
            Weight = weight,
        };
    }

    private static Principal LegacyService(int index, string account, Random rng, HashSet<string> used)
    {
        var name = Unique(used, rng.Pick(["svc-backup", "svc-reporting", "svc-jenkins", "svc-sftp-sync", "svc-etl-legacy"]));
        var zone = rng.Pick(Zones[..2]);
        return new Principal
        {
            Index = index,
            Persona = Persona.LegacyService,
            Kind = PrincipalKind.IamUser,
            Name = name,
            Key = Arns.User(account, name),
            UniqueId = RandomText.AwsId(rng, "AIDA", 17),
            AccessKeyId = RandomText.AwsId(rng, "AKIA"),
            ZoneId = zone,
            HomeRegion = zone == "Europe/Berlin" ? "eu-central-1" : "us-east-1",
            Ips = [$"203.0.113.{200 + (index % 50)}"],
            Agent = rng.Chance(0.5) ? Agents.LegacyCli : Agents.Sdk(rng),
            Browser = Agents.Browsers[0],
            Weight = rng.LogNormal(1.0, 0.8),
        };
    }

    private static Principal Root(int index, string account) => new()
    {
        Index = index,
        Persona = Persona.Root,
        Kind = PrincipalKind.Root,
        Name = "root",
        Key = Arns.Root(account),
        UniqueId = account,
        ZoneId = "America/New_York",
        HomeRegion = "us-east-1",
        Ips = [Addresses.Office("America/New_York", 0)],
        Agent = Agents.Browsers[0],
        Browser = Agents.Browsers[0],
        ConsoleShare = 1,
        HasMfa = true,
        Weight = 0,
    };

    private static string ZoneOf(string region) => region switch
    {
        "eu-central-1" => "Europe/Berlin",
        "ap-northeast-2" => "Asia/Seoul",
        _ => "America/New_York",
    };

    private static string Unique(HashSet<string> used, string name)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name}{n}";
        }

        return candidate;
    }
}
