using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>
/// A person's working session: whether it began in the console, when, from which address, with
/// which temporary credentials. Derived from the session's start hour alone, so any hour of the
/// session can be generated without the others.
/// </summary>
internal sealed class Sessions(PopulationModel model)
{
    public PersonSession For(Principal p, int hour)
    {
        var start = hour;
        while (start > 0 && !p.SessionStarts[start])
        {
            start--;
        }

        var rng = Seeds.For(model.Settings.Seed, Seeds.Stream.PrincipalDay, p.Index, start);
        var begins = model.HourStart(start) + rng.Next(0, 900);
        var console = rng.Chance(p.ConsoleShare);
        var ip = p.Ips.Length == 1 ? p.Ips[0] : p.Ips[rng.Next(p.Ips.Length)];
        var consoleKey = RandomText.AwsId(rng, "ASIA");
        var cliKey = RandomText.AwsId(rng, "ASIA");
        var account = model.Account;
        CallerIdentity consoleId;
        CallerIdentity cliId;
        var cliHasMfa = false;
        switch (p.Kind)
        {
            case PrincipalKind.IdentityCenter:
                consoleId = CallerIdentity.AssumedRole(account, p.RoleName!, p.UniqueId, p.Name, consoleKey, new Session(begins, false));
                cliId = CallerIdentity.AssumedRole(account, p.RoleName!, p.UniqueId, p.Name, cliKey, new Session(begins, false));
                break;
            case PrincipalKind.Root:
                consoleId = CallerIdentity.Root(account, consoleKey, new Session(begins, true));
                cliId = consoleId;
                break;
            default:
                consoleId = CallerIdentity.IamUser(account, p.Name, p.UniqueId, consoleKey, new Session(begins, p.HasMfa));
                cliHasMfa = p.CliWithMfaSession && p.HasMfa;
                cliId = cliHasMfa
                    ? CallerIdentity.IamUser(account, p.Name, p.UniqueId, cliKey, new Session(begins + 2, true))
                    : CallerIdentity.IamUser(account, p.Name, p.UniqueId, p.AccessKeyId, null);
                break;
        }

        return new PersonSession(start, begins, console, ip, consoleId, cliId, cliHasMfa, cliKey);
    }
}

internal sealed record PersonSession(int StartHour, long Begins, bool Console, string Ip, CallerIdentity ConsoleIdentity, CallerIdentity CliIdentity, bool CliHasMfa, string CliSessionKey);
